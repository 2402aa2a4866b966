import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ProviderSession } from '../../shared/session';
import { buildCardStatus, type NormalisedStatus } from '../../shared/status';
import type { WatchProvider, WatchSource } from '../../shared/trigger';
import { readIdList, type ValidationReport } from '../../shared/validation';
import { QONTO_CARD_STATES } from '../helpers/cardStatus';
import { QONTO, qontoProvider, readCardsPage } from '../transport';

/** What the trigger watches at Qonto; shown by the trigger node for provider Qonto Cards. */
export const qontoWatchProperties: INodeProperties[] = [
	{
		displayName: 'Card IDs',
		name: 'cardIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.cardIds }} or id1, id2',
		description:
			'Only these cards (separated by commas, or a list from an expression); empty watches every card',
	},
	{
		displayName: 'Holder IDs',
		name: 'holderIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. membership id1, id2',
		description: 'Only the cards of these holders (membership IDs); empty means any holder',
	},
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		default: [],
		options: Object.keys(QONTO_CARD_STATES).map((status) => ({ name: status, value: status })),
		description:
			'Start watching a card when it is seen in one of these statuses (e.g. pending), then follow it to its next statuses; empty means any status',
	},
];

/** A Qonto card in the normalised status shape: each card is its own order of one. */
export function normaliseQontoCard(
	card: IDataObject,
	observedAtMs: number,
): NormalisedStatus & { cardId: string; holderId: string | null } {
	return {
		...buildCardStatus({
			provider: QONTO.provider,
			table: QONTO_CARD_STATES,
			cardId: typeof card.id === 'string' ? card.id : '',
			status: card.status,
			createdWhen: 'completed',
			observedAtMs,
			raw: card,
		}),
		holderId: typeof card.holder_id === 'string' ? card.holder_id : null,
	};
}

function cardsSource(ids: string[], holderIds: string[], statuses: string[]): WatchSource {
	// Oldest first: new cards come last, so a poll that resumes on page N misses none.
	const query: IDataObject = {
		sort_by: 'created_at:asc',
		...(ids.length ? { ids } : {}),
		...(holderIds.length ? { holder_ids: holderIds } : {}),
	};
	return {
		scope: `qonto:cards:${JSON.stringify([ids, holderIds, [...statuses].sort()])}`,
		readPage: async (session, cursor) => {
			const page = cursor === undefined ? 1 : Number(cursor);
			const { cards, nextPage } = await readCardsPage(session, query, page, 'list cards');
			return {
				records: cards,
				...(nextPage !== undefined ? { next: String(nextPage) } : {}),
			};
		},
		observe: (card, observedAtMs) => {
			const item = normaliseQontoCard(card, observedAtMs);
			if (item.cardId === '') return undefined;
			return { key: item.cardId, status: item.status, state: item.state, item };
		},
		// Filtered here, not by Qonto: a card must stay in sight after it leaves those statuses.
		admit: statuses.length
			? (observation) => statuses.includes(String(observation.status))
			: undefined,
	};
}

export const qontoWatchProvider: WatchProvider = {
	definition: qontoProvider,
	readSource(session: ProviderSession, report: ValidationReport): WatchSource {
		const ids = readIdList(report, 'Card IDs', session.parameter('cardIds', ''), false);
		const holderIds = readIdList(report, 'Holder IDs', session.parameter('holderIds', ''), false);
		const statuses = session.parameter<string[]>('statuses', []);
		return cardsSource(ids, holderIds, Array.isArray(statuses) ? statuses : []);
	},
};
