import { createHash } from 'crypto';

/**
 * A key that is the same for the same order chunk on every attempt and every re-run: retries
 * and re-executions of one `orderReference` can never create cards twice where the provider
 * honours the key. Shaped as a UUID because some providers validate the header as one.
 */
export function deriveIdempotencyKey(parts: {
	provider: string;
	purpose: string;
	orderReference: string;
	chunkIndex?: number;
}): string {
	const hex = createHash('sha256')
		.update(
			JSON.stringify([parts.provider, parts.purpose, parts.orderReference, parts.chunkIndex ?? 0]),
		)
		.digest('hex');
	const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
