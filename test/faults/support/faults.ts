/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test-only fault set-up for the in-process sandbox, never published */
import type { FaultRuleInput } from '../../../sandbox/core/faults';
import type { Sandbox } from '../../../sandbox/server';

/** Matches every API path of a provider except its token endpoints (`…/auth/…`, `…/oauth2/…`). */
export const API_PATHS = '^(?!.*/(auth|oauth2)/)';

/** A provider's token endpoints. */
export const TOKEN_PATHS = '/(auth|oauth2)/';

/**
 * Injects `rule` at fixed positions among the requests it matches: a burst of `times` requests
 * starting at each 1-based position (bursts must not overlap). Deterministic: the sandbox's rules
 * are consulted in order and each counts (`skip`) only the requests that reach it.
 */
export function faultsAt(
	sandbox: Sandbox,
	rule: Omit<FaultRuleInput, 'skip' | 'times'>,
	positions: number[],
	times = 1,
): void {
	positions.forEach((position, index) => {
		sandbox.admin.faults.add({ ...rule, times, skip: position - 1 - index * times });
	});
}

/** `rule` on every `n`-th matching request (n, 2n, 3n…), `count` times. */
export function everyNth(
	sandbox: Sandbox,
	rule: Omit<FaultRuleInput, 'skip' | 'times'>,
	n: number,
	count: number,
): void {
	faultsAt(
		sandbox,
		rule,
		Array.from({ length: count }, (_, k) => n * (k + 1)),
	);
}

/**
 * Calls `action` once the sandbox has logged `after` requests matching `match` (checked every few
 * milliseconds, in-process): e.g. expire the tokens after the third write of an order.
 */
export function whenRequests(
	sandbox: Sandbox,
	provider: string,
	match: (entry: { method: string; path: string }) => boolean,
	after: number,
	action: () => void,
): () => void {
	let done = false;
	const timer = setInterval(() => {
		if (done) return;
		if (sandbox.admin.requests(provider).filter(match).length >= after) {
			done = true;
			action();
		}
	}, 2);
	timer.unref();
	return () => {
		done = true;
		clearInterval(timer);
	};
}

/**
 * `rule` on a `share` of `requests` (at least one), evenly spread over them: the first in the
 * middle of the first stretch, e.g. 20 % of 10 requests → requests 3 and 8.
 */
export function spread(
	sandbox: Sandbox,
	rule: Omit<FaultRuleInput, 'skip' | 'times'>,
	requests: number,
	share: number,
): void {
	const count = Math.max(1, Math.round(requests * share));
	const stretch = requests / count;
	faultsAt(
		sandbox,
		rule,
		Array.from({ length: count }, (_, k) => Math.floor(k * stretch + stretch / 2) + 1),
	);
}
