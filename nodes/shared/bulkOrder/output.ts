import type { IDataObject, NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ProviderSession } from '../session';
import type { BulkCreateSpec, ChunkResult, Outcome } from './contract';
import type { BulkOrder } from './plan';

export interface OrderTotals {
	requested: number;
	calls: number;
	created: number;
	failed: number;
	unknown: number;
	validated: number;
	/** Present once a provider's order waits for approval (strong customer authentication). */
	awaitingApproval?: number;
}

/** Card counts of the whole order: `requested` is the sum of the outcomes. */
export function summarise(requested: number, results: ChunkResult[]): OrderTotals {
	const totals: OrderTotals = {
		requested,
		calls: results.length,
		created: 0,
		failed: 0,
		unknown: 0,
		validated: 0,
	};
	for (const { counts } of results) {
		for (const [outcome, count] of Object.entries(counts) as Array<[Outcome, number]>) {
			if (outcome === 'awaiting_approval')
				totals.awaitingApproval = (totals.awaitingApproval ?? 0) + count;
			else totals[outcome] += count;
		}
	}
	return totals;
}

export function chunkItem<TOrder>(
	session: ProviderSession,
	spec: BulkCreateSpec<TOrder>,
	order: BulkOrder<TOrder>,
	result: ChunkResult,
	chunkCount: number,
	totals: OrderTotals,
): IDataObject {
	return withoutEmpty({
		provider: session.provider.name,
		orderReference: order.orderReference,
		chunkIndex: result.chunk.index,
		chunkCount,
		size: result.chunk.size,
		outcome: result.outcome,
		counts: Object.keys(result.counts).length > 1 ? result.counts : undefined,
		alreadyExisted: result.alreadyExisted,
		idempotencyKey: result.chunk.idempotencyKey,
		...spec.chunkFields(order.provider, result),
		error: result.error ? describeError(result.error, result.errorAdvice) : undefined,
		order: { orderReference: order.orderReference, ...totals },
	});
}

/** Per-card output: the cards the provider answered with, or listed after creation. */
export async function cardItems<TOrder>(
	session: ProviderSession,
	spec: BulkCreateSpec<TOrder>,
	order: BulkOrder<TOrder>,
	results: ChunkResult[],
	totals: OrderTotals,
): Promise<IDataObject[]> {
	const items: IDataObject[] = [];
	for (const result of results) {
		const cards =
			result.cards ??
			(result.outcome === 'created' && spec.listCards
				? await spec.listCards(session, order.provider, result)
				: undefined);
		if (!cards) {
			items.push(chunkItem(session, spec, order, result, results.length, totals));
			continue;
		}
		for (const card of cards) {
			items.push(
				withoutEmpty({
					provider: session.provider.name,
					orderReference: order.orderReference,
					chunkIndex: result.chunk.index,
					outcome: result.outcome,
					...spec.cardFields(order.provider, result, card),
				}),
			);
		}
	}
	return items;
}

export function describeError(
	error: NodeApiError | NodeOperationError,
	advice?: string,
): IDataObject {
	const httpCode = 'httpCode' in error ? (error.httpCode ?? undefined) : undefined;
	return withoutEmpty({
		message: error.message,
		description: advice ?? error.description ?? undefined,
		httpCode,
	});
}

export function withoutEmpty(object: IDataObject): IDataObject {
	return Object.fromEntries(
		Object.entries(object).filter(([, value]) => value !== undefined && value !== ''),
	);
}
