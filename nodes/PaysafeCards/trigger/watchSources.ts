import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ProviderSession } from '../../shared/session';
import type { WatchProvider, WatchSource } from '../../shared/trigger';
import { readIdList, type ValidationReport } from '../../shared/validation';
import { customerIdProperty, readCustomerId } from '../actions/common';
import { normaliseBulkOrder } from '../helpers/bulkStatus';
import { normalisePaysafeCard } from '../helpers/cardStatus';
import { customerPath, PAYSAFE, paysafeProvider } from '../transport';
import { readRecords } from '../../shared/records';

/** What the trigger watches at Paysafe; shown by the trigger node for provider Paysafe Cards. */
export const paysafeWatchProperties: INodeProperties[] = [
	{
		displayName: 'Watch',
		name: 'paysafeWatch',
		type: 'options',
		noDataExpression: true,
		default: 'bulkOrders',
		options: [
			{
				name: 'Bulk Orders',
				value: 'bulkOrders',
				description: 'The status of the given bulk orders (PENDING, PROCESSING, COMPLETED, FAILED)',
			},
			{
				name: "Customer's Cards",
				value: 'cards',
				description: 'The status of each prepaid card of a customer, and new cards as they appear',
			},
		],
	},
	customerIdProperty,
	{
		displayName: 'Bulk IDs',
		name: 'bulkIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.bulkId }} or id1, id2',
		description:
			'IDs Paysafe gave the bulk orders (output "bulkId" of Create), separated by commas, or a list from an expression',
		displayOptions: { show: { paysafeWatch: ['bulkOrders'] } },
	},
];

/**
 * Paysafe lists no bulk orders, so each watched bulk is one GET (asking for one card only: the
 * bulk's status comes with the first page of its cards).
 */
function bulkOrdersSource(customerId: string, bulkIds: string[]): WatchSource {
	return {
		scope: `paysafe:bulkOrders:${customerId}:${bulkIds.join(',')}`,
		readPage: async (session, cursor) => {
			const index = cursor === undefined ? 0 : Number(cursor);
			const bulkId = bulkIds[index];
			const { body } = await session.request<IDataObject>(
				{
					method: 'GET',
					path: customerPath(customerId, `/bulk/${encodeURIComponent(bulkId)}`),
					qs: { limit: 1, offset: 0 },
				},
				`read bulk order ${bulkId}`,
			);
			// The bulk without the page of its cards that comes with it.
			const bulk = { ...(body ?? {}) };
			delete bulk.cards;
			delete bulk.meta;
			return {
				records: [{ id: bulkId, ...bulk }],
				...(index + 1 < bulkIds.length ? { next: String(index + 1) } : {}),
			};
		},
		observe: (bulk, observedAtMs) => {
			const item = normaliseBulkOrder(bulk, undefined, observedAtMs);
			return { key: item.bulkId, status: item.status, state: item.state, item };
		},
	};
}

/** A customer's cards, oldest first, `limit`/`offset` pages; the cursor is the offset. */
function cardsSource(customerId: string): WatchSource {
	return {
		scope: `paysafe:cards:${customerId}`,
		readPage: async (session, cursor) => {
			const offset = cursor === undefined ? 0 : Number(cursor);
			const { body } = await session.request<IDataObject>(
				{
					method: 'GET',
					path: customerPath(customerId),
					qs: { limit: PAYSAFE.maxPageSize, offset },
				},
				`list the cards of customer ${customerId}`,
			);
			const cards = readRecords(body, 'cards');
			return {
				records: cards,
				...(cards.length === PAYSAFE.maxPageSize ? { next: String(offset + cards.length) } : {}),
			};
		},
		observe: (card, observedAtMs) => {
			const item = normalisePaysafeCard(card, observedAtMs);
			if (item.cardId === '') return undefined;
			return { key: item.cardId, status: item.status, state: item.state, item };
		},
	};
}

export const paysafeWatchProvider: WatchProvider = {
	definition: paysafeProvider,
	readSource(session: ProviderSession, report: ValidationReport): WatchSource {
		const customerId = readCustomerId(session, report);
		if (session.parameter<string>('paysafeWatch', 'bulkOrders') === 'cards')
			return cardsSource(customerId);
		const bulkIds = readIdList(report, 'Bulk IDs', session.parameter('bulkIds', ''), true);
		return bulkOrdersSource(customerId, bulkIds);
	},
};
