import { randomUUID } from 'crypto';

import type { BulkOutcome, PaysafeCardType } from './config';
import type { BulkOrder } from './validation';

export type BulkStatus = 'PENDING' | 'PROCESSING' | 'COMPLETED' | 'FAILED';

/** The ten documented card statuses; sandbox cards are created ISSUED (PHYSICAL) or ACTIVE (VIRTUAL). */
export const CARD_STATUSES = [
	'ACTIVE',
	'PENDING',
	'CANCELLED',
	'SUSPENDED',
	'APPLIED',
	'DIGITAL',
	'REJECTED',
	'LOCKED',
	'EXPIRED',
	'ISSUED',
] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];

/** Mastercard-like BIN for every sandbox card. */
export const SANDBOX_BIN = '535522';
const CARD_VALIDITY_YEARS = 3;

export interface BulkRecord {
	id: string;
	customerId: string;
	/** Position in the sandbox's acceptance order. */
	seq: number;
	order: BulkOrder;
	cardType: PaysafeCardType;
	acceptedAt: number;
	processingAt: number;
	completeAt: number;
	outcome: BulkOutcome;
	/** How many cards the bulk creates when it completes (fixed at acceptance). */
	plannedCards: number;
	/** Filled once, when the sandbox clock has passed `completeAt` and someone looked. */
	cards: CardRecord[];
	settled: boolean;
}

export interface CardRecord {
	/** Position in the customer's creation order, 0-based. */
	seq: number;
	cardId: string;
	externalId?: string;
	nameOnCard?: string;
	status: CardStatus;
	expiry: { month: number; year: number };
	bin: string;
	lastFour: string;
	customerId: string;
	cardType: PaysafeCardType;
	programName: string;
	currency: string;
	mobile?: string;
	createdAt: number;
	accountId: string;
	bulkId: string;
}

export interface CardFilter {
	/** `undefined`: any. */
	statuses?: ReadonlySet<string>;
	cardTypes?: ReadonlySet<string>;
}

/** What settling bulks adds to the provider's counters. */
export interface SettlementCounters {
	cardsCreated: number;
	duplicateExternalIds: number;
}

interface CustomerCards {
	/** Every created card, in creation order. */
	list: CardRecord[];
	/** The same cards split by `status|cardType`, each in creation order, for filtered pages. */
	byKind: Map<string, CardRecord[]>;
	/** externalId → cardId of the first card that had it. */
	externalIds: Map<string, string>;
	bulks: Map<string, BulkRecord>;
	/** Bulks not settled yet, ordered by (`completeAt`, `seq`). */
	pending: BulkRecord[];
}

const kindKey = (status: string, cardType: string) => `${status}|${cardType}`;

function comesBefore(left: BulkRecord, right: BulkRecord): boolean {
	return (
		left.completeAt < right.completeAt ||
		(left.completeAt === right.completeAt && left.seq < right.seq)
	);
}

/**
 * Bulks and the cards they create, per customer. Nothing runs on a timer: a bulk's cards come into
 * existence the first time its customer's data is read after the sandbox clock passed `completeAt`
 * (bulks settle in `completeAt` order, so creation order and `createdDate` agree).
 */
export class BulkStore {
	private readonly customers = new Map<string, CustomerCards>();
	private readonly accountIds = new Map<string, string>();
	private nextBulkSeq = 0;
	private nextCardNumber = 0;

	constructor(private readonly counters: SettlementCounters) {}

	private customer(customerId: string): CustomerCards {
		let cards = this.customers.get(customerId);
		if (cards === undefined) {
			cards = {
				list: [],
				byKind: new Map(),
				externalIds: new Map(),
				bulks: new Map(),
				pending: [],
			};
			this.customers.set(customerId, cards);
		}
		return cards;
	}

	accept(bulk: Omit<BulkRecord, 'id' | 'seq' | 'cards' | 'settled'>): BulkRecord {
		const record: BulkRecord = {
			...bulk,
			id: randomUUID(),
			seq: this.nextBulkSeq++,
			cards: [],
			settled: false,
		};
		const cards = this.customer(bulk.customerId);
		cards.bulks.set(record.id, record);
		// Usually the last one; a shorter completeAfterMs set meanwhile may put it earlier.
		let position = cards.pending.length;
		while (position > 0 && comesBefore(record, cards.pending[position - 1])) position -= 1;
		cards.pending.splice(position, 0, record);
		return record;
	}

	/** Creates the cards of every bulk of the customer whose `completeAt` has passed. */
	settle(customerId: string, now: number): void {
		const cards = this.customers.get(customerId);
		if (cards === undefined) return;
		let due = 0;
		while (due < cards.pending.length && cards.pending[due].completeAt <= now) {
			this.createCards(cards, cards.pending[due]);
			due += 1;
		}
		if (due > 0) cards.pending.splice(0, due);
	}

