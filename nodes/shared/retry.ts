export interface RetryPolicy {
	/** Retries after the first attempt; 0 sends each request once. */
	maxRetries: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** A `Retry-After` longer than this is not waited out: the request fails with that advice. */
	maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: 5,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
	maxRetryAfterMs: 120_000,
};

/**
 * Exponential backoff with "equal jitter": half of the step is fixed, half random, so that
 * parallel chunks spread out without ever retrying immediately. `attempt` counts from 0.
 */
export function backoffDelayMs(
	attempt: number,
	policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
	random: () => number = Math.random,
): number {
	const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
	return Math.round(step / 2 + random() * (step / 2));
}

/** Reads `Retry-After` as delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfterMs(value: unknown, nowMs: number): number | undefined {
	const text = Array.isArray(value) ? value[0] : value;
	if (typeof text !== 'string' && typeof text !== 'number') return undefined;
	const trimmed = String(text).trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
	const date = Date.parse(trimmed);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - nowMs);
}
