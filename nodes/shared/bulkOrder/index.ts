import { mapWithConcurrency } from '../concurrency';
import { PairedItems } from '../items';
import type { ProviderSession } from '../session';
import { isCarriedByFirstItem } from './cards';
import { runChunk } from './chunkRunner';
import type { BulkCreateSpec } from './contract';
import { cardItems, chunkItem, summarise } from './output';
import { planItem, planOrder, readBulkOrder } from './plan';

export type * from './contract';
export { bulkOrderOptions, orderReferenceProperty } from './properties';
export { describeError, withoutEmpty } from './output';
export { cardsSourceProperties, readCards, type CardsSource } from './cards';

/**
 * Runs one bulk order of one input item through the provider's spec (see `contract.ts`):
 * validate → plan → first call alone → the rest under Max Concurrency → totals → output.
 */
export async function runBulkOrder<TOrder>(
	session: ProviderSession,
	spec: BulkCreateSpec<TOrder>,
): Promise<PairedItems> {
	if (isCarriedByFirstItem(session)) return new PairedItems([]);
	const order = readBulkOrder(session, spec);
	const chunks = planOrder(session, spec, order);
	if (order.planOnly) {
		return new PairedItems([
			{ json: planItem(session, spec, order, chunks), pairedItem: { item: session.itemIndex } },
		]);
	}

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
	if (order.outputMode === 'perCard') return new PairedItems(await cardItems(run, results, totals));
	return new PairedItems(results.map((result) => chunkItem(run, result, totals)));
}
