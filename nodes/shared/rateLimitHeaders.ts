import type { IDataObject } from 'n8n-workflow';

import { headerValue } from './request';
import type { PacingWindow } from './pacing';

export interface RateLimitInfo {
	/** A quota with its window, when the provider states one (`RateLimit-Policy`). */
	policy?: PacingWindow;
	/** Requests left in the current window. */
	remaining?: number;
	/** When the current window ends (epoch ms). */
	resetAt?: number;
}

/**
 * Reads the rate-limit headers providers send, whichever dialect:
 * - IETF draft (draft-ietf-httpapi-ratelimit-headers-08+): `RateLimit-Policy: "default";q=100;w=60`
 *   and `RateLimit: "default";r=50;t=30` (quota, window and reset in seconds, remaining);
 * - its earlier drafts: `RateLimit: limit=100, remaining=50, reset=30`, `RateLimit-Policy: 100;w=60`,
 *   or separate `RateLimit-Limit` / `-Remaining` / `-Reset`;
 * - the common `X-RateLimit-Limit` / `-Remaining` / `-Reset` (reset as epoch seconds, as GitHub
 *   sends it, or as seconds from now when the number is small).
 * https://datatracker.ietf.org/doc/draft-ietf-httpapi-ratelimit-headers/
 */
export function readRateLimitHeaders(headers: IDataObject, nowMs: number): RateLimitInfo {
	const info: RateLimitInfo = {};
	const policy = parameters(headerValue(headers, 'ratelimit-policy'));
	const quota = policy.q ?? policy.limit ?? policy[''];
	const window = policy.w;
	if (quota !== undefined && window !== undefined && quota >= 1 && window > 0) {
		info.policy = { limit: Math.floor(quota), windowMs: window * 1000 };
	}
	const current = parameters(headerValue(headers, 'ratelimit'));
	const remaining =
		current.r ??
		current.remaining ??
		number(headerValue(headers, 'ratelimit-remaining')) ??
		number(headerValue(headers, 'x-ratelimit-remaining'));
	if (remaining !== undefined) info.remaining = remaining;
	const resetSeconds =
		current.t ?? current.reset ?? number(headerValue(headers, 'ratelimit-reset'));
	const xReset = number(headerValue(headers, 'x-ratelimit-reset'));
	if (resetSeconds !== undefined) info.resetAt = nowMs + resetSeconds * 1000;
	else if (xReset !== undefined) {
		info.resetAt = xReset > 1_000_000_000 ? xReset * 1000 : nowMs + xReset * 1000;
	}
	return info;
}

/** `"name";q=100;w=60` or `limit=100, remaining=50` or `100;w=60` as numbers by key. */
function parameters(value: unknown): Record<string, number> {
	const text = Array.isArray(value)
		? String(value[0] ?? '')
		: typeof value === 'string'
			? value
			: '';
	const result: Record<string, number> = {};
	// Only the first policy or item counts: several policies would need several windows.
	const first = text.split(/,(?=\s*("|[\w-]+\s*;))/)[0] ?? '';
	for (const part of first.split(/[;,]/)) {
		const [key, raw] = part.includes('=') ? part.split('=') : ['', part];
		const parsed = number(raw);
		if (parsed !== undefined) result[key.trim().toLowerCase()] = parsed;
	}
	return result;
}

function number(value: unknown): number | undefined {
	const text = Array.isArray(value) ? value[0] : value;
	if (typeof text !== 'string' && typeof text !== 'number') return undefined;
	const parsed = Number(String(text).trim());
	return String(text).trim() !== '' && Number.isFinite(parsed) ? parsed : undefined;
}
