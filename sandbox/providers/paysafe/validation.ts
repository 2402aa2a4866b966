import { isPlainObject } from '../../core/validation';
import {
	findProgram,
	type PaysafeCustomer,
	type PaysafeProgram,
	type PaysafeSandboxConfig,
} from './config';
import type { PaysafeFieldError } from './errors';

export const MAX_CARDS_PER_BULK = 50;
export const MOBILE_PATTERN = /^\+\d+\s?\d{1,16}$/;
const CITY_PATTERN = /^[\p{L} .-]+$/u;
/** Paysafe's `^[a-zA-Z0-9-\ ]*$`: letters, digits, hyphen and space. */
const US_POSTAL_CODE_PATTERN = /^[a-zA-Z0-9\- ]*$/;
const PRINTABLE_ASCII = /^[\x20-\x7E]+$/;
const CARD_FIELDS = ['externalId', 'nameOnCard', 'cardPin'] as const;
const ADDRESS_FIELDS = [
	'address1',
	'address2',
	'address3',
	'city',
	'countryCode',
	'state',
	'postalCode',
] as const;

export type DeliveryAddress = Partial<Record<(typeof ADDRESS_FIELDS)[number], string | null>>;

export interface CardSpec {
	externalId?: string;
	nameOnCard?: string;
	cardPin?: string;
}

/** A valid bulk order; `null` where the client sent null, absent where it sent nothing. */
export interface BulkOrder {
	quantity: number;
	programName: string;
	currency: string;
	mobile?: string | null;
	userAgent: string;
	deliveryAddress?: DeliveryAddress | null;
	cards?: CardSpec[];
}

export type BulkOrderCheck =
	| { kind: 'valid'; order: BulkOrder; program: PaysafeProgram }
	| { kind: 'fieldErrors'; errors: PaysafeFieldError[] }
	| { kind: 'quantityMismatch' };

const MUST_NOT_BE_NULL = 'must not be null';

class FieldErrors {
	readonly list: PaysafeFieldError[] = [];

	add(field: string, error: string): void {
		this.list.push({ field, error });
	}

	/** A string field: `undefined` when absent/null (reported when required) or of the wrong type. */
	text(
		object: Record<string, unknown>,
		key: string,
		field: string,
		rules: { required?: boolean; min?: number; max?: number },
	): string | undefined {
		const value = object[key];
		if (value === undefined || value === null) {
			if (rules.required === true) this.add(field, MUST_NOT_BE_NULL);
			return undefined;
		}
		if (typeof value !== 'string') {
			this.add(field, 'must be a string');
			return undefined;
		}
		const { min = 0, max = Number.POSITIVE_INFINITY } = rules;
		if (value.length < min || value.length > max) {
			const range =
				max === Number.POSITIVE_INFINITY ? `at least ${min}` : `between ${min} and ${max}`;
			this.add(field, min === 0 ? `size must be at most ${max}` : `size must be ${range}`);
			return undefined;
		}
		return value;
	}
}

function checkQuantity(body: Record<string, unknown>, errors: FieldErrors): number | undefined {
	const { quantity } = body;
	if (quantity === undefined || quantity === null) {
		errors.add('quantity', MUST_NOT_BE_NULL);
		return undefined;
	}
	if (typeof quantity !== 'number' || !Number.isInteger(quantity)) {
		errors.add('quantity', 'must be an integer');
		return undefined;
	}
	if (quantity < 1 || quantity > MAX_CARDS_PER_BULK) {
		errors.add('quantity', `must be between 1 and ${MAX_CARDS_PER_BULK}`);
		return undefined;
	}
	return quantity;
}

function checkAddress(
	value: unknown,
	customer: PaysafeCustomer,
	errors: FieldErrors,
): DeliveryAddress | undefined {
	if (!isPlainObject(value)) {
		errors.add('deliveryAddress', 'must be an object');
		return undefined;
	}
	const us = customer.region === 'US';
	const field = (key: string) => `deliveryAddress.${key}`;
	errors.text(value, 'address1', field('address1'), { required: true, min: 4, max: 40 });
	errors.text(value, 'address2', field('address2'), { max: 30 });
	errors.text(value, 'address3', field('address3'), { max: 30 });
	const city = errors.text(value, 'city', field('city'), { required: true, min: 1, max: 30 });
	if (city !== undefined && !CITY_PATTERN.test(city)) {
		errors.add(field('city'), 'may contain only letters, spaces, hyphens and periods');
	}
	const country = errors.text(value, 'countryCode', field('countryCode'), { required: true });
	if (country !== undefined && !/^[A-Z]{2}$/.test(country)) {
		errors.add(field('countryCode'), 'must be an ISO 3166 alpha-2 code (2 uppercase letters)');
	}
	errors.text(value, 'state', field('state'), us ? { required: true, min: 2, max: 3 } : { max: 3 });
	const postalCode = errors.text(
		value,
		'postalCode',
		field('postalCode'),
		us ? { required: true, min: 4, max: 10 } : { required: true, min: 1, max: 16 },
	);
	if (us && postalCode !== undefined && !US_POSTAL_CODE_PATTERN.test(postalCode)) {
		errors.add(field('postalCode'), 'must match ^[a-zA-Z0-9-\\ ]*$');
	}
	const address: DeliveryAddress = {};
	for (const key of ADDRESS_FIELDS) {
		if (key in value) address[key] = value[key] as string | null;
	}
	return address;
}

