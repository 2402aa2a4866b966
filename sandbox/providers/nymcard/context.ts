import type { SandboxClock } from '../../core/clock';
import type { IdempotencyStore } from '../../core/idempotency';
import { bodyValue } from '../../core/httpIo';
import type { SandboxRequest } from '../../core/types';
import type { BulkRecord, BulkStore } from './bulkStore';
import type { NymCardSandboxConfig } from './config';
import { nymCardError } from './errors';
import { type BulkProgress, bulkProgress } from './lifecycle';

export interface NymCardCounters {
	/** Cards inside stored (non-dry-run) bulks. */
	cardsCreated: number;
	bulksCreated: number;
	bulksSubmitted: number;
	cardsLinked: number;
	idempotentReplays: number;
	/** Same idempotency key, different request: answered 409. */
	idempotencyConflicts: number;
}

export function emptyNymCardCounters(): NymCardCounters {
	return {
		cardsCreated: 0,
		bulksCreated: 0,
		bulksSubmitted: 0,
		cardsLinked: 0,
		idempotentReplays: 0,
		idempotencyConflicts: 0,
	};
}

/** What the NymCard route handlers share. */
export interface NymCardContext {
	clock: SandboxClock;
	store: BulkStore;
	idempotency: IdempotencyStore;
	counters: NymCardCounters;
	config(): NymCardSandboxConfig;
}

export function progressOf(context: NymCardContext, bulk: BulkRecord): BulkProgress {
	const config = context.config();
	return bulkProgress(
		bulk.submittedAt,
		config.failBulkIds.includes(bulk.id),
		config,
		context.clock.now(),
	);
}

/** The parsed JSON body, or the 400 to answer when the body is not JSON. */
export function jsonBody(request: SandboxRequest) {
	if (request.body.kind === 'invalid') {
		return {
			ok: false as const,
			response: nymCardError(400, 'VALIDATION_ERROR', 'The request body is not valid JSON', [
				{ field: 'body', message: 'is not valid JSON' },
			]),
		};
	}
	return { ok: true as const, value: bodyValue(request.body) };
}
