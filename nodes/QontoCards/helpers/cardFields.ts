import type { IDataObject } from 'n8n-workflow';

import type { ValidationReport } from '../../shared/validation';

/**
 * What Qonto documents for each card of `POST /v2/cards/bulk` (providers.md §2.3, corrected by
 * Qonto's own Postman export and `@qonto/embed-sdk` validation in §6). Fields not listed here are
 * passed through as given: Qonto decides on them.
 */
export const PHYSICAL_LEVELS = ['standard', 'plus', 'metal'];
/** `virtual_partner` is named by one Qonto page but unconfirmed: accepted, not required. */
export const CARD_LEVELS = [
	...PHYSICAL_LEVELS,
	'virtual',
	'virtual_partner',
	'flash',
	'advertising',
];
const TYPES_OF_PRINT = ['embossed', 'print'];
const CARD_TYPES = ['debit', 'prepaid'];
const ADDRESS_REQUIRED = ['contact_name', 'first_line', 'zipcode', 'city', 'country'];

/** Checks one card; every problem goes into the report under `label`. Returns the card to send. */
export function checkQontoCard(
	card: IDataObject,
	report: ValidationReport,
	label: string,
): IDataObject {
	const field = (name: string) => `${label} › ${name}`;
	for (const name of ['holder_id', 'bank_account_id']) {
		report.requireText(field(name), card[name], { maxLength: 100 });
	}
	const level = report.requireText(field('card_level'), card.card_level);
	if (level !== undefined && !CARD_LEVELS.includes(level)) {
		report.add(field('card_level'), `must be one of ${CARD_LEVELS.join(', ')} (got "${level}")`);
	}
	requireAmount(report, field('payment_monthly_limit'), card.payment_monthly_limit);
	if (card.card_type !== undefined && !CARD_TYPES.includes(String(card.card_type))) {
		report.add(field('card_type'), `must be ${CARD_TYPES.join(' or ')}`);
	}
	if (card.type_of_print !== undefined && card.type_of_print !== null) {
		if (!TYPES_OF_PRINT.includes(String(card.type_of_print)))
			report.add(field('type_of_print'), `must be ${TYPES_OF_PRINT.join(' or ')}, or null`);
		else if (level !== 'plus') report.add(field('type_of_print'), 'is sent only for plus cards');
	}
	if (level !== undefined && PHYSICAL_LEVELS.includes(level)) checkShipping(card, report, field);
	if (card.atm_option === true) {
		requireAmount(report, field('atm_monthly_limit'), card.atm_monthly_limit);
		if (typeof card.atm_daily_limit_option !== 'boolean')
			report.add(
				field('atm_daily_limit_option'),
				'is required (true or false) when atm_option is true',
			);
	}
	if (card.atm_daily_limit_option === true)
		requireAmount(report, field('atm_daily_limit'), card.atm_daily_limit);
	if (card.active_days !== undefined) {
		const days = card.active_days;
		if (!Array.isArray(days) || days.some((day) => !Number.isInteger(day) || day < 1 || day > 7))
			report.add(field('active_days'), 'must be a list of week days from 1 to 7');
	}
	return card;
}

function checkShipping(
	card: IDataObject,
	report: ValidationReport,
	field: (name: string) => string,
): void {
	if (typeof card.ship_to_business !== 'boolean') {
		report.add(field('ship_to_business'), 'is required (true or false) for a physical card');
		return;
	}
	if (card.ship_to_business) return;
	const address = card.address;
	if (!address || typeof address !== 'object' || Array.isArray(address)) {
		report.add(field('address'), 'is required when ship_to_business is false');
		return;
	}
	for (const name of ADDRESS_REQUIRED) {
		report.requireText(field(`address.${name}`), (address as IDataObject)[name]);
	}
}

function requireAmount(report: ValidationReport, label: string, value: unknown): void {
	if (value === undefined || value === null || value === '') report.add(label, 'is required');
	else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
		report.add(label, 'must be a number of at least 0');
}
