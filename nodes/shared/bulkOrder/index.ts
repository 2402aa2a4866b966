import { mapWithConcurrency } from '../concurrency';
import { PairedItems } from '../items';
import type { IDataObject } from 'n8n-workflow';

import type { ProviderSession } from '../session';
import { isCarriedByFirstItem } from './cards';
import type { PendingApproval } from './approval';
import { resumeChunk, runChunk } from './chunkRunner';
import type { BulkCreateSpec } from './contract';
import { cardItems, chunkItem, keepForCallItem, summarise } from './output';
import { planItem, planOrder, readBulkOrder } from './plan';
export { derivedCardIds, MAX_CALLS_PER_ORDER } from './plan';

export type * from './contract';
export { bulkOrderOptions, derivedIdsOrderProperties, orderReferenceProperty } from './properties';
export { describeError } from './output';
export { cardsSourceProperties, readCards, type CardsSource } from './cards';
export type { ApprovalDecision, ApprovalStep, PendingApproval } from './approval';

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
	const firstResult = keepForCallItem(run, await runChunk(run, first));
	if (firstResult.outcome === 'failed' && firstResult.error) {
		if (others.length > 0) {
			firstResult.error.description =
				`${firstResult.error.description ?? ''}\nThe other ${others.length} call(s) of this order were not sent.`.trim();
		}
		throw firstResult.error;
	}
	const results = [
		firstResult,
		...(await mapWithConcurrency(others, session.options.maxConcurrency, async (chunk) =>
			keepForCallItem(run, await runChunk(run, chunk)),
		)),
	];

	const totals = summarise(order.numberOfCards, results);
	if (order.outputMode === 'perCard') return new PairedItems(await cardItems(run, results, totals));
	return new PairedItems(results.map((result) => chunkItem(run, result, totals)));
}

/**
 * Sends a call that `runBulkOrder` returned `awaiting_approval` (its output item is the input
 * here) once the person has decided: waits up to `waitMs` for the decision, then creates the
 * chunk with the approval, or reports it denied or still waiting. Outputs the call's item again.
 */
export async function submitAwaitingChunk<TOrder>(
	session: ProviderSession,
	spec: BulkCreateSpec<TOrder>,
	order: TOrder,
	awaiting: IDataObject,
	waitMs: number,
): Promise<PairedItems> {
	const approval = awaiting.approval as PendingApproval | undefined;
	if (awaiting.outcome !== 'awaiting_approval' || !approval?.handle || !approval.request) {
		throw session.problem(
			`This item is not a ${session.provider.label} call awaiting approval (outcome: ${String(awaiting.outcome ?? 'none')})`,
			'Connect the output of a Create whose calls came back "awaiting_approval"; only those items can be submitted.',
		);
	}
	const size = Number(awaiting.size);
	const chunk = {
		index: Number(awaiting.chunkIndex ?? 0),
		offset: 0,
		size,
		...(typeof awaiting.idempotencyKey === 'string'
			? { idempotencyKey: awaiting.idempotencyKey }
			: {}),
	};
	const run = {
		session,
		spec,
		chunkCount: Number(awaiting.chunkCount ?? 1),
		order: {
			orderReference: String(awaiting.orderReference ?? ''),
			numberOfCards: size,
			provider: order,
			additionalBodyFields: {},
			outputMode: 'perCall' as const,
			planOnly: false,
			lookUpFirst: true,
		},
	};
	const result = await resumeChunk(run, chunk, approval, waitMs);
	if (result.counts.created && spec.afterCreate)
		await spec.afterCreate(session, order, result, run.chunkCount);
	return new PairedItems([chunkItem(run, result, summarise(size, [result]))]);
}
