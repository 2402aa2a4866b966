import { type FieldError, isPlainObject } from '../../core/validation';

export const MAX_CARDS_PER_BATCH = 1000;
export const MAX_ID_LENGTH = 255;
export const CARD_TYPES = ['gift_card', 'credit_note'] as const;
export const CURRENCIES = ['NOK', 'SEK', 'DKK', 'EUR', 'USD'] as const;
export const MIN_PIN_LENGTH = 4;
export const MIN_TOKEN_LENGTH = 6;
export const DEFAULT_GENERATED_LENGTH = 36;
export const MAX_PREFIX_LENGTH = 12;
/** `PinGenerator.pin.value` and `TokenGenerator.token.value` have `maxLength: 48`. */
export const MAX_GENERATED_VALUE_LENGTH = 48;

export type CardType = (typeof CARD_TYPES)[number];
export type Currency = (typeof CURRENCIES)[number];

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** A `PinFormat` or `Format` with the schema's defaults applied. */
export interface GeneratorFormat {
	length: number;
	prefix?: string;
	symbols: boolean;
	numbers: boolean;
	characters: boolean;
	barcode: boolean;
}

export interface NewCardBatch {
	cards: Array<{ cardId: string; type: CardType }>;
	/** `undefined`: the default (PIN from the schema defaults, token `DINCARD:<uuid>`). */
	pinFormat?: GeneratorFormat;
	tokenFormat?: GeneratorFormat;
}

export interface Activation {
	amount: number;
	currency: Currency;
	customerId?: string;
	name?: string;
	metadata?: Record<string, unknown>;
	originatedBy?: string;
	activeFrom?: number;
	expiresAt?: number;
}

/** An id "you have defined": a string of 1–255 characters without leading or trailing spaces. */
export function idProblem(value: unknown): string | undefined {
	if (typeof value !== 'string') return 'must be a string';
	if (value.length === 0) return 'must not be empty';
	if (value.length > MAX_ID_LENGTH) return `must be at most ${MAX_ID_LENGTH} characters`;
	if (value.trim() !== value) return 'must not have leading or trailing spaces';
	return undefined;
}

function checkOptionalBoolean(
	format: Record<string, unknown>,
	key: string,
	field: string,
	errors: FieldError[],
): void {
	const value = format[key];
	if (value !== undefined && typeof value !== 'boolean') {
		errors.push({ field: `${field}.${key}`, message: 'must be a boolean' });
	}
}

function checkFormat(
	value: unknown,
	field: string,
	minimumLength: number,
	errors: FieldError[],
): GeneratorFormat | undefined {
	if (!isPlainObject(value)) {
		errors.push({ field, message: 'must be an object' });
		return undefined;
	}
	const before = errors.length;
	const { length, prefix } = value;
	if (
		length !== undefined &&
		!(typeof length === 'number' && Number.isInteger(length) && length >= minimumLength)
	) {
		errors.push({
			field: `${field}.length`,
			message: `must be an integer of at least ${minimumLength}`,
		});
	}
	if (prefix !== undefined && typeof prefix !== 'string') {
		errors.push({ field: `${field}.prefix`, message: 'must be a string' });
	} else if (typeof prefix === 'string' && prefix.length > MAX_PREFIX_LENGTH) {
		errors.push({
			field: `${field}.prefix`,
			message: `must be at most ${MAX_PREFIX_LENGTH} characters`,
		});
	}
	for (const key of ['symbols', 'numbers', 'characters', 'barcode']) {
		checkOptionalBoolean(value, key, field, errors);
	}
	if (errors.length > before) return undefined;

	const format: GeneratorFormat = {
		length: (length as number | undefined) ?? DEFAULT_GENERATED_LENGTH,
		...(prefix === undefined ? {} : { prefix: prefix as string }),
		symbols: value.symbols !== false,
		numbers: value.numbers !== false,
		// No default in the schema; the sandbox treats absent as allowed.
		characters: value.characters !== false,
		barcode: value.barcode === true,
	};
	if (!format.symbols && !format.numbers && !format.characters) {
		errors.push({
			field,
			message: 'must allow at least one of symbols, numbers and characters',
		});
		return undefined;
	}
	const total = format.length + (format.prefix?.length ?? 0);
	if (total > MAX_GENERATED_VALUE_LENGTH) {
		errors.push({
			field: `${field}.length`,
			message: `prefix and length together must be at most ${MAX_GENERATED_VALUE_LENGTH} characters`,
		});
		return undefined;
	}
	return format;
}

/** `options.pin` / `options.card_token`: an object that requires `format`. */
function checkGenerator(
	options: Record<string, unknown>,
	key: 'pin' | 'card_token',
	minimumLength: number,
	errors: FieldError[],
): GeneratorFormat | undefined {
	const generator = options[key];
	const field = `options.${key}`;
	if (generator === undefined) return undefined;
	if (!isPlainObject(generator)) {
		errors.push({ field, message: 'must be an object' });
		return undefined;
	}
	if (generator.format === undefined) {
		errors.push({ field: `${field}.format`, message: 'is required' });
		return undefined;
	}
	return checkFormat(generator.format, `${field}.format`, minimumLength, errors);
}

