import { randomUUID } from 'crypto';

import type { QontoMembership } from './config';
import { type CardInput, isPhysical } from './validation';

/** Documented card statuses (providers.md §2.4 and §6); the sandbox moves cards through a few. */
export const CARD_STATUSES = [
	'pending',
	'live',
	'paused',
	'stolen',
	'lost',
	'pin_blocked',
	'discarded',
	'expired',
	'shipped_lost',
	'onhold',
	'order_canceled',
	'pre_expired',
	'abusive',
	'deleted',
] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];

export interface CardRecord {
	id: string;
	/** Creation order, for stable sorting. */
	seq: number;
	input: CardInput;
	organizationId: string;
	embossedName: string;
	holderFirstName: string;
	holderLastName: string;
	lastDigits: string;
	expMonth: string;
	expYear: string;
	createdAt: number;
	/** Forced by configuration at creation (e.g. `onhold` for a holder without KYC). */
	heldStatus: CardStatus | null;
	/** When an admin call last set `heldStatus` (it then shows as the card's status since then). */
	statusChangedAt?: number;
}

export interface CardTiming {
	physicalLiveAfterMs: number;
	virtualLiveAfterMs: number;
}

export interface CardProgress {
	status: CardStatus;
	/** When the card entered its current status. */
	since: number;
}

/** The status a card has at `now`, computed from its creation time: no timers. */
export function cardProgress(card: CardRecord, timing: CardTiming, now: number): CardProgress {
	if (card.heldStatus !== null)
		return { status: card.heldStatus, since: card.statusChangedAt ?? card.createdAt };
	const delay = isPhysical(card.input.card_level)
		? timing.physicalLiveAfterMs
		: timing.virtualLiveAfterMs;
	const liveAt = card.createdAt + delay;
	return now >= liveAt
		? { status: 'live', since: liveAt }
		: { status: 'pending', since: card.createdAt };
}

export class CardStore {
	private readonly cards = new Map<string, CardRecord>();
	private nextSeq = 1;

	create(
		input: CardInput,
		holder: QontoMembership,
		organizationId: string,
		now: number,
		heldStatus: CardStatus | null,
	): CardRecord {
		const seq = this.nextSeq++;
		const expiry = new Date(now);
		expiry.setUTCFullYear(expiry.getUTCFullYear() + 3);
		const record: CardRecord = {
			id: randomUUID(),
			seq,
			input,
			organizationId,
			embossedName: `${holder.first_name} ${holder.last_name}`.toUpperCase(),
			holderFirstName: holder.first_name,
			holderLastName: holder.last_name,
			lastDigits: String(1000 + (seq % 9000)).padStart(4, '0'),
			expMonth: String(expiry.getUTCMonth() + 1),
			expYear: String(expiry.getUTCFullYear()),
			createdAt: now,
			heldStatus,
		};
		this.cards.set(record.id, record);
		return record;
	}

	get(id: string): CardRecord | undefined {
		return this.cards.get(id.toLowerCase());
	}

	all(): CardRecord[] {
		return [...this.cards.values()];
	}

	count(): number {
		return this.cards.size;
	}

	clear(): void {
		this.cards.clear();
		this.nextSeq = 1;
	}
}
