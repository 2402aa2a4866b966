import type { BulkRecord, BulkStatus, CardRecord } from './bulkStore';

export const FAILED_STATUS_REASON = 'Card production failed';

const iso = (ms: number) => new Date(ms).toISOString();

/** Computed at read time from the sandbox clock, so progress needs no timer. */
export function bulkStatus(bulk: BulkRecord, now: number): BulkStatus {
	if (now < bulk.processingAt) return 'PENDING';
	if (now < bulk.completeAt) return 'PROCESSING';
	return bulk.outcome === 'fail' ? 'FAILED' : 'COMPLETED';
}

function statusReason(bulk: BulkRecord, status: BulkStatus): string | undefined {
	if (status === 'FAILED') return FAILED_STATUS_REASON;
	if (status === 'COMPLETED' && bulk.plannedCards < bulk.order.quantity) {
		return `${bulk.plannedCards} of ${bulk.order.quantity} cards were created`;
	}
	return undefined;
}

/** The fields of the order as sent (mobile and deliveryAddress only when sent, possibly null). */
function orderFields(bulk: BulkRecord): Record<string, unknown> {
	const { order } = bulk;
	return {
		programName: order.programName,
		currency: order.currency,
		...(order.mobile === undefined ? {} : { mobile: order.mobile }),
		...(order.deliveryAddress === undefined ? {} : { deliveryAddress: order.deliveryAddress }),
	};
}

/** The 202 answer to a bulk order (BulkCardsResponse). */
export function acceptedBulkView(bulk: BulkRecord): Record<string, unknown> {
	return {
		id: bulk.id,
		customerId: bulk.customerId,
		quantity: bulk.order.quantity,
		...orderFields(bulk),
	};
}

/** A created card; the PIN is never part of it. */
export function cardView(card: CardRecord): Record<string, unknown> {
	return {
		cardId: card.cardId,
		...(card.externalId === undefined ? {} : { externalId: card.externalId }),
		...(card.nameOnCard === undefined ? {} : { nameOnCard: card.nameOnCard }),
		status: card.status,
		expiry: { ...card.expiry },
		bin: card.bin,
		lastFour: card.lastFour,
		customerId: card.customerId,
		cardType: card.cardType,
		programName: card.programName,
		currency: card.currency,
		...(card.mobile === undefined ? {} : { mobile: card.mobile }),
		createdDate: iso(card.createdAt),
		accountId: card.accountId,
		bulkId: card.bulkId,
	};
}

export interface PageMeta {
	numberOfRecords: number;
	limit: number;
	/** 1-based: `offset / limit + 1`, rounded down. */
	page: number;
}

export function pageMeta(numberOfRecords: number, offset: number, limit: number): PageMeta {
	return { numberOfRecords, limit, page: Math.floor(offset / limit) + 1 };
}

/** `GET .../bulk/{bulkId}`: `quantity` counts the cards created so far (0 until completed). */
export function bulkView(
	bulk: BulkRecord,
	now: number,
	offset: number,
	limit: number,
): Record<string, unknown> {
	const status = bulkStatus(bulk, now);
	const reason = statusReason(bulk, status);
	return {
		id: bulk.id,
		customerId: bulk.customerId,
		quantity: bulk.cards.length,
		status,
		...(reason === undefined ? {} : { statusReason: reason }),
		...orderFields(bulk),
		createdDate: iso(bulk.acceptedAt),
		cards: bulk.cards.slice(offset, offset + limit).map(cardView),
		meta: pageMeta(bulk.cards.length, offset, limit),
	};
}
