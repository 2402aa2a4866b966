import { createHash } from 'crypto';

export const NYMCARD_SANDBOX_BIN = '412243';

export interface CardSecrets {
	/** 16 digits, Luhn-valid. */
	pan: string;
	/** YYMM */
	expiry: string;
	cvv2: string;
}

export interface DerivedCard {
	id: string;
	secrets: CardSecrets;
}

/** Where a card sits: its bulk's position in the sandbox-wide card numbering, and its index. */
export interface CardOrigin {
	bulkId: string;
	index: number;
	/** Number of cards issued by the sandbox before this bulk. */
	firstCardNumber: number;
	bulkCreatedAt: number;
}

const ACCOUNT_SPACE = 1_000_000_000;
// An affine map with a multiplier coprime to 10^9 is a bijection on 0..10^9-1: PANs look scattered
// yet never repeat within the first billion cards; the product stays below 2^53.
const ACCOUNT_MULTIPLIER = 7_777_777;
const ACCOUNT_OFFSET = 123_456_789;

export function luhnCheckDigit(payload: string): string {
	let sum = 0;
	for (let position = 0; position < payload.length; position += 1) {
		let digit = Number(payload[payload.length - 1 - position]);
		if (position % 2 === 0) {
			digit *= 2;
			if (digit > 9) digit -= 9;
		}
		sum += digit;
	}
	return String((10 - (sum % 10)) % 10);
}

export function isLuhnValid(number: string): boolean {
	return /^\d+$/.test(number) && luhnCheckDigit(number.slice(0, -1)) === number.slice(-1);
}

function accountDigits(cardNumber: number): string {
	const account =
		(ACCOUNT_MULTIPLIER * (cardNumber % ACCOUNT_SPACE) + ACCOUNT_OFFSET) % ACCOUNT_SPACE;
	return String(account).padStart(9, '0');
}

function uuidFromBytes(bytes: Buffer): string {
	const hex = Buffer.from(bytes.subarray(0, 16));
	hex[6] = (hex[6] & 0x0f) | 0x40;
	hex[8] = (hex[8] & 0x3f) | 0x80;
	const text = hex.toString('hex');
	return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

function expiryAfter(createdAt: number, months: number): string {
	const created = new Date(createdAt);
	const total = created.getUTCFullYear() * 12 + created.getUTCMonth() + months;
	const year = Math.floor(total / 12) % 100;
	const month = (total % 12) + 1;
	return `${String(year).padStart(2, '0')}${String(month).padStart(2, '0')}`;
}

/** Everything about one card, recomputed on demand so a bulk of 5000 stores no per-card data. */
export function deriveCard(origin: CardOrigin): DerivedCard {
	const digest = createHash('sha256').update(`${origin.bulkId}:${origin.index}`).digest();
	const payload = `${NYMCARD_SANDBOX_BIN}${accountDigits(origin.firstCardNumber + origin.index)}`;
	const validityMonths = 36 + (digest.readUInt16BE(16) % 25);
	return {
		id: uuidFromBytes(digest),
		secrets: {
			pan: `${payload}${luhnCheckDigit(payload)}`,
			expiry: expiryAfter(origin.bulkCreatedAt, validityMonths),
			cvv2: String(digest.readUInt16BE(18) % 1000).padStart(3, '0'),
		},
	};
}

export function maskPan(pan: string): string {
	return `${pan.slice(0, 6)}${'*'.repeat(pan.length - 10)}${pan.slice(-4)}`;
}

/** NymCard's activation token: uppercase hex SHA-512 of `<PAN><expiry YYMM><CVV2>`. */
export function activationToken(secrets: CardSecrets): string {
	return createHash('sha512')
		.update(`${secrets.pan}${secrets.expiry}${secrets.cvv2}`)
		.digest('hex')
		.toUpperCase();
}
