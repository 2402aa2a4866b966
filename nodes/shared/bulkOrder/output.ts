import type {
	IDataObject,
	INodeExecutionData,
	IPairedItemData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { compact } from '../compact';
import type { OrderRun } from './chunkRunner';
import type { ChunkResult, Outcome } from './contract';

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

/**
 * Per-call output keeps of a call only what its item shows: the provider's fields are taken now
 * and the per-card answers dropped, so a long order does not hold every card's full answer (e.g.
 * Qonto's card objects) until its last call is done.
 */
export function keepForCallItem<TOrder>(run: OrderRun<TOrder>, result: ChunkResult): ChunkResult {
	if (run.order.outputMode !== 'perCall' || !result.cards) return result;
	return {
		...result,
		cards: undefined,
		callFields: run.spec.chunkFields(run.order.provider, result),
	};
}

/** One item per provider call, paired to the input items of its cards. */
export function chunkItem<TOrder>(
	run: OrderRun<TOrder>,
	result: ChunkResult,
	totals: OrderTotals,
): INodeExecutionData {
	const { session, spec, order, chunkCount } = run;
	return {
		json: compact({
			provider: session.provider.name,
			orderReference: order.orderReference,
			chunkIndex: result.chunk.index,
			chunkCount,
			size: result.chunk.size,
			outcome: result.outcome,
			counts: Object.keys(result.counts).length > 1 ? result.counts : undefined,
			alreadyExisted: result.alreadyExisted,
			idempotencyKey: result.chunk.idempotencyKey,
			approval: result.approval,
			...(result.callFields ?? spec.chunkFields(order.provider, result)),
			error: result.error ? describeError(result.error) : undefined,
			order: { orderReference: order.orderReference, ...totals },
		}),
		pairedItem: pairedWith(
			result.chunk.cards?.map((card) => card.itemIndex) ?? [session.itemIndex],
		),
	};
}

/**
 * Per-card output, each card paired to the item it came from: the provider's per-card answers,
 * the cards listed after creation, or the chunk's outcome repeated for each of its cards.
 */
export async function cardItems<TOrder>(
	run: OrderRun<TOrder>,
	results: ChunkResult[],
	totals: OrderTotals,
): Promise<INodeExecutionData[]> {
	const { session, spec, order } = run;
	const items: INodeExecutionData[] = [];
	const cardItem = (result: ChunkResult, itemIndex: number, fields: IDataObject) => ({
		json: compact({
			provider: session.provider.name,
			orderReference: order.orderReference,
			chunkIndex: result.chunk.index,
			outcome: result.outcome,
			...fields,
		}),
		pairedItem: { item: itemIndex },
	});
	for (const result of results) {
		if (result.cards) {
			for (const card of result.cards) {
				items.push(
					cardItem(result, card.itemIndex ?? session.itemIndex, {
						...card.fields,
						outcome: card.outcome,
						error: card.error,
					}),
				);
			}
			continue;
		}
		if (result.outcome === 'created' && spec.listCards) {
			for (const card of await spec.listCards(session, order.provider, result)) {
				items.push(
					cardItem(result, session.itemIndex, spec.cardFields(order.provider, result, card)),
				);
			}
			continue;
		}
		if (result.chunk.cards) {
			const error = result.error ? describeError(result.error) : undefined;
			for (const card of result.chunk.cards) {
				items.push(cardItem(result, card.itemIndex, { card: card.fields, error }));
			}
			continue;
		}
		items.push(chunkItem(run, result, totals));
	}
	return items;
}

function pairedWith(itemIndexes: number[]): IPairedItemData | IPairedItemData[] {
	const unique = [...new Set(itemIndexes)];
	return unique.length === 1 ? { item: unique[0] } : unique.map((item) => ({ item }));
}

export function describeError(error: NodeApiError | NodeOperationError): IDataObject {
	const httpCode = 'httpCode' in error ? (error.httpCode ?? undefined) : undefined;
	return compact({
		message: error.message,
		description: error.description ?? undefined,
		httpCode,
	});
}
