import { randomUUID } from 'crypto';

import { activationToken, type CardSecrets, deriveCard, type DerivedCard } from './cardDerivation';
import type { NewBulkIssuance, ShippingAddress } from './validation';

export interface BulkRecord {
	/** Creation order, 0-based; also the bulk's position in the store. */
	seq: number;
	id: string;
	cardProductId: string;
	numberOfCards: number;
	amount: number | null;
	currency: string | null;
	nameOnCard: string | null;
	shippingAddress: ShippingAddress | null;
	createdAt: number;
	updatedAt: number;
	submittedAt: number | null;
	/** Cards issued by the sandbox before this bulk (numbers its cards' PANs). */
	firstCardNumber: number;
	/** Card index → user id, only for linked cards. */
	linkedUsers?: Map<number, string>;
	/** Card index → status set through the admin API (e.g. SUSPENDED), over INACTIVE/ACTIVE. */
	cardStatuses?: Map<number, CardStatusOverride>;
}

/** Card statuses of NymCard's card page (Inactive, Active, Suspended, Terminated). */
export const CARD_STATUS_VALUES = ['INACTIVE', 'ACTIVE', 'SUSPENDED', 'TERMINATED'] as const;
export type CardStatusOverride = (typeof CARD_STATUS_VALUES)[number];

export interface CardRef {
	bulk: BulkRecord;
	index: number;
}

/**
 * Bulk issuances and the lazily derived cards inside them.
 *
 * Finding a card by activation token: a SHA-512 cannot be inverted, and hashing every card per
 * lookup (or eagerly at creation) costs seconds and hundreds of MB at millions of cards. But the
 * API never returns a PAN or CVV2, so the only way to learn a card's secrets — and so to compute its
 * token — is to reveal them through the admin API. Tokens are therefore indexed when revealed:
 * O(1) lookups, nothing spent at creation, memory only for cards someone can actually link.
 */
export class BulkStore {
	private bulks: BulkRecord[] = [];
	private readonly byId = new Map<string, BulkRecord>();
	private readonly byToken = new Map<string, CardRef>();
	private cardsIssued = 0;

	create(order: NewBulkIssuance, now: number): BulkRecord {
		const bulk: BulkRecord = {
			seq: this.bulks.length,
			id: randomUUID(),
			cardProductId: order.cardProductId,
			numberOfCards: order.numberOfCards,
			amount: order.amount,
			currency: order.currency,
			nameOnCard: order.nameOnCard,
			shippingAddress: order.shippingAddress,
			createdAt: now,
			updatedAt: now,
			submittedAt: null,
			firstCardNumber: this.cardsIssued,
		};
		this.cardsIssued += order.numberOfCards;
		this.bulks.push(bulk);
		this.byId.set(bulk.id, bulk);
		return bulk;
	}

	get(id: string): BulkRecord | undefined {
		return this.byId.get(id.toLowerCase());
	}

	count(): number {
		return this.bulks.length;
	}

	/** Newest first, starting just below `beforeSeq` (or at the newest bulk). */
	newestFirst(limit: number, beforeSeq?: number): { items: BulkRecord[]; hasMore: boolean } {
		const start = (beforeSeq ?? this.bulks.length) - 1;
		const items: BulkRecord[] = [];
		for (let seq = start; seq >= 0 && items.length < limit; seq -= 1) items.push(this.bulks[seq]);
		const lastSeq = start - items.length;
		return { items, hasMore: lastSeq >= 0 };
	}

	card(bulk: BulkRecord, index: number): DerivedCard {
		return deriveCard({
			bulkId: bulk.id,
			index,
			firstCardNumber: bulk.firstCardNumber,
			bulkCreatedAt: bulk.createdAt,
		});
	}

	revealSecrets(bulk: BulkRecord, index: number): CardSecrets {
		const { secrets } = this.card(bulk, index);
		this.byToken.set(activationToken(secrets), { bulk, index });
		return { ...secrets };
	}

	findByActivationToken(token: string): CardRef | undefined {
		return this.byToken.get(token);
	}

	linkedUser(bulk: BulkRecord, index: number): string | null {
		return bulk.linkedUsers?.get(index) ?? null;
	}

	cardStatus(bulk: BulkRecord, index: number): CardStatusOverride | null {
		return bulk.cardStatuses?.get(index) ?? null;
	}

	setCardStatus(bulk: BulkRecord, index: number, status: CardStatusOverride): void {
		bulk.cardStatuses ??= new Map();
		bulk.cardStatuses.set(index, status);
	}

	link(bulk: BulkRecord, index: number, userId: string): void {
		bulk.linkedUsers ??= new Map();
		bulk.linkedUsers.set(index, userId);
	}

	clear(): void {
		this.bulks = [];
		this.byId.clear();
		this.byToken.clear();
		this.cardsIssued = 0;
	}
}
