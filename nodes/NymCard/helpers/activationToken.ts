import { createHash } from 'crypto';

import type { ValidationReport } from '../../shared/validation';

/**
 * NymCard's activation token: SHA-512 of `<PAN><expiry YYMM><CVV2>`, upper-case hex
 * (https://docs.nymcard.com/get-started/issuing-physical-cards/bulk-card-issuance, "Steps to
 * calculate activation token"). Computed here so the card details never leave n8n.
 */
export function computeActivationToken(pan: string, expiryYymm: string, cvv2: string): string {
	return createHash('sha512')
		.update(`${pan}${expiryYymm}${cvv2}`, 'utf8')
		.digest('hex')
		.toUpperCase();
}

export interface CardDetails {
	pan: string;
	expiry: string;
	cvv2: string;
}

/** Checks and normalises typed card details; reports problems without echoing the values. */
export function readCardDetails(
	report: ValidationReport,
	raw: { pan: unknown; expiry: unknown; cvv2: unknown },
): CardDetails | undefined {
	const pan = String(raw.pan ?? '').replace(/[\s-]/g, '');
	const expiryText = String(raw.expiry ?? '').trim();
	const cvv2 = String(raw.cvv2 ?? '').trim();
	const before = report.errors.length;

	if (pan === '') report.add('Card Number (PAN)', 'is required');
	// No Luhn check: the docs' own example card (4122432442321234) fails it, and NymCard is the judge.
	else if (!/^\d{12,19}$/.test(pan)) report.add('Card Number (PAN)', 'must be 12 to 19 digits');

	const expiry = toYymm(expiryText);
	if (expiryText === '') report.add('Expiry (YYMM)', 'is required');
	else if (!expiry)
		report.add('Expiry (YYMM)', 'must be four digits YYMM (e.g. 2112 for December 2021) or MM/YY');

	if (cvv2 === '') report.add('CVV2', 'is required');
	else if (!/^\d{3,4}$/.test(cvv2)) report.add('CVV2', 'must be 3 or 4 digits');

	return report.errors.length === before && expiry ? { pan, expiry, cvv2 } : undefined;
}

/** Accepts YYMM as NymCard expects, or MM/YY as printed on cards (the slash removes ambiguity). */
function toYymm(text: string): string | undefined {
	const printed = /^(\d{2})\s*\/\s*(\d{2})$/.exec(text);
	const yymm = printed ? `${printed[2]}${printed[1]}` : text;
	if (!/^\d{4}$/.test(yymm)) return undefined;
	const month = Number(yymm.slice(2));
	return month >= 1 && month <= 12 ? yymm : undefined;
}