	settleAll(now: number): void {
		for (const customerId of this.customers.keys()) this.settle(customerId, now);
	}

	bulk(customerId: string, bulkId: string, now: number): BulkRecord | undefined {
		this.settle(customerId, now);
		return this.customers.get(customerId)?.bulks.get(bulkId);
	}

	/** All created cards of the customer, oldest first (do not modify the array). */
	cards(customerId: string, now: number): ReadonlyArray<CardRecord> {
		this.settle(customerId, now);
		return this.customers.get(customerId)?.list ?? [];
	}

	/** One page of the customer's cards matching `filter`, and how many match in all. */
	page(
		customerId: string,
		filter: CardFilter,
		offset: number,
		limit: number,
		now: number,
	): { cards: CardRecord[]; total: number } {
		this.settle(customerId, now);
		const cards = this.customers.get(customerId);
		if (cards === undefined) return { cards: [], total: 0 };
		if (filter.statuses === undefined && filter.cardTypes === undefined) {
			return { cards: cards.list.slice(offset, offset + limit), total: cards.list.length };
		}
		const lists = [...cards.byKind.entries()]
			.filter(([key]) => {
				const [status, cardType] = key.split('|');
				return (filter.statuses?.has(status) ?? true) && (filter.cardTypes?.has(cardType) ?? true);
			})
			.map(([, list]) => list);
		const total = lists.reduce((sum, list) => sum + list.length, 0);
		if (lists.length === 1) return { cards: lists[0].slice(offset, offset + limit), total };
		return { cards: mergePage(lists, offset, limit), total };
	}

	clear(): void {
		this.customers.clear();
		this.accountIds.clear();
		this.nextBulkSeq = 0;
		this.nextCardNumber = 0;
	}

	/** The customer's account in a currency (one per currency, numbered as they are first used). */
	private accountId(customerId: string, currency: string): string {
		const key = `${customerId}|${currency}`;
		let id = this.accountIds.get(key);
		if (id === undefined) {
			id = String(500000001 + this.accountIds.size);
			this.accountIds.set(key, id);
		}
		return id;
	}

	private createCards(cards: CustomerCards, bulk: BulkRecord): void {
		if (bulk.settled) return;
		bulk.settled = true;
		const { order } = bulk;
		const created = new Date(bulk.completeAt);
		const expiry = {
			month: created.getUTCMonth() + 1,
			year: created.getUTCFullYear() + CARD_VALIDITY_YEARS,
		};
		const status: CardStatus = bulk.cardType === 'PHYSICAL' ? 'ISSUED' : 'ACTIVE';
		const accountId = this.accountId(bulk.customerId, order.currency);
		const key = kindKey(status, bulk.cardType);
		let kindList = cards.byKind.get(key);
		if (kindList === undefined) {
			kindList = [];
			cards.byKind.set(key, kindList);
		}
		for (let index = 0; index < bulk.plannedCards; index += 1) {
			const spec = order.cards?.[index];
			const cardNumber = this.nextCardNumber++;
			const card: CardRecord = {
				seq: cards.list.length,
				cardId: randomUUID(),
				...(spec?.externalId === undefined ? {} : { externalId: spec.externalId }),
				...(spec?.nameOnCard === undefined ? {} : { nameOnCard: spec.nameOnCard }),
				status,
				expiry: { ...expiry },
				bin: SANDBOX_BIN,
				lastFour: String(cardNumber % 10000).padStart(4, '0'),
				customerId: bulk.customerId,
				cardType: bulk.cardType,
				programName: order.programName,
				currency: order.currency,
				...(typeof order.mobile === 'string' ? { mobile: order.mobile } : {}),
				createdAt: bulk.completeAt,
				accountId,
				bulkId: bulk.id,
			};
			if (card.externalId !== undefined) {
				if (cards.externalIds.has(card.externalId)) this.counters.duplicateExternalIds += 1;
				else cards.externalIds.set(card.externalId, card.cardId);
			}
			cards.list.push(card);
			kindList.push(card);
			bulk.cards.push(card);
		}
		this.counters.cardsCreated += bulk.plannedCards;
	}
}

/** Cards `offset`..`offset + limit` of several creation-ordered lists merged by `seq`. */
function mergePage(
	lists: ReadonlyArray<ReadonlyArray<CardRecord>>,
	offset: number,
	limit: number,
): CardRecord[] {
	const positions = lists.map(() => 0);
	const page: CardRecord[] = [];
	let skipped = 0;
	while (page.length < limit) {
		let best = -1;
		lists.forEach((list, index) => {
			const candidate = list[positions[index]];
			if (candidate === undefined) return;
			if (best < 0 || candidate.seq < lists[best][positions[best]].seq) best = index;
		});
		if (best < 0) break;
		const card = lists[best][positions[best]];
		positions[best] += 1;
		if (skipped < offset) skipped += 1;
		else page.push(card);
	}
	return page;
}
