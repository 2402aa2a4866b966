import { randomUUID } from 'crypto';

import type { Activation, CardType, GeneratorFormat } from './validation';
import type { CardStatus } from './views';

export interface CardRecord {
	/** Position in the account's creation order, 0-based. */
	seq: number;
	id: string;
	cardId: string;
	type: CardType;
	createdAt: number;
	/** The API client that created it. */
	createdBy: string;
	/** `undefined`: created with the default format. */
	pinFormat?: GeneratorFormat;
	tokenFormat?: GeneratorFormat;
	/** Only the masked token is kept: PIN and token values are never readable after creation. */
	maskedToken: string;
	tokenExpiresAt: number;
	activation?: Activation & { activatedAt: number };
	/** A status set through the admin API, shown instead of the computed one. */
	heldStatus?: CardStatus;
}

interface AccountCards {
	list: CardRecord[];
	byCardId: Map<string, CardRecord>;
}

/** Wallet cards per account (`aid`), in creation order. */
export class CardStore {
	private readonly accounts = new Map<string, AccountCards>();

	private account(accountId: string): AccountCards {
		let cards = this.accounts.get(accountId);
		if (cards === undefined) {
			cards = { list: [], byCardId: new Map() };
			this.accounts.set(accountId, cards);
		}
		return cards;
	}

	get(accountId: string, cardId: string): CardRecord | undefined {
		return this.accounts.get(accountId)?.byCardId.get(cardId);
	}

	add(accountId: string, card: Omit<CardRecord, 'seq' | 'id'>): CardRecord {
		const cards = this.account(accountId);
		const record: CardRecord = { ...card, seq: cards.list.length, id: randomUUID() };
		cards.list.push(record);
		cards.byCardId.set(record.cardId, record);
		return record;
	}

	/** All cards of the account, oldest first (do not modify the array). */
	all(accountId: string): ReadonlyArray<CardRecord> {
		return this.accounts.get(accountId)?.list ?? [];
	}

	clear(): void {
		this.accounts.clear();
	}
}
