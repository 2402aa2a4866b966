import type { SandboxClock } from '../../core/clock';
import { bodyValue } from '../../core/httpIo';
import type { SandboxRequest, SandboxResponse } from '../../core/types';
import type { CardStore } from './cardStore';
import type { DinteroSandboxConfig } from './config';
import { dinteroError } from './errors';
import type { TokenStore } from './tokens';

export interface DinteroCounters {
	/** Every call of the token endpoint, granted or not. */
	tokenRequests: number;
	tokensIssued: number;
	tokenRequestsRefused: number;
	/** Wallet calls answered 401 (no, unknown or expired token). */
	unauthorized: number;
	/** Batch calls that created cards (200). */
	batchCalls: number;
	/** Batch calls answered 400 (validation or duplicate `card_id`). */
	batchesRefused: number;
	cardsCreated: number;
	/** `card_id`s sent again that already existed: refused, or skipped with `skipExisting`. */
	duplicatesRefused: number;
	activations: number;
}

export function emptyDinteroCounters(): DinteroCounters {
	return {
		tokenRequests: 0,
		tokensIssued: 0,
		tokenRequestsRefused: 0,
		unauthorized: 0,
		batchCalls: 0,
		batchesRefused: 0,
		cardsCreated: 0,
		duplicatesRefused: 0,
		activations: 0,
	};
}

/** What the Dintero route handlers share. */
export interface DinteroContext {
	clock: SandboxClock;
	cards: CardStore;
	tokens: TokenStore;
	counters: DinteroCounters;
	config(): DinteroSandboxConfig;
}

/** The parsed JSON body, or the 400 to answer when the body is not JSON. */
export function jsonBody(
	request: SandboxRequest,
): { ok: true; value: unknown } | { ok: false; response: SandboxResponse } {
	if (request.body.kind === 'invalid') {
		return {
			ok: false,
			response: dinteroError(400, 'validation_error', 'The request body is not valid JSON', [
				{ field: 'body', message: 'is not valid JSON' },
			]),
		};
	}
	return { ok: true, value: bodyValue(request.body) };
}

export function firstHeader(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}