function checkCards(value: unknown, errors: FieldError[]): NewCardBatch['cards'] {
	if (value === undefined) {
		errors.push({ field: 'cards', message: 'is required' });
		return [];
	}
	if (!Array.isArray(value)) {
		errors.push({ field: 'cards', message: 'must be an array' });
		return [];
	}
	if (value.length === 0) errors.push({ field: 'cards', message: 'must contain at least 1 card' });
	if (value.length > MAX_CARDS_PER_BATCH) {
		errors.push({ field: 'cards', message: `must contain at most ${MAX_CARDS_PER_BATCH} cards` });
	}
	const cards: NewCardBatch['cards'] = [];
	const firstIndexOf = new Map<string, number>();
	value.forEach((card: unknown, index) => {
		const field = `cards[${index}]`;
		if (!isPlainObject(card)) {
			errors.push({ field, message: 'must be an object' });
			return;
		}
		const { card_id: cardId, type } = card;
		if (cardId === undefined) {
			errors.push({ field: `${field}.card_id`, message: 'is required' });
		} else {
			const problem = idProblem(cardId);
			if (problem !== undefined) errors.push({ field: `${field}.card_id`, message: problem });
		}
		if (type === undefined) {
			errors.push({ field: `${field}.type`, message: 'is required' });
		} else if (!CARD_TYPES.includes(type as CardType)) {
			errors.push({ field: `${field}.type`, message: `must be one of ${CARD_TYPES.join(', ')}` });
		}
		if (typeof cardId !== 'string') return;
		const first = firstIndexOf.get(cardId);
		if (first !== undefined) {
			errors.push({
				field: `${field}.card_id`,
				message: `repeats the card_id of cards[${first}]`,
			});
			return;
		}
		firstIndexOf.set(cardId, index);
		cards.push({ cardId, type: type as CardType });
	});
	return cards;
}

/** Unknown fields are ignored: the schema does not forbid additional properties. */
export function validateCardBatch(body: unknown): Validated<NewCardBatch> {
	if (!isPlainObject(body)) {
		return { ok: false, errors: [{ field: 'body', message: 'must be a JSON object' }] };
	}
	const errors: FieldError[] = [];
	const cards = checkCards(body.cards, errors);
	let pinFormat: GeneratorFormat | undefined;
	let tokenFormat: GeneratorFormat | undefined;
	if (body.options !== undefined) {
		if (isPlainObject(body.options)) {
			pinFormat = checkGenerator(body.options, 'pin', MIN_PIN_LENGTH, errors);
			tokenFormat = checkGenerator(body.options, 'card_token', MIN_TOKEN_LENGTH, errors);
		} else {
			errors.push({ field: 'options', message: 'must be an object' });
		}
	}
	if (errors.length > 0) return { ok: false, errors };
	return { ok: true, value: { cards, pinFormat, tokenFormat } };
}

function checkDateTime(value: unknown, field: string, errors: FieldError[]): number | undefined {
	if (value === undefined) return undefined;
	const parsed = typeof value === 'string' ? Date.parse(value) : NaN;
	if (Number.isNaN(parsed)) {
		errors.push({ field, message: 'must be an ISO 8601 date-time' });
		return undefined;
	}
	return parsed;
}

/** Only `amount` and `currency` are required (providers.md §6). */
export function validateActivation(body: unknown): Validated<Activation> {
	if (!isPlainObject(body)) {
		return { ok: false, errors: [{ field: 'body', message: 'must be a JSON object' }] };
	}
	const errors: FieldError[] = [];
	const { amount, currency } = body;
	if (amount === undefined) errors.push({ field: 'amount', message: 'is required' });
	else if (!(typeof amount === 'number' && Number.isInteger(amount) && amount >= 0)) {
		errors.push({
			field: 'amount',
			message: 'must be an integer ≥ 0 in the smallest currency unit',
		});
	}
	if (currency === undefined) errors.push({ field: 'currency', message: 'is required' });
	else if (!CURRENCIES.includes(currency as Currency)) {
		errors.push({ field: 'currency', message: `must be one of ${CURRENCIES.join(', ')}` });
	}
	for (const key of ['customer_id', 'originated_by']) {
		if (body[key] === undefined) continue;
		const problem = idProblem(body[key]);
		if (problem !== undefined) errors.push({ field: key, message: problem });
	}
	if (body.name !== undefined && typeof body.name !== 'string') {
		errors.push({ field: 'name', message: 'must be a string' });
	}
	if (body.metadata !== undefined && !isPlainObject(body.metadata)) {
		errors.push({ field: 'metadata', message: 'must be an object' });
	}
	const activeFrom = checkDateTime(body.active_from, 'active_from', errors);
	const expiresAt = checkDateTime(body.expires_at, 'expires_at', errors);
	if (errors.length > 0) return { ok: false, errors };
	return {
		ok: true,
		value: {
			amount: amount as number,
			currency: currency as Currency,
			...(body.customer_id === undefined ? {} : { customerId: body.customer_id as string }),
			...(body.name === undefined ? {} : { name: body.name as string }),
			...(body.metadata === undefined
				? {}
				: { metadata: body.metadata as Record<string, unknown> }),
			...(body.originated_by === undefined ? {} : { originatedBy: body.originated_by as string }),
			...(activeFrom === undefined ? {} : { activeFrom }),
			...(expiresAt === undefined ? {} : { expiresAt }),
		},
	};
}
