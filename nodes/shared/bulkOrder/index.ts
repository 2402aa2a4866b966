import type { IDataObject } from 'n8n-workflow';

import { mapWithConcurrency } from '../concurrency';
import type { ProviderSession } from '../session';
import { runChunk } from './chunkRunner';
import type { BulkCreateSpec } from './contract';
import { cardItems, chunkItem, summarise } from './output';
import { planItem, planOrder, readBulkOrder } from './plan';

export type * from './contract';
export { bulkOrderOptions, orderReferenceProperty } from './properties';
export { describeError, withoutEmpty } from './output';

/**
 * Runs one bulk order of one input item through the provider's spec (see `contract.ts`):
 * validate → plan → first call alone → the rest under Max Concurrency → totals → output.
 */
export async function runBulkOrder<TOrder>(
	session: ProviderSession,
	spec: BulkCreateSpec<TOrder>,
): Promise<IDataObject[]> {
	const order = readBulkOrder(session, spec);
	const chunks = planOrder(session, spec, order);
	if (order.planOnly) return [planItem(session, spec, order, chunks)];

	const run = { session, spec, order, chunkCount: chunks.length };
	const [first, ...others] = chunks;
	// The first call goes alone: when the provider refuses the order itself (unknown product,
	// invalid field, bad credentials), the other calls would be refused too and are not sent.
	const firstResult = await runChunk(run, first);
	if (firstResult.outcome === 'failed' && firstResult.error) {
		if (others.length > 0) {
			firstResult.error.description =
				`${firstResult.error.description ?? ''}\nThe other ${others.length} call(s) of this order were not sent.`.trim();
		}
		throw firstResult.error;
	}
	const results = [
		firstResult,
		...(await mapWithConcurrency(
			others,
			session.options.maxConcurrency,
			async (chunk) => await runChunk(run, chunk),
		)),
	];

	const totals = summarise(order.numberOfCards, results);
	if (order.outputMode === 'perCard') return await cardItems(session, spec, order, results, totals);
	return results.map((result) => chunkItem(session, spec, order, result, chunks.length, totals));
}
