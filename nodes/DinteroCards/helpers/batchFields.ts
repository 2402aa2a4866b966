import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { compact } from '../../shared/compact';
import type { ValidationReport } from '../../shared/validation';
import { DINTERO } from '../transport';

// Every rule below is from POST /accounts/{aid}/wallets/cards/batch (seed 004, providers.md §4.3
// and §6): `card_id` ≤ 255 without surrounding spaces, `type` gift_card | credit_note, a PIN
// `format.length` ≥ 4 and a token `format.length` ≥ 6 (both default 36), `prefix` ≤ 12, and the
// generated value (prefix + length) ≤ 48 characters.
export const CARD_TYPES = ['gift_card', 'credit_note'] as const;
export type CardType = (typeof CARD_TYPES)[number];
const MAX_PREFIX_LENGTH = 12;
const MAX_GENERATED_LENGTH = 48;
const DEFAULT_GENERATED_LENGTH = 36;
/** Derived ids are `<prefix><16 hex>-<index>`: a prefix of this length keeps them far below 255. */
export const MAX_CARD_ID_PREFIX_LENGTH = 64;
const CARD_ID_PREFIX_PATTERN = /^[A-Za-z0-9._:~-]*$/;

export const cardTypeProperty: INodeProperties = {
	displayName: 'Card Type',
	name: 'cardType',
	type: 'options',
	default: 'gift_card',
	options: [
		{ name: 'Gift Card', value: 'gift_card' },
		{ name: 'Credit Note', value: 'credit_note' },
	],
	description:
		'The type of every card of the order (a card from an input item may set its own "type")',
};

export const cardIdPrefixProperty: INodeProperties = {
	displayName: 'Card ID Prefix',
	name: 'cardIdPrefix',
	type: 'string',
	default: '',
	placeholder: 'GIFT-2026-',
	description: `Optional text in front of every derived card ID (at most ${MAX_CARD_ID_PREFIX_LENGTH} letters, digits or - _ . : ~). The rest of the ID is derived from the Order Reference, so keep both unchanged when re-running an order.`,
};

function formatProperty(
	displayName: string,
	name: string,
	minimumLength: number,
	what: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'collection',
		placeholder: 'Add Format Field',
		default: {},
		description: `How Dintero generates each card's ${what}. Leave empty for Dintero's default.`,
		options: [
			{
				displayName: 'Barcode',
				name: 'barcode',
				type: 'boolean',
				default: false,
				description: `Whether Dintero also returns the ${what} as a base64 Code 128 barcode image`,
			},
			{
				displayName: 'Length',
				name: 'length',
				type: 'number',
				typeOptions: { minValue: minimumLength, maxValue: MAX_GENERATED_LENGTH },
				default: DEFAULT_GENERATED_LENGTH,
				description: `Characters after the prefix: at least ${minimumLength}; prefix and length together at most ${MAX_GENERATED_LENGTH}`,
			},
			{
				displayName: 'Letters',
				name: 'characters',
				type: 'boolean',
				default: true,
				description: `Whether the ${what} may contain letters (acbABC)`,
			},
			{
				displayName: 'Numbers',
				name: 'numbers',
				type: 'boolean',
				default: true,
				description: `Whether the ${what} may contain digits`,
			},
			{
				displayName: 'Prefix',
				name: 'prefix',
				type: 'string',
				default: '',
				placeholder: 'DINCARD:',
				description: `Text in front of the ${what}, at most ${MAX_PREFIX_LENGTH} characters`,
			},
			{
				displayName: 'Symbols',
				name: 'symbols',
				type: 'boolean',
				default: true,
				description: `Whether the ${what} may contain symbols such as @#$%`,
			},
		],
	};
}

export const pinFormatProperty = formatProperty('PIN Format', 'pinFormat', 4, 'PIN');
export const tokenFormatProperty = formatProperty(
	'Card Token Format',
	'tokenFormat',
	6,
	'card token',
);

