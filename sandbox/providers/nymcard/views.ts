import type { BulkRecord } from './bulkStore';
import { maskPan } from './cardDerivation';
import type { BulkProgress } from './lifecycle';
import type { NewBulkIssuance, ShippingAddress } from './validation';

export interface BulkIssuanceView {
	id: string | null;
	card_product_id: string;
	number_of_cards: number;
	amount: number | null;
	currency: string | null;
	name_on_card: string | null;
	shipping_address: ShippingAddress | null;
	dry_run: boolean;
	status: string;
	fulfillment_status: string;
	created_at: string;
	updated_at: string;
}

export interface CardView {
	id: string;
	bulk_issuance_id: string;
	card_product_id: string;
	status: 'INACTIVE' | 'ACTIVE' | 'SUSPENDED' | 'TERMINATED';
	fulfillment_status: string;
	masked_pan: string;
	expiry_date: string;
	name_on_card: string | null;
	user_id: string | null;
	created_at: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function bulkIssuanceView(bulk: BulkRecord, progress: BulkProgress): BulkIssuanceView {
	return {
		id: bulk.id,
		card_product_id: bulk.cardProductId,
		number_of_cards: bulk.numberOfCards,
		amount: bulk.amount,
		currency: bulk.currency,
		name_on_card: bulk.nameOnCard,
		shipping_address: bulk.shippingAddress ? { ...bulk.shippingAddress } : null,
		dry_run: false,
		status: progress.status,
		fulfillment_status: progress.fulfillmentStatus,
		created_at: iso(bulk.createdAt),
		updated_at: iso(Math.max(bulk.updatedAt, progress.since ?? bulk.updatedAt)),
	};
}

/** What a create would have returned, without storing anything. */
export function dryRunView(order: NewBulkIssuance, now: number): BulkIssuanceView {
	return {
		id: null,
		card_product_id: order.cardProductId,
		number_of_cards: order.numberOfCards,
		amount: order.amount,
		currency: order.currency,
		name_on_card: order.nameOnCard,
		shipping_address: order.shippingAddress ? { ...order.shippingAddress } : null,
		dry_run: true,
		status: 'DRAFT',
		fulfillment_status: 'Created',
		created_at: iso(now),
		updated_at: iso(now),
	};
}

export function cardView(
	bulk: BulkRecord,
	card: {
		id: string;
		pan: string;
		expiry: string;
		userId: string | null;
		status?: CardView['status'] | null;
	},
	progress: BulkProgress,
): CardView {
	return {
		id: card.id,
		bulk_issuance_id: bulk.id,
		card_product_id: bulk.cardProductId,
		status: card.status ?? (card.userId === null ? 'INACTIVE' : 'ACTIVE'),
		fulfillment_status: progress.fulfillmentStatus,
		masked_pan: maskPan(card.pan),
		expiry_date: card.expiry,
		name_on_card: bulk.nameOnCard,
		user_id: card.userId,
		created_at: iso(bulk.createdAt),
	};
}
