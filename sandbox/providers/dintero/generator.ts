import { randomInt, randomUUID } from 'crypto';

import type { GeneratorFormat } from './validation';

const SYMBOLS = '@#$%&*!?';
const NUMBERS = '0123456789';
const CHARACTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DEFAULT_TOKEN_PREFIX = 'DINCARD:';
const VISIBLE_TAIL = 4;

/** The schema's defaults: length 36 from every alphabet, no prefix, no barcode. */
export const DEFAULT_PIN_FORMAT: Readonly<GeneratorFormat> = Object.freeze({
	length: 36,
	symbols: true,
	numbers: true,
	characters: true,
	barcode: false,
});

export interface GeneratedValue {
	value: string;
	barcode_128?: string;
}

function alphabetOf(format: GeneratorFormat): string {
	return `${format.symbols ? SYMBOLS : ''}${format.numbers ? NUMBERS : ''}${format.characters ? CHARACTERS : ''}`;
}

/**
 * Not a real Code 128 image: a data URL whose payload names the value, enough for a client to
 * pass it through. Real barcodes need an image encoder the sandbox has no use for.
 */
function fakeBarcode(value: string): string {
	return `data:image/png;base64,${Buffer.from(`CODE128:${value}`, 'utf8').toString('base64')}`;
}

export function generateValue(format: GeneratorFormat): GeneratedValue {
	const alphabet = alphabetOf(format);
	let body = '';
	for (let index = 0; index < format.length; index += 1)
		body += alphabet[randomInt(alphabet.length)];
	const value = `${format.prefix ?? ''}${body}`;
	return format.barcode ? { value, barcode_128: fakeBarcode(value) } : { value };
}

/** Without a `format`, Dintero's token "is an UUID prefixed with `DINCARD`". */
export function defaultToken(): GeneratedValue {
	return { value: `${DEFAULT_TOKEN_PREFIX}${randomUUID()}` };
}

/** The prefix stays readable, the tail shows its last characters, the rest is masked. */
export function maskCode(value: string, prefix: string | undefined): string {
	const start = prefix !== undefined && value.startsWith(prefix) ? prefix.length : 0;
	const hidden = Math.max(0, value.length - start - VISIBLE_TAIL);
	return `${value.slice(0, start)}${'*'.repeat(hidden)}${value.slice(start + hidden)}`;
}

export const DEFAULT_TOKEN_MASK_PREFIX = DEFAULT_TOKEN_PREFIX;
