import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ProviderSession } from '../../shared/session';
import { buildCardStatus, type NormalisedStatus } from '../../shared/status';
import type { WatchProvider, WatchSource } from '../../shared/trigger';
import type { ValidationReport } from '../../shared/validation';
import { CARD_TYPES, idProblem } from '../helpers/batchFields';
import { DINTERO_CARD_STATES } from '../helpers/cardStatus';
import { DINTERO, dinteroProvider } from '../transport';
import { readRecords } from '../../shared/records';

/** What the trigger watches at Dintero; shown by the trigger node for provider Dintero Cards. */
export const dinteroWatchProperties: INodeProperties[] = [
	{
		displayName: 'Watch',
		name: 'dinteroWatch',
		type: 'options',
		noDataExpression: true,
		default: 'prefix',
		options: [
			{
				name: 'All Cards',
				value: 'all',
				description: 'Every card of the account, 100 a page',
			},
			{
				name: 'Cards by Card ID Prefix',
				value: 'prefix',
				description:
					'Cards whose card_id starts with a prefix: the Card ID Prefix of your orders covers every order made with it',
			},
			{
				name: "A Customer's Cards",
				value: 'customer',
				description: 'The cards activated for one customer, 100 a page',
			},
		],
	},
	{
		displayName: 'Card ID Prefix',
		name: 'watchCardIdPrefix',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. GIFT-2026-',
		description:
			'Cards whose card_id starts with this text. Create makes card IDs from its Card ID Prefix, then 16 hex characters of the Order Reference and the card number, so the Card ID Prefix of your orders watches all of them.',
		displayOptions: { show: { dinteroWatch: ['prefix'] } },
	},
	{
		displayName: 'Customer ID',
		name: 'watchCustomerId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.customerId }}',
		description:
			'The customer whose cards to watch (GET …/wallets/customers/{customer_ID}/cards); a card joins when it is activated for the customer',
		displayOptions: { show: { dinteroWatch: ['customer'] } },
	},
	{
		displayName: 'Card Type',
		name: 'watchCardType',
		type: 'options',
		default: '',
		options: [
			{ name: 'Any', value: '' },
			{ name: 'Gift Card', value: 'gift_card' },
			{ name: 'Credit Note', value: 'credit_note' },
		],
		description: "Only cards of this type (Dintero's list filter)",
	},
];

/** Statuses after which a Dintero card does not change any more: the trigger stops following it. */
const FINAL_CARD_STATUSES = new Set(['expired']);

/**
 * A Dintero card in the normalised status shape. Each card is its own order of one, complete
 * once the card exists (the batch call is synchronous), but its life goes on (activated → unused,
 * spent → partially_used / used, expired): `terminal` is true only once it is `expired`, so that
 * the trigger keeps following activation and spending.
 */
export function normaliseDinteroCard(
	card: IDataObject,
	observedAtMs: number,
): NormalisedStatus & {
	cardId: string;
	type: string | null;
	customerId: string | null;
	amountBalance: number | null;
	currency: string | null;
} {
	const text = (value: unknown) => (typeof value === 'string' ? value : null);
	return {
		...buildCardStatus({
			provider: DINTERO.provider,
			table: DINTERO_CARD_STATES,
			cardId: typeof card.card_id === 'string' ? card.card_id : '',
			status: card.status,
			createdWhen: 'completed',
			observedAtMs,
			raw: card,
		}),
		terminal: FINAL_CARD_STATUSES.has(String(card.status)),
		type: text(card.type),
		customerId: text(card.customer_id),
		amountBalance: typeof card.amount_balance === 'number' ? card.amount_balance : null,
		currency: text(card.currency),
	};
}

interface CardsScope {
	path: string;
	query: IDataObject;
	/** Only cards whose card_id starts with this (Dintero has no such filter: applied here). */
	prefix?: string;
	scope: string;
}

/**
 * Dintero's card list, oldest first, `limit` 100 and the opaque `starting_after` cursor it
 * returns while more cards may follow; the trigger's cursor is Dintero's.
 */
function cardsSource({ path, query, prefix, scope }: CardsScope): WatchSource {
	return {
		scope,
		readPage: async (session, cursor) => {
			const { body } = await session.request<IDataObject>(
				{
					method: 'GET',
					path,
					qs: {
						...query,
						limit: DINTERO.maxPageSize,
						...(cursor !== undefined ? { starting_after: cursor } : {}),
					},
					arrayFormat: 'repeat',
				},
				'list the cards',
			);
			const records = readRecords(body, 'cards');
			const next = body?.starting_after;
			const more = typeof next === 'string' && next !== '' && next !== cursor && records.length > 0;
			return { records, ...(more ? { next } : {}) };
		},
		observe: (card, observedAtMs) => {
			const item = normaliseDinteroCard(card, observedAtMs);
			if (item.cardId === '') return undefined;
			if (prefix !== undefined && !item.cardId.startsWith(prefix)) return undefined;
			return { key: item.cardId, status: item.status, state: item.state, item };
		},
	};
}

function readId(report: ValidationReport, field: string, value: unknown): string {
	const text = typeof value === 'string' ? value : value == null ? '' : String(value);
	const problem = idProblem(text);
	if (problem !== undefined) report.add(field, problem);
	return text;
}

export const dinteroWatchProvider: WatchProvider = {
	definition: dinteroProvider,
	readSource(session: ProviderSession, report: ValidationReport): WatchSource {
		const watch = session.parameter<string>('dinteroWatch', 'prefix');
		const type = session.parameter<string>('watchCardType', '');
		if (type !== '' && !CARD_TYPES.includes(type as (typeof CARD_TYPES)[number]))
			report.add('Card Type', `must be one of ${CARD_TYPES.join(', ')}`);
		const query: IDataObject = type ? { type } : {};
		if (watch === 'customer') {
			const customerId = readId(report, 'Customer ID', session.parameter('watchCustomerId', ''));
			return cardsSource({
				path: `/wallets/customers/${encodeURIComponent(customerId)}/cards`,
				query,
				scope: `dintero:customer:${JSON.stringify([customerId, type])}`,
			});
		}
		if (watch === 'prefix') {
			const prefix = readId(report, 'Card ID Prefix', session.parameter('watchCardIdPrefix', ''));
			return cardsSource({
				path: '/wallets/cards',
				query,
				prefix,
				scope: `dintero:prefix:${JSON.stringify([prefix, type])}`,
			});
		}
		if (watch !== 'all') report.add('Watch', `"${watch}" is not something this trigger watches`);
		return cardsSource({
			path: '/wallets/cards',
			query,
			scope: `dintero:all:${JSON.stringify([type])}`,
		});
	},
};
