import { isPlainObject, isUuid } from '../../core/validation';
import type { QontoErrorEntry } from './errors';

export const MAX_CARDS_PER_BULK = 50;

export const PHYSICAL_CARD_LEVELS = ['standard', 'plus', 'metal'] as const;
export const VIRTUAL_CARD_LEVELS = ['virtual', 'flash', 'advertising'] as const;
/** `virtual_partner` appears in one docs page but is unconfirmed (providers.md §6): refused. */
export const CARD_LEVELS = [...PHYSICAL_CARD_LEVELS, ...VIRTUAL_CARD_LEVELS] as const;
export type CardLevel = (typeof CARD_LEVELS)[number];

const TYPES_OF_PRINT = ['embossed', 'print'];
const CARD_TYPES = ['debit', 'prepaid'];
const BOOLEAN_FIELDS = [
	'ship_to_business',
	'atm_option',
	'nfc_option',
	'foreign_option',
	'online_option',
	'atm_daily_limit_option',
	'payment_daily_limit_option',
	'payment_transaction_limit_option',
];
const AMOUNT_FIELDS = [
	'atm_monthly_limit',
	'atm_daily_limit',
	'payment_monthly_limit',
	'payment_daily_limit',
	'payment_transaction_limit',
];
const CARD_FIELDS = [
	...BOOLEAN_FIELDS,
	...AMOUNT_FIELDS,
	'holder_id',
	'initiator_id',
	'organization_id',
	'bank_account_id',
	'card_level',
	'card_type',
	'active_days',
	'address',
	'categories',
	'card_design',
	'type_of_print',
];
const ADDRESS_FIELDS = [
	'contact_name',
	'first_line',
	'second_line',
	'third_line',
	'zipcode',
	'city',
	'country',
];
const REQUIRED_ADDRESS_FIELDS = ['contact_name', 'first_line', 'zipcode', 'city', 'country'];
/** The SDK knows 11 category values but they are not published: checked for shape only. */
const CATEGORY_PATTERN = /^[a-z][a-z_]*$/;
const COUNTRY_PATTERN = /^[A-Z]{2}$/;
const MAX_ADDRESS_LINE = 255;

export interface AddressInput {
	contact_name: string;
	first_line: string;
	second_line: string | null;
	third_line: string | null;
	zipcode: string;
	city: string;
	country: string;
}

/** One card of a bulk order after validation, as the API received it. */
export interface CardInput {
	card_level: CardLevel;
	holder_id: string;
	bank_account_id: string;
	organization_id: string | null;
	initiator_id: string | null;
	card_type: 'debit' | 'prepaid';
	ship_to_business: boolean;
	atm_option: boolean;
	nfc_option: boolean;
	foreign_option: boolean;
	online_option: boolean;
	atm_monthly_limit: number | null;
	atm_daily_limit_option: boolean;
	atm_daily_limit: number | null;
	payment_monthly_limit: number;
	payment_daily_limit_option: boolean;
	payment_daily_limit: number | null;
	payment_transaction_limit_option: boolean;
	payment_transaction_limit: number | null;
	active_days: number[];
	address: AddressInput | null;
	categories: string[];
	card_design: string | null;
	type_of_print: 'embossed' | 'print' | null;
}

export type CardCheck = { ok: true; card: CardInput } | { ok: false; errors: QontoErrorEntry[] };

export type BulkShape = { ok: true; items: unknown[] } | { ok: false; errors: QontoErrorEntry[] };

export function isPhysical(level: CardLevel): boolean {
	return (PHYSICAL_CARD_LEVELS as ReadonlyArray<string>).includes(level);
}

/** The whole-request checks: anything wrong here refuses the call with 400. */
export function checkBulkShape(body: unknown): BulkShape {
	if (!isPlainObject(body)) {
		return {
			ok: false,
			errors: [
				{ code: 'invalid', detail: 'The body must be a JSON object', source: { pointer: '' } },
			],
		};
	}
	const cards = body.cards;
	const pointer = { pointer: '/cards' };
	if (cards === undefined || cards === null) {
		return {
			ok: false,
			errors: [{ code: 'required', detail: 'cards is required', source: pointer }],
		};
	}
	if (!Array.isArray(cards)) {
		return {
			ok: false,
			errors: [{ code: 'invalid', detail: 'cards must be an array', source: pointer }],
		};
	}
	if (cards.length < 1 || cards.length > MAX_CARDS_PER_BULK) {
		return {
			ok: false,
			errors: [
				{
					code: 'invalid',
					detail: `cards must contain between 1 and ${MAX_CARDS_PER_BULK} items (got ${cards.length})`,
					source: pointer,
				},
			],
		};
	}
	return { ok: true, items: cards };
}

