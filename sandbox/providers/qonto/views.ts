import type { CardProgress, CardRecord } from './cardStore';

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A card as `POST /v2/cards/bulk` and `GET /v2/cards` show it (fields of the docs' example). */
export function cardView(card: CardRecord, progress: CardProgress): Record<string, unknown> {
	const { input } = card;
	const live = progress.status === 'live';
	const physical = ['standard', 'plus', 'metal'].includes(input.card_level);
	return {
		id: card.id,
		nickname: null,
		embossed_name: card.embossedName,
		status: progress.status,
		pin_set: live && physical,
		mask_pan: `511768******${card.lastDigits}`,
		exp_month: card.expMonth,
		exp_year: card.expYear,
		last_activity_at: null,
		last_digits: card.lastDigits,
		ship_to_business: input.ship_to_business,
		atm_option: input.atm_option,
		nfc_option: input.nfc_option,
		online_option: input.online_option,
		foreign_option: input.foreign_option,
		atm_monthly_limit: input.atm_monthly_limit,
		atm_monthly_spent: 0,
		atm_daily_limit: input.atm_daily_limit,
		atm_daily_spent: 0,
		atm_daily_limit_option: input.atm_daily_limit_option,
		payment_monthly_limit: input.payment_monthly_limit,
		payment_monthly_spent: 0,
		payment_daily_limit: input.payment_daily_limit,
		payment_daily_spent: 0,
		payment_daily_limit_option: input.payment_daily_limit_option,
		payment_transaction_limit: input.payment_transaction_limit,
		payment_transaction_limit_option: input.payment_transaction_limit_option,
		active_days: [...input.active_days],
		holder_id: input.holder_id,
		bank_account_id: input.bank_account_id,
		organization_id: card.organizationId,
		updated_at: iso(Math.max(card.createdAt, progress.since)),
		created_at: iso(card.createdAt),
		shipped_at: physical && live ? iso(progress.since) : null,
		card_type: input.card_type,
		card_level: input.card_level,
		payment_lifespan_limit: null,
		payment_lifespan_spent: 0,
		pre_expires_at: null,
		categories: [...input.categories],
		renewed: false,
		renewal: false,
		parent_card_summary: null,
		had_operation: false,
		had_pin_operation: false,
		card_design: input.card_design,
		type_of_print: input.type_of_print,
		upsold: false,
		upsell: false,
		discard_on: null,
		reordered: false,
	};
}
