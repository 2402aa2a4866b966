import {
	type FieldError,
	isNonEmptyString,
	isPlainObject,
	isUuid,
	unexpectedFields,
} from '../../core/validation';

export const MAX_CARDS_PER_BULK = 5000;

export interface ShippingAddress {
	address_line1: string;
	address_line2: string | null;
	city: string;
	state: string | null;
	postal_code: string;
	country: string;
}

export interface NewBulkIssuance {
	cardProductId: string;
	numberOfCards: number;
	amount: number | null;
	currency: string | null;
	nameOnCard: string | null;
	shippingAddress: ShippingAddress | null;
	dryRun: boolean;
}

/** Fields a PUT may change; `null` clears an optional value. */
export interface BulkIssuanceChanges {
	submit: boolean;
	amount?: number | null;
	currency?: string | null;
	nameOnCard?: string | null;
	shippingAddress?: ShippingAddress;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

const CREATE_FIELDS = [
	'card_product_id',
	'number_of_cards',
	'amount',
	'currency',
	'name_on_card',
	'shipping_address',
	'dry_run',
];
const UPDATE_FIELDS = ['status', 'amount', 'currency', 'name_on_card', 'shipping_address'];
const FIXED_AFTER_CREATE = ['card_product_id', 'number_of_cards', 'dry_run'];
const ADDRESS_FIELDS = [
	'address_line1',
	'address_line2',
	'city',
	'state',
	'postal_code',
	'country',
];

const CURRENCY_PATTERN = /^[A-Z]{3}$/;
const COUNTRY_PATTERN = /^[A-Z]{2}$/;
const NAME_ON_CARD_PATTERN = /^[A-Za-z0-9 .'-]{1,26}$/;
const ACTIVATION_TOKEN_PATTERN = /^[0-9A-F]{128}$/;
const MAX_ADDRESS_LINE = 100;

function notAnObject(): FieldError[] {
	return [{ field: 'body', message: 'must be a JSON object' }];
}

function checkAmount(value: unknown, errors: FieldError[]): number | null {
	if (value === null || value === undefined) return null;
	const valid =
		typeof value === 'number' &&
		Number.isFinite(value) &&
		value >= 0 &&
		Math.abs(Math.round(value * 100) - value * 100) < 1e-6;
	if (!valid)
		errors.push({ field: 'amount', message: 'must be a number ≥ 0 with at most 2 decimals' });
	return valid ? value : null;
}

function checkCurrency(value: unknown, errors: FieldError[]): string | null {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string' && CURRENCY_PATTERN.test(value)) return value;
	errors.push({ field: 'currency', message: 'must be an ISO 4217 code of 3 uppercase letters' });
	return null;
}

function checkNameOnCard(value: unknown, errors: FieldError[]): string | null {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string' && NAME_ON_CARD_PATTERN.test(value)) return value;
	errors.push({
		field: 'name_on_card',
		message: "must be 1 to 26 characters: letters, digits, space, . - '",
	});
	return null;
}

function checkAddressLine(
	address: Record<string, unknown>,
	key: string,
	required: boolean,
	errors: FieldError[],
): string | null {
	const value = address[key];
	const field = `shipping_address.${key}`;
	if (value === undefined || value === null) {
		if (required) errors.push({ field, message: 'is required' });
		return null;
	}
	if (!isNonEmptyString(value)) {
		errors.push({ field, message: 'must be a non-empty string' });
		return null;
	}
	if (value.length > MAX_ADDRESS_LINE) {
		errors.push({ field, message: `must be at most ${MAX_ADDRESS_LINE} characters` });
		return null;
	}
	return value;
}

function checkShippingAddress(
	value: unknown,
	required: boolean,
	errors: FieldError[],
): ShippingAddress | null {
	if (value === undefined || value === null) {
		if (required) errors.push({ field: 'shipping_address', message: 'is required' });
		return null;
	}
	if (!isPlainObject(value)) {
		errors.push({ field: 'shipping_address', message: 'must be an object' });
		return null;
	}
	const before = errors.length;
	errors.push(...unexpectedFields(value, ADDRESS_FIELDS, 'shipping_address.'));
	const address: ShippingAddress = {
		address_line1: checkAddressLine(value, 'address_line1', true, errors) ?? '',
		address_line2: checkAddressLine(value, 'address_line2', false, errors),
		city: checkAddressLine(value, 'city', true, errors) ?? '',
		state: checkAddressLine(value, 'state', false, errors),
		postal_code: checkAddressLine(value, 'postal_code', true, errors) ?? '',
		country: checkAddressLine(value, 'country', true, errors) ?? '',
	};
	if (
		value.country !== undefined &&
		isNonEmptyString(value.country) &&
		!COUNTRY_PATTERN.test(value.country)
	) {
		errors.push({
			field: 'shipping_address.country',
			message: 'must be an ISO 3166-1 alpha-2 code',
		});
	}
	return errors.length === before ? address : null;
}

function checkCurrencyGivenForAmount(
	amount: number | null,
	currency: string | null,
	errors: FieldError[],
): void {
	if (amount !== null && currency === null && !errors.some(({ field }) => field === 'currency')) {
		errors.push({ field: 'currency', message: 'is required when amount is given' });
	}
}

export function validateNewBulkIssuance(
	body: unknown,
	rules: { knownCardProducts: ReadonlyArray<string>; requireShippingAddress: boolean },
): Validated<NewBulkIssuance> {
	const { knownCardProducts } = rules;
	if (!isPlainObject(body)) return { ok: false, errors: notAnObject() };
	const errors = unexpectedFields(body, CREATE_FIELDS);

	const cardProductId = body.card_product_id;
	if (cardProductId === undefined || cardProductId === null) {
		errors.push({ field: 'card_product_id', message: 'is required' });
	} else if (!isUuid(cardProductId)) {
		errors.push({ field: 'card_product_id', message: 'must be a UUID' });
	} else if (!knownCardProducts.includes(cardProductId.toLowerCase())) {
		errors.push({ field: 'card_product_id', message: 'is not a known card product' });
	}

	const numberOfCards = body.number_of_cards;
	if (numberOfCards === undefined || numberOfCards === null) {
		errors.push({ field: 'number_of_cards', message: 'is required' });
	} else if (
		typeof numberOfCards !== 'number' ||
		!Number.isInteger(numberOfCards) ||
		numberOfCards < 1 ||
		numberOfCards > MAX_CARDS_PER_BULK
	) {
		errors.push({
			field: 'number_of_cards',
			message: `must be an integer between 1 and ${MAX_CARDS_PER_BULK}`,
		});
	}

	const amount = checkAmount(body.amount, errors);
	const currency = checkCurrency(body.currency, errors);
	checkCurrencyGivenForAmount(amount, currency, errors);
	const nameOnCard = checkNameOnCard(body.name_on_card, errors);
	const shippingAddress = checkShippingAddress(
		body.shipping_address,
		rules.requireShippingAddress,
		errors,
	);

	const dryRun = body.dry_run;
	if (dryRun !== undefined && dryRun !== null && typeof dryRun !== 'boolean') {
		errors.push({ field: 'dry_run', message: 'must be a boolean' });
	}

	if (errors.length > 0) return { ok: false, errors };
	return {
		ok: true,
		value: {
			cardProductId: (cardProductId as string).toLowerCase(),
			numberOfCards: numberOfCards as number,
			amount,
			currency,
			nameOnCard,
			shippingAddress,
			dryRun: dryRun === true,
		},
	};
}

/** Checks a PUT body on its own; `current` supplies the values it leaves alone (currency rule). */
export function validateBulkIssuanceChanges(
	body: unknown,
	current: { amount: number | null; currency: string | null },
): Validated<BulkIssuanceChanges> {
	if (!isPlainObject(body)) return { ok: false, errors: notAnObject() };
	const errors: FieldError[] = Object.keys(body)
		.filter((key) => !UPDATE_FIELDS.includes(key))
		.map((key) => ({
			field: key,
			message: FIXED_AFTER_CREATE.includes(key)
				? 'cannot be changed after creation'
				: 'is not a known field',
		}));
	if (Object.keys(body).length === 0) {
		errors.push({
			field: 'body',
			message: `must contain at least one of ${UPDATE_FIELDS.join(', ')}`,
		});
	}

	const changes: BulkIssuanceChanges = { submit: false };
	if ('status' in body) {
		if (body.status === 'SUBMITTED') changes.submit = true;
		else errors.push({ field: 'status', message: 'can only be set to SUBMITTED' });
	}
	if ('amount' in body) changes.amount = checkAmount(body.amount, errors);
	if ('currency' in body) changes.currency = checkCurrency(body.currency, errors);
	if ('name_on_card' in body) changes.nameOnCard = checkNameOnCard(body.name_on_card, errors);
	if ('shipping_address' in body) {
		changes.shippingAddress =
			checkShippingAddress(body.shipping_address, true, errors) ?? undefined;
	}
	checkCurrencyGivenForAmount(
		changes.amount !== undefined ? changes.amount : current.amount,
		changes.currency !== undefined ? changes.currency : current.currency,
		errors,
	);
	return errors.length > 0 ? { ok: false, errors } : { ok: true, value: changes };
}

export interface CardLinkRequest {
	activationToken: string;
	userId: string;
}

export function validateCardLink(body: unknown): Validated<CardLinkRequest> {
	if (!isPlainObject(body)) return { ok: false, errors: notAnObject() };
	const errors = unexpectedFields(body, ['activation_token', 'user_id']);
	const { activation_token: token, user_id: userId } = body;
	if (token === undefined || token === null) {
		errors.push({ field: 'activation_token', message: 'is required' });
	} else if (typeof token !== 'string' || !ACTIVATION_TOKEN_PATTERN.test(token)) {
		errors.push({
			field: 'activation_token',
			message: 'must be the SHA-512 of PAN + expiry (YYMM) + CVV2 as 128 uppercase hex characters',
		});
	}
	if (userId === undefined || userId === null) {
		errors.push({ field: 'user_id', message: 'is required' });
	} else if (!isUuid(userId)) {
		errors.push({ field: 'user_id', message: 'must be a UUID' });
	}
	if (errors.length > 0) return { ok: false, errors };
	return { ok: true, value: { activationToken: token as string, userId: userId as string } };
}
