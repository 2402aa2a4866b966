import type { CardRecord } from './cardStore';
import type { GeneratedValue } from './generator';
import { DEFAULT_PIN_FORMAT } from './generator';
import type { GeneratorFormat } from './validation';

export const CARD_STATUSES = ['inactive', 'unused', 'used', 'partially_used', 'expired'] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];

/** How long a batch card's token stays valid: undocumented, long enough to be printed on a card. */
export const CARD_TOKEN_LIFETIME_SECONDS = 10 * 365 * 24 * 60 * 60;

const iso = (ms: number) => new Date(ms).toISOString();

/** Computed at read time from the sandbox clock, so expiry needs no timer. */
export function cardStatus(card: CardRecord, now: number): CardStatus {
	if (card.heldStatus !== undefined) return card.heldStatus;
	const { activation } = card;
	if (activation === undefined) return 'inactive';
	if (activation.expiresAt !== undefined && now >= activation.expiresAt) return 'expired';
	// No transactions in the sandbox: the balance is what activation loaded.
	return activation.amount === 0 ? 'used' : 'unused';
}

function formatView(format: GeneratorFormat): Record<string, unknown> {
	return { ...format };
}

export function cardView(card: CardRecord, now: number): Record<string, unknown> {
	const { activation } = card;
	const balance = activation?.amount ?? 0;
	return {
		id: card.id,
		card_id: card.cardId,
		type: card.type,
		status: cardStatus(card, now),
		...(activation?.customerId === undefined ? {} : { customer_id: activation.customerId }),
		...(activation?.name === undefined ? {} : { name: activation.name }),
		...(activation?.originatedBy === undefined ? {} : { originated_by: activation.originatedBy }),
		metadata: activation?.metadata ?? {},
		created_at: iso(card.createdAt),
		created_by: card.createdBy,
		amount: balance,
		...(activation === undefined ? {} : { currency: activation.currency }),
		amount_balance: balance,
		amount_available: balance,
		amount_funds: balance,
		amount_drawdown: 0,
		amount_pending: 0,
		amount_reserved: 0,
		...(activation === undefined
			? {}
			: { active_from: iso(activation.activeFrom ?? activation.activatedAt) }),
		...(activation?.expiresAt === undefined ? {} : { expires_at: iso(activation.expiresAt) }),
		pin: { format: formatView(card.pinFormat ?? DEFAULT_PIN_FORMAT) },
		tokens: [
			{
				masked_code: card.maskedToken,
				expires_at: iso(card.tokenExpiresAt),
				...(card.tokenFormat === undefined ? {} : { format: formatView(card.tokenFormat) }),
			},
		],
	};
}

/** A card as the batch answer returns it: the only time PIN and token values are shown. */
export function createdCardView(
	card: CardRecord,
	now: number,
	pin: GeneratedValue,
	token: GeneratedValue,
): Record<string, unknown> {
	return {
		...cardView(card, now),
		pin: { format: formatView(card.pinFormat ?? DEFAULT_PIN_FORMAT), pin },
		card_token: {
			...(card.tokenFormat === undefined ? {} : { format: formatView(card.tokenFormat) }),
			expires_after_transaction: false,
			expires_in: CARD_TOKEN_LIFETIME_SECONDS,
			token,
		},
	};
}
