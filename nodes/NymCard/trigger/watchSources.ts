import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { WatchProvider, WatchSource } from '../../shared/trigger';
import { readIdList, type ValidationReport } from '../../shared/validation';
import type { ProviderSession } from '../../shared/session';
import { fetchBulkIssuance } from '../actions/bulkIssuance/common';
import { normaliseBulkIssuance } from '../helpers/bulkStatus';
import { normaliseCard } from '../helpers/cardStatus';
import { nymCardProvider, readCursorPageAt, resourceId } from '../transport';

/** What the trigger watches at NymCard; shown by the trigger node for provider NymCard. */
export const nymCardWatchProperties: INodeProperties[] = [
	{
		displayName: 'Watch',
		name: 'nymCardWatch',
		type: 'options',
		noDataExpression: true,
		default: 'bulkIssuances',
		options: [
			{
				name: 'Bulk Issuances',
				value: 'bulkIssuances',
				description: 'The status of bulk issuances (DRAFT, SUBMITTED, … COMPLETED)',
			},
			{
				name: 'Cards of Bulk Issuances',
				value: 'cards',
				description: 'The status of each card of the given bulk issuances (INACTIVE, ACTIVE, …)',
			},
		],
	},
	{
		displayName: 'Bulk Issuances',
		name: 'bulkIssuanceSelection',
		type: 'options',
		default: 'all',
		displayOptions: { show: { nymCardWatch: ['bulkIssuances'] } },
		options: [
			{
				name: 'All',
				value: 'all',
				description: 'Every bulk issuance of the account, read page by page',
			},
			{
				name: 'By ID',
				value: 'ids',
				description: 'Only the given bulk issuances, one read each',
			},
		],
	},
	{
		displayName: 'Bulk Issuance IDs',
		name: 'bulkIssuanceIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.bulkIssuanceId }} or id1, id2',
		description:
			'IDs NymCard gave the bulk issuances (output "bulkIssuanceId" of Create), separated by commas, or a list from an expression',
		displayOptions: {
			show: { nymCardWatch: ['cards'] },
		},
	},
	{
		displayName: 'Bulk Issuance IDs',
		name: 'bulkIssuanceIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. id1, id2',
		description:
			'IDs of the bulk issuances to watch, separated by commas, or a list from an expression',
		displayOptions: {
			show: { nymCardWatch: ['bulkIssuances'], bulkIssuanceSelection: ['ids'] },
		},
	},
];

function bulkSource(): WatchSource {
	return {
		scope: 'nymcard:bulkIssuances:all',
		readPage: async (session, cursor) =>
			await readCursorPageAt(session, '/bulkissuances', {}, cursor, 'list bulk issuances'),
		observe: observeBulk,
	};
}

/**
 * NymCard publishes no filter by id on its list, so chosen bulks are read one GET each: for a
 * handful of bulks that is fewer requests than reading every bulk of the account.
 */
function chosenBulksSource(ids: string[]): WatchSource {
	return {
		scope: `nymcard:bulkIssuances:${ids.join(',')}`,
		readPage: async (session, cursor) => {
			const index = cursor === undefined ? 0 : Number(cursor);
			const id = ids[index];
			const bulk = await fetchBulkIssuance(session, id, `read bulk issuance ${id}`);
			return {
				records: [bulk],
				...(index + 1 < ids.length ? { next: String(index + 1) } : {}),
			};
		},
		observe: observeBulk,
	};
}

/** The cards of several bulks, one cursor list after the other; the cursor is `bulk:after`. */
function cardsSource(bulkIds: string[]): WatchSource {
	return {
		scope: `nymcard:cards:${bulkIds.join(',')}`,
		readPage: async (session, cursor) => {
			const separator = cursor?.indexOf(':') ?? -1;
			const index = cursor === undefined ? 0 : Number(cursor.slice(0, separator));
			const after = cursor === undefined ? undefined : cursor.slice(separator + 1) || undefined;
			const bulkId = bulkIds[index];
			const page = await readCursorPageAt(
				session,
				'/cards',
				{ bulk_issuance_id: bulkId },
				after,
				`list the cards of bulk issuance ${bulkId}`,
			);
			const next =
				page.next !== undefined
					? `${index}:${page.next}`
					: index + 1 < bulkIds.length
						? `${index + 1}:`
						: undefined;
			return { records: page.records, ...(next !== undefined ? { next } : {}) };
		},
		observe: (card, observedAtMs) => {
			const item = normaliseCard(card, observedAtMs);
			if (item.cardId === '') return undefined;
			return { key: item.cardId, status: item.status, state: item.state, item };
		},
	};
}

function observeBulk(bulk: IDataObject, observedAtMs: number) {
	const id = resourceId(bulk);
	if (id === undefined) return undefined;
	const item = normaliseBulkIssuance(bulk, observedAtMs);
	return { key: id, status: item.status, state: item.state, item };
}

export const nymCardWatchProvider: WatchProvider = {
	definition: nymCardProvider,
	readSource(session: ProviderSession, report: ValidationReport): WatchSource {
		const watch = session.parameter<string>('nymCardWatch', 'bulkIssuances');
		const ids = () =>
			readIdList(report, 'Bulk Issuance IDs', session.parameter('bulkIssuanceIds', ''), true);
		if (watch === 'cards') return cardsSource(ids());
		if (session.parameter<string>('bulkIssuanceSelection', 'all') === 'ids')
			return chosenBulksSource(ids());
		return bulkSource();
	},
};