class CardChecker {
	readonly errors: QontoErrorEntry[] = [];

	constructor(
		private readonly card: Record<string, unknown>,
		private readonly base: string,
	) {}

	fail(field: string, code: string, detail: string): void {
		this.errors.push({
			code,
			detail: `${field} ${detail}`,
			source: { pointer: `${this.base}/${field}` },
		});
	}

	required(field: string): boolean {
		const value = this.card[field];
		if (value === undefined || value === null || value === '') {
			this.fail(field, 'required', "can't be blank");
			return false;
		}
		return true;
	}

	uuid(field: string, required: boolean): string | null {
		const value = this.card[field];
		if (value === undefined || value === null) {
			if (required) this.required(field);
			return null;
		}
		if (!isUuid(value)) {
			this.fail(field, 'invalid', 'must be a UUID');
			return null;
		}
		return value.toLowerCase();
	}

	boolean(field: string): boolean {
		const value = this.card[field];
		if (value === undefined || value === null) return false;
		if (typeof value !== 'boolean') {
			this.fail(field, 'invalid', 'must be true or false');
			return false;
		}
		return value;
	}

	amount(field: string): number | null {
		const value = this.card[field];
		if (value === undefined || value === null) return null;
		if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
			this.fail(field, 'invalid', 'must be a number ≥ 0');
			return null;
		}
		return value;
	}

	enumValue<T extends string>(field: string, allowed: ReadonlyArray<T>): T | null {
		const value = this.card[field];
		if (value === undefined || value === null) return null;
		if (!allowed.includes(value as T)) {
			this.fail(field, 'invalid', `must be one of ${allowed.join(', ')}`);
			return null;
		}
		return value as T;
	}
}

function checkActiveDays(checker: CardChecker, value: unknown): number[] {
	if (value === undefined || value === null) return [];
	const valid =
		Array.isArray(value) &&
		value.every((day) => Number.isInteger(day) && day >= 1 && day <= 7) &&
		new Set(value).size === value.length;
	if (!valid) {
		checker.fail('active_days', 'invalid', 'must be distinct whole numbers from 1 to 7');
		return [];
	}
	return [...(value as number[])].sort();
}

function checkCategories(checker: CardChecker, value: unknown): string[] {
	if (value === undefined || value === null) return [];
	if (
		!Array.isArray(value) ||
		!value.every((entry) => typeof entry === 'string' && CATEGORY_PATTERN.test(entry))
	) {
		checker.fail('categories', 'invalid', 'must be an array of category names');
		return [];
	}
	return [...(value as string[])];
}

function checkAddress(
	checker: CardChecker,
	value: unknown,
	required: boolean,
	base: string,
): AddressInput | null {
	if (value === undefined || value === null) {
		if (required)
			checker.fail('address', 'required', "can't be blank when ship_to_business is false");
		return null;
	}
	if (!isPlainObject(value)) {
		checker.fail('address', 'invalid', 'must be an object');
		return null;
	}
	const sub = new CardChecker(value, `${base}/address`);
	for (const key of Object.keys(value)) {
		if (!ADDRESS_FIELDS.includes(key)) sub.fail(key, 'invalid', 'is not a known field');
	}
	for (const field of ADDRESS_FIELDS) {
		const entry = value[field];
		if (REQUIRED_ADDRESS_FIELDS.includes(field) && !sub.required(field)) continue;
		if (entry === undefined || entry === null) continue;
		if (typeof entry !== 'string' || entry.length > MAX_ADDRESS_LINE) {
			sub.fail(field, 'invalid', `must be a string of at most ${MAX_ADDRESS_LINE} characters`);
		}
	}
	if (typeof value.country === 'string' && !COUNTRY_PATTERN.test(value.country)) {
		sub.fail('country', 'invalid', 'must be an ISO 3166-1 alpha-2 code');
	}
	checker.errors.push(...sub.errors);
	if (sub.errors.length > 0) return null;
	const text = (field: string) =>
		typeof value[field] === 'string' ? (value[field] as string) : null;
	return {
		contact_name: value.contact_name as string,
		first_line: value.first_line as string,
		second_line: text('second_line'),
		third_line: text('third_line'),
		zipcode: value.zipcode as string,
		city: value.city as string,
		country: value.country as string,
	};
}

/**
 * Checks one `{"card": {...}}` element of a bulk order against the rules of providers.md §2.3 and
 * §6 (required fields per card level, enums, conditional limits). Every problem is listed.
 */
