import type { SandboxClock } from '../../core/clock';
import type { BulkStore } from './bulkStore';
import type { BulkOutcome, PaysafeSandboxConfig } from './config';
import type { TokenStore } from './tokens';

export interface PaysafeCounters {
	/** Every call of the token endpoint, granted or not. */
	tokenRequests: number;
	tokensIssued: number;
	tokenRequestsRefused: number;
	/** API calls answered 401 (no, unknown, revoked or expired token). */
	unauthorized: number;
	/** Bulk orders answered 401 DW-INVALID-SIGNATURE (only while `hmacKey` is set). */
	invalidSignatures: number;
	bulksAccepted: number;
	/** Bulk orders answered 400 (field errors or quantity mismatch). */
	bulksRefused: number;
	/** Sum of `quantity` over accepted bulks. */
	cardsRequested: number;
	cardsCreated: number;
	/** Created cards whose externalId another card of the same customer already had. */
	duplicateExternalIds: number;
}

export function emptyPaysafeCounters(): PaysafeCounters {
	return {
		tokenRequests: 0,
		tokensIssued: 0,
		tokenRequestsRefused: 0,
		unauthorized: 0,
		invalidSignatures: 0,
		bulksAccepted: 0,
		bulksRefused: 0,
		cardsRequested: 0,
		cardsCreated: 0,
		duplicateExternalIds: 0,
	};
}

/** What the Paysafe route handlers share. */
export interface PaysafeContext {
	clock: SandboxClock;
	bulks: BulkStore;
	tokens: TokenStore;
	counters: PaysafeCounters;
	config(): PaysafeSandboxConfig;
	/** The outcome of the next accepted bulk: the admin queue first, else `defaultOutcome`. */
	nextOutcome(): BulkOutcome;
}
