import { createHash } from 'crypto';

import type { SandboxResponse } from './types';

export type IdempotencyCheck =
	| { kind: 'new' }
	| { kind: 'replay'; response: SandboxResponse }
	| { kind: 'conflict' };

interface StoredResponse {
	fingerprint: string;
	storedAt: number;
	status: number;
	/** Kept serialised so a replay is byte-for-byte the original. */
	body: string;
}

function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, entry]) => entry !== undefined)
			.sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
		return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/** Same operation and same JSON (whatever the key order) give the same fingerprint. */
export function requestFingerprint(operation: string, body: unknown): string {
	return createHash('sha256')
		.update(operation)
		.update('\n')
		.update(canonicalJson(body))
		.digest('hex');
}

/**
 * Responses remembered by idempotency key for `retentionMs` of sandbox time.
 * Only successful responses are remembered, so a request rejected by validation can be corrected
 * and sent again with the same key.
 */
export class IdempotencyStore {
	private readonly responses = new Map<string, StoredResponse>();

	constructor(private readonly retentionMs: () => number) {}

	check(key: string, fingerprint: string, now: number): IdempotencyCheck {
		this.forgetExpired(now);
		const stored = this.responses.get(key);
		if (stored === undefined) return { kind: 'new' };
		if (stored.fingerprint !== fingerprint) return { kind: 'conflict' };
		return { kind: 'replay', response: { status: stored.status, body: JSON.parse(stored.body) } };
	}

	remember(key: string, fingerprint: string, response: SandboxResponse, now: number): void {
		if (response.status < 200 || response.status > 299) return;
		this.responses.delete(key);
		this.responses.set(key, {
			fingerprint,
			storedAt: now,
			status: response.status,
			body: JSON.stringify(response.body),
		});
	}

	clear(): void {
		this.responses.clear();
	}

	/** Entries sit in insertion order, which is time order, so expiry only looks at the front. */
	private forgetExpired(now: number): void {
		for (const [key, stored] of this.responses) {
			if (now - stored.storedAt < this.retentionMs()) return;
			this.responses.delete(key);
		}
	}
}

/**
 * What a provider answers to a request with an idempotency key it has seen: the remembered answer
 * (counted as a replay), its own conflict answer for a key reused with another request (counted),
 * or undefined when the request is new and must be processed.
 */
export function answerRepeatedKey(
	store: IdempotencyStore,
	counters: { idempotentReplays: number; idempotencyConflicts: number },
	request: { key: string; fingerprint: string; now: number },
	conflict: () => SandboxResponse,
): SandboxResponse | undefined {
	const previous = store.check(request.key, request.fingerprint, request.now);
	if (previous.kind === 'replay') {
		counters.idempotentReplays += 1;
		return previous.response;
	}
	if (previous.kind === 'conflict') {
		counters.idempotencyConflicts += 1;
		return conflict();
	}
	return undefined;
}