export function checkCard(item: unknown, index: number): CardCheck {
	const itemPointer = `/cards/${index}`;
	if (!isPlainObject(item) || !isPlainObject(item.card)) {
		return {
			ok: false,
			errors: [
				{
					code: 'invalid',
					detail: 'each item must be {"card": {...}}',
					source: { pointer: `${itemPointer}/card` },
				},
			],
		};
	}
	const card = item.card;
	const base = `${itemPointer}/card`;
	const checker = new CardChecker(card, base);
	for (const key of Object.keys(card)) {
		if (!CARD_FIELDS.includes(key)) checker.fail(key, 'invalid', 'is not a known field');
	}

	const levelGiven = card.card_level !== undefined && card.card_level !== null;
	if (!levelGiven) checker.required('card_level');
	const level = levelGiven ? checker.enumValue('card_level', CARD_LEVELS) : null;
	const holderId = checker.uuid('holder_id', true);
	const bankAccountId = checker.uuid('bank_account_id', true);
	const organizationId = checker.uuid('organization_id', false);
	const initiatorId = checker.uuid('initiator_id', false);
	const cardType = checker.enumValue('card_type', CARD_TYPES) ?? 'debit';

	const flags = Object.fromEntries(BOOLEAN_FIELDS.map((field) => [field, checker.boolean(field)]));
	const amounts = Object.fromEntries(AMOUNT_FIELDS.map((field) => [field, checker.amount(field)]));
	if (card.payment_monthly_limit === undefined || card.payment_monthly_limit === null) {
		checker.required('payment_monthly_limit');
	}
	if (flags.atm_option) {
		if (card.atm_monthly_limit === undefined || card.atm_monthly_limit === null)
			checker.fail('atm_monthly_limit', 'required', "can't be blank when atm_option is true");
		if (card.atm_daily_limit_option === undefined || card.atm_daily_limit_option === null)
			checker.fail('atm_daily_limit_option', 'required', "can't be blank when atm_option is true");
	}
	const conditional: Array<[string, string]> = [
		['atm_daily_limit_option', 'atm_daily_limit'],
		['payment_daily_limit_option', 'payment_daily_limit'],
		['payment_transaction_limit_option', 'payment_transaction_limit'],
	];
	for (const [option, limit] of conditional) {
		if (flags[option] && (card[limit] === undefined || card[limit] === null)) {
			checker.fail(limit, 'required', `can't be blank when ${option} is true`);
		}
	}

	const physical = level !== null && isPhysical(level);
	if (physical && (card.ship_to_business === undefined || card.ship_to_business === null)) {
		checker.fail('ship_to_business', 'required', "can't be blank for a physical card");
	}
	const address = physical
		? checkAddress(checker, card.address, card.ship_to_business === false, base)
		: card.address === undefined || card.address === null
			? null
			: checkAddress(checker, card.address, false, base);
	const typeOfPrint = checker.enumValue(
		'type_of_print',
		TYPES_OF_PRINT,
	) as CardInput['type_of_print'];
	if (typeOfPrint !== null && level !== null && level !== 'plus') {
		checker.fail('type_of_print', 'invalid', 'is only accepted for plus cards');
	}
	const design = card.card_design;
	if (design !== undefined && design !== null && (typeof design !== 'string' || design === '')) {
		checker.fail('card_design', 'invalid', 'must be a card design name');
	}
	const activeDays = checkActiveDays(checker, card.active_days);
	const categories = checkCategories(checker, card.categories);

	if (checker.errors.length > 0 || level === null || holderId === null || bankAccountId === null) {
		return { ok: false, errors: checker.errors };
	}
	return {
		ok: true,
		card: {
			card_level: level,
			holder_id: holderId,
			bank_account_id: bankAccountId,
			organization_id: organizationId,
			initiator_id: initiatorId,
			card_type: cardType as CardInput['card_type'],
			ship_to_business: flags.ship_to_business,
			atm_option: flags.atm_option,
			nfc_option: flags.nfc_option,
			foreign_option: flags.foreign_option,
			online_option: flags.online_option,
			atm_monthly_limit: amounts.atm_monthly_limit,
			atm_daily_limit_option: flags.atm_daily_limit_option,
			atm_daily_limit: amounts.atm_daily_limit,
			payment_monthly_limit: amounts.payment_monthly_limit as number,
			payment_daily_limit_option: flags.payment_daily_limit_option,
			payment_daily_limit: amounts.payment_daily_limit,
			payment_transaction_limit_option: flags.payment_transaction_limit_option,
			payment_transaction_limit: amounts.payment_transaction_limit,
			active_days: activeDays,
			address,
			categories,
			card_design: typeof design === 'string' ? design : null,
			type_of_print: typeOfPrint,
		},
	};
}
