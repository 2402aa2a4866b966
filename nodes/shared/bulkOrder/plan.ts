import type { IDataObject } from 'n8n-workflow';

import { readAdditionalBodyFields } from '../additionalBodyFields';
import { planChunks } from '../chunking';
import { deriveIdempotencyKey } from '../idempotency';
import type { ProviderSession } from '../session';
import { ValidationReport } from '../validation';
import type { BulkCreateSpec, CardEntry, ChunkPlan } from './contract';

/**
 * Calls one order may make: a typo such as 1e12 cards is refused instead of planned (the plan of
 * every call is held in memory), while 100,000 cards at 50 a call still fit.
 */
export const MAX_CALLS_PER_ORDER = 10_000;

export interface BulkOrder<TOrder> {
	orderReference: string;
	numberOfCards: number;
	/** The cards one by one, when the order lists them. */
	cards?: CardEntry[];
	provider: TOrder;
	additionalBodyFields: IDataObject;
	outputMode: 'perCall' | 'perCard';
	planOnly: boolean;
	/** derivedIds mode: look a call's ids up before sending it (option Look Up Before Creating). */
	lookUpFirst: boolean;
}

/** Reads the whole order, the engine's parameters and the provider's; every problem at once. */
export function readBulkOrder<TOrder>(
	session: ProviderSession,
	spec: BulkCreateSpec<TOrder>,
): BulkOrder<TOrder> {
	const report = new ValidationReport();
	const orderReference = report.requireText(
		'Order Reference',
		session.parameter('orderReference'),
		{ maxLength: 200 },
	);
	const { order, numberOfCards, cards } = spec.readOrder(session, report);
	const maxCards = spec.maxCardsPerCall * MAX_CALLS_PER_ORDER;
	if ((cards?.length ?? numberOfCards ?? 0) > maxCards) {
		report.add(
			cards ? 'Cards' : 'Number of Cards',
			`must be at most ${maxCards} in one order (${MAX_CALLS_PER_ORDER} calls of ${spec.maxCardsPerCall}); split larger orders, each with its own Order Reference`,
		);
	}
	if (report.ok && !cards && numberOfCards === undefined) {
		report.add('Number of Cards', 'is missing: give how many cards to order');
	}
	const options = session.parameter<IDataObject>('options', {}) ?? {};
	const additionalBodyFields = readAdditionalBodyFields(report, options.additionalBodyFields);
	report.throwIfInvalid(
		session.context.getNode(),
		session.itemIndex,
		`The ${session.provider.label} order`,
	);
	return {
		orderReference: orderReference as string,
		numberOfCards: cards ? cards.length : (numberOfCards as number),
		cards,
		provider: order,
		additionalBodyFields,
		outputMode: options.outputMode === 'perCard' ? 'perCard' : 'perCall',
		planOnly: options.planOnly === true,
		lookUpFirst: options.lookUpBeforeCreating !== false,
	};
}

/** The chunks of an order, each with the key it will always carry (keyHeader mode). */
export function planOrder<TOrder>(
	session: ProviderSession,
	spec: BulkCreateSpec<TOrder>,
	order: BulkOrder<TOrder>,
): ChunkPlan[] {
	return planChunks(order.numberOfCards, spec.maxCardsPerCall).map((chunk) => ({
		...chunk,
		...(order.cards ? { cards: order.cards.slice(chunk.offset, chunk.offset + chunk.size) } : {}),
		...(spec.idempotency.kind === 'keyHeader'
			? {
					idempotencyKey: deriveIdempotencyKey({
						provider: session.provider.name,
						purpose: spec.purpose,
						orderReference: order.orderReference,
						chunkIndex: chunk.index,
					}),
				}
			: {}),
	}));
}

/**
 * Card ids of a chunk in derivedIds mode: the same for the same order on every run. The
 * reference is hashed so that any reference gives short, URL-safe ids of one length.
 */
export function chunkCardIds<TOrder>(
	session: ProviderSession,
	spec: BulkCreateSpec<TOrder>,
	order: BulkOrder<TOrder>,
	chunk: ChunkPlan,
): string[] {
	if (spec.idempotency.kind !== 'derivedIds') return [];
	const { idPrefix, ownId } = spec.idempotency;
	const prefix = idPrefix(order.provider);
	const orderHash = deriveIdempotencyKey({
		provider: session.provider.name,
		purpose: spec.purpose,
		orderReference: order.orderReference,
	})
		.replace(/-/g, '')
		.slice(0, 16);
	return Array.from(
		{ length: chunk.size },
		(_, position) =>
			(chunk.cards && ownId?.(chunk.cards[position].fields)) ??
			`${prefix}${orderHash}-${chunk.offset + position}`,
	);
}

/**
 * The card ids an order of `count` cards gets in derivedIds mode, without running it: what a
 * status operation needs to find the cards of an order from its reference alone.
 */
export function derivedCardIds<TOrder>(
	session: ProviderSession,
	spec: BulkCreateSpec<TOrder>,
	orderReference: string,
	provider: TOrder,
	count: number,
): string[] {
	const order: BulkOrder<TOrder> = {
		orderReference,
		numberOfCards: count,
		provider,
		additionalBodyFields: {},
		outputMode: 'perCall',
		planOnly: false,
		lookUpFirst: true,
	};
	return chunkCardIds(session, spec, order, { index: 0, offset: 0, size: count });
}

/**
 * What Plan Only returns: the chunks with their keys or ids, the number of requests, and the
 * time they take at a told rate (with automatic pacing the rate is found while running).
 */
export function planItem<TOrder>(
	session: ProviderSession,
	spec: BulkCreateSpec<TOrder>,
	order: BulkOrder<TOrder>,
	chunks: ChunkPlan[],
): IDataObject {
	const requests = chunks.length * (spec.requestsPerChunk?.(order.provider) ?? 1);
	const rate = session.options.pacing.rate;
	return {
		provider: session.provider.name,
		orderReference: order.orderReference,
		planOnly: true,
		requested: order.numberOfCards,
		calls: chunks.length,
		requests,
		maxCardsPerCall: spec.maxCardsPerCall,
		idempotency: spec.idempotency.kind,
		requestsPerSecond: rate ?? 'automatic',
		maxConcurrency: session.options.maxConcurrency,
		expectedSeconds: rate === undefined ? null : Math.ceil(requests / rate),
		chunks: chunks.map((chunk) => {
			const ids = chunkCardIds(session, spec, order, chunk);
			return {
				chunkIndex: chunk.index,
				size: chunk.size,
				...(chunk.idempotencyKey ? { idempotencyKey: chunk.idempotencyKey } : {}),
				...(ids.length > 0 ? { firstCardId: ids[0], lastCardId: ids[ids.length - 1] } : {}),
			};
		}),
	};
}