/** Why `value` cannot be a Dintero id (`card_id`, `customer_id`), or undefined. */
export function idProblem(value: unknown): string | undefined {
	if (typeof value !== 'string') return 'must be text';
	if (value === '') return 'must not be empty';
	if (value.length > DINTERO.maxIdLength)
		return `must be at most ${DINTERO.maxIdLength} characters (got ${value.length})`;
	if (value.trim() !== value) return 'must not start or end with a space';
	return undefined;
}

export function readCardType(report: ValidationReport, field: string, value: unknown) {
	if (CARD_TYPES.includes(value as CardType)) return value as CardType;
	report.add(
		field,
		`must be one of ${CARD_TYPES.join(', ')} (got ${JSON.stringify(value ?? null)})`,
	);
	return 'gift_card' as const;
}

export function readCardIdPrefix(report: ValidationReport, value: unknown): string {
	const prefix = typeof value === 'string' ? value : value == null ? '' : String(value);
	if (prefix.length > MAX_CARD_ID_PREFIX_LENGTH)
		report.add('Card ID Prefix', `must be at most ${MAX_CARD_ID_PREFIX_LENGTH} characters`);
	else if (!CARD_ID_PREFIX_PATTERN.test(prefix))
		report.add('Card ID Prefix', 'may contain only letters, digits and - _ . : ~ (no spaces)');
	return prefix;
}

/** `options.pin.format` or `options.card_token.format`; undefined when nothing is set. */
export function readFormat(
	report: ValidationReport,
	field: string,
	input: IDataObject | undefined,
	minimumLength: number,
): IDataObject | undefined {
	const values = input ?? {};
	if (Object.keys(values).length === 0) return undefined;
	const label = (name: string) => `${field} › ${name}`;
	const length = values.length ?? DEFAULT_GENERATED_LENGTH;
	const prefix = typeof values.prefix === 'string' ? values.prefix : '';
	if (typeof length !== 'number' || !Number.isInteger(length) || length < minimumLength)
		report.add(label('Length'), `must be a whole number of at least ${minimumLength}`);
	if (prefix.length > MAX_PREFIX_LENGTH)
		report.add(label('Prefix'), `must be at most ${MAX_PREFIX_LENGTH} characters`);
	else if (typeof length === 'number' && prefix.length + length > MAX_GENERATED_LENGTH)
		report.add(
			label('Length'),
			`and the prefix together must be at most ${MAX_GENERATED_LENGTH} characters (got ${prefix.length + length})`,
		);
	if (values.symbols === false && values.numbers === false && values.characters === false)
		report.add(field, 'must allow at least one of Symbols, Numbers and Letters');
	return compact({
		length: values.length as number | undefined,
		prefix: prefix || undefined,
		symbols: values.symbols as boolean | undefined,
		numbers: values.numbers as boolean | undefined,
		characters: values.characters as boolean | undefined,
		barcode: values.barcode as boolean | undefined,
	});
}

/**
 * One card of an order listed card by card: only `card_id` (optional; derived from the Order
 * Reference when absent) and `type` (optional; the node's Card Type otherwise) are sent, so other
 * columns of an input item stay in n8n.
 */
export function checkDinteroCard(
	card: IDataObject,
	report: ValidationReport,
	label: string,
): IDataObject {
	const field = (name: string) => `${label} › ${name}`;
	let cardId: string | undefined;
	if (card.card_id !== undefined && card.card_id !== null && card.card_id !== '') {
		const value = typeof card.card_id === 'number' ? String(card.card_id) : card.card_id;
		const problem = idProblem(value);
		if (problem) report.add(field('card_id'), problem);
		else cardId = value as string;
	}
	const type =
		card.type === undefined || card.type === null || card.type === ''
			? undefined
			: readCardType(report, field('type'), card.type);
	return compact({ card_id: cardId, type });
}

/** Card ids given to more than one card of the order. */
export function reportRepeatedCardIds(report: ValidationReport, ids: Array<string | undefined>) {
	const seen = new Set<string>();
	for (const id of ids) {
		if (id === undefined) continue;
		if (seen.has(id)) report.add('Cards › card_id', `"${id}" is given to more than one card`);
		seen.add(id);
	}
}
