import type { SandboxClock } from '../../core/clock';
import type { IdempotencyStore } from '../../core/idempotency';
import type { CardStore } from './cardStore';
import type { QontoSandboxConfig } from './config';
import type { OAuthStore } from './oauthStore';
import type { ScaStore } from './scaStore';

export interface QontoCounters {
	/** Cards stored by `POST /v2/cards/bulk` (replays excluded). */
	cardsCreated: number;
	/** Cards of processed bulk calls that came back as per-card errors. */
	cardErrors: number;
	/** `POST /v2/cards/bulk` calls that were processed (past auth, validation and SCA). */
	bulkCalls: number;
	scaSessionsCreated: number;
	scaSessionsApproved: number;
	scaSessionsDenied: number;
	/** Sessions that reached 15 minutes without a decision (they read `deny`). */
	scaSessionsExpired: number;
	idempotentReplays: number;
	/** Same key, different body, with `idempotencyMismatch: "conflict"`. */
	idempotencyConflicts: number;
	authorizationCodesIssued: number;
	accessTokensIssued: number;
	tokenRefreshes: number;
	/** Requests refused for a missing or wrong `X-Qonto-Staging-Token`. */
	stagingRefusals: number;
}

export function emptyQontoCounters(): QontoCounters {
	return {
		cardsCreated: 0,
		cardErrors: 0,
		bulkCalls: 0,
		scaSessionsCreated: 0,
		scaSessionsApproved: 0,
		scaSessionsDenied: 0,
		scaSessionsExpired: 0,
		idempotentReplays: 0,
		idempotencyConflicts: 0,
		authorizationCodesIssued: 0,
		accessTokensIssued: 0,
		tokenRefreshes: 0,
		stagingRefusals: 0,
	};
}

/** What the Qonto route handlers share. */
export interface QontoContext {
	clock: SandboxClock;
	cards: CardStore;
	oauth: OAuthStore;
	sca: ScaStore;
	idempotency: IdempotencyStore;
	counters: QontoCounters;
	config(): QontoSandboxConfig;
}