function checkCard(
	value: unknown,
	index: number,
	customer: PaysafeCustomer,
	errors: FieldErrors,
): CardSpec | undefined {
	const field = (key: string) => `cards[${index}].${key}`;
	if (!isPlainObject(value)) {
		errors.add(`cards[${index}]`, 'must be an object');
		return undefined;
	}
	for (const key of Object.keys(value)) {
		if (!(CARD_FIELDS as ReadonlyArray<string>).includes(key)) {
			errors.add(field(key), 'unknown field');
		}
	}
	const externalId = errors.text(value, 'externalId', field('externalId'), { min: 1, max: 40 });
	const nameOnCard = errors.text(value, 'nameOnCard', field('nameOnCard'), { min: 1, max: 27 });
	if (nameOnCard !== undefined && !PRINTABLE_ASCII.test(nameOnCard)) {
		errors.add(field('nameOnCard'), 'may contain only printable ASCII characters');
	}
	let cardPin: string | undefined;
	if (value.cardPin !== undefined && value.cardPin !== null) {
		if (customer.region === 'US') {
			errors.add(field('cardPin'), 'not allowed: US customers set the PIN in a separate call');
		} else if (typeof value.cardPin !== 'string' || !/^\d{4}$/.test(value.cardPin)) {
			errors.add(field('cardPin'), 'must be exactly 4 digits');
		} else {
			cardPin = value.cardPin;
		}
	}
	return {
		...(externalId === undefined ? {} : { externalId }),
		...(nameOnCard === undefined ? {} : { nameOnCard }),
		...(cardPin === undefined ? {} : { cardPin }),
	};
}

function checkCards(
	value: unknown,
	customer: PaysafeCustomer,
	errors: FieldErrors,
): CardSpec[] | undefined {
	if (!Array.isArray(value)) {
		errors.add('cards', 'must be an array');
		return undefined;
	}
	const firstIndexOf = new Map<string, number>();
	const cards = value.map((entry, index) => {
		const card = checkCard(entry, index, customer, errors);
		const externalId = card?.externalId;
		if (externalId === undefined) return card;
		const first = firstIndexOf.get(externalId);
		if (first === undefined) firstIndexOf.set(externalId, index);
		else errors.add(`cards[${index}].externalId`, `duplicate of cards[${first}].externalId`);
		return card;
	});
	return cards.every((card) => card !== undefined) ? (cards as CardSpec[]) : undefined;
}

/**
 * Every field problem at once (Paysafe answers 5068 with `fieldErrors`); the quantity/cards
 * mismatch only when the fields themselves are valid.
 */
export function checkBulkOrder(
	body: unknown,
	customer: PaysafeCustomer,
	config: Readonly<PaysafeSandboxConfig>,
): BulkOrderCheck {
	if (!isPlainObject(body)) {
		return { kind: 'fieldErrors', errors: [{ field: 'body', error: 'must be a JSON object' }] };
	}
	const errors = new FieldErrors();
	const quantity = checkQuantity(body, errors);

	const programName = errors.text(body, 'programName', 'programName', { required: true });
	const program = programName === undefined ? undefined : findProgram(config, programName);
	if (programName !== undefined && program === undefined)
		errors.add('programName', 'unknown program');

	const currency = errors.text(body, 'currency', 'currency', { required: true });
	if (currency !== undefined) {
		if (!/^[A-Za-z]{3}$/.test(currency)) errors.add('currency', 'must be 3 letters (ISO 4217)');
		else if (program !== undefined && currency !== program.currency) {
			errors.add(
				'currency',
				`must be ${program.currency}, the currency of program ${program.name}`,
			);
		}
	}

	const mobile = errors.text(body, 'mobile', 'mobile', {});
	if (mobile !== undefined && !MOBILE_PATTERN.test(mobile)) {
		errors.add('mobile', `must match "${MOBILE_PATTERN.source}"`);
	}
	errors.text(body, 'userAgent', 'userAgent', { required: true, min: 1, max: 200 });

	const sentAddress = body.deliveryAddress;
	let deliveryAddress: DeliveryAddress | undefined;
	if (sentAddress === undefined || sentAddress === null) {
		if (program?.cardType === 'PHYSICAL') {
			errors.add('deliveryAddress', `${MUST_NOT_BE_NULL} for a PHYSICAL program`);
		}
	} else if (program?.cardType === 'VIRTUAL') {
		errors.add('deliveryAddress', 'must be null for a VIRTUAL program');
	} else {
		deliveryAddress = checkAddress(sentAddress, customer, errors);
	}

	const sentCards = body.cards;
	const cards =
		sentCards === undefined || sentCards === null
			? undefined
			: checkCards(sentCards, customer, errors);

	if (errors.list.length > 0 || program === undefined || quantity === undefined) {
		return { kind: 'fieldErrors', errors: errors.list };
	}
	if (cards !== undefined && cards.length !== quantity) return { kind: 'quantityMismatch' };
	const order: BulkOrder = {
		quantity,
		programName: program.name,
		currency: currency as string,
		...('mobile' in body ? { mobile: (mobile ?? null) as string | null } : {}),
		userAgent: body.userAgent as string,
		...('deliveryAddress' in body ? { deliveryAddress: deliveryAddress ?? null } : {}),
		...(cards === undefined ? {} : { cards }),
	};
	return { kind: 'valid', order, program };
}
