import type { IDataObject } from 'n8n-workflow';

import type { Clock } from './clock';
import { readRateLimitHeaders } from './rateLimitHeaders';

export interface PacingWindow {
	limit: number;
	windowMs: number;
}

/**
 * How fast one node execution sends to a provider; every concurrent call of every item shares it.
 *
 * - **Documented windows** (e.g. 1000 requests / 10 s and 10 000 / 10 min) are sliding windows that
 *   are never exceeded.
 * - **A told rate** (Requests per Second typed by the user) is a hard cap. Sends are spaced evenly,
 *   1/rate apart plus a small margin, so that no window of one second, however the provider
 *   places it and whatever the network jitter, sees more than the rate: bursts would draw 429s.
 * - **Automatic** (no told rate) learns the provider's rate: no limit until the first 429 (as the
 *   AWS SDKs' adaptive mode), then a ceiling at the rate that was accepted in the second before
 *   the 429, and sends paced a little below it. Another 429 at the ceiling lowers it (×0.85).
 *   After 15 s without one the ceiling is raised by a tenth, to find a limit that rose; a 429
 *   then restores the ceiling that worked and doubles the wait before the next try (to 2 min).
 * - **Headers** are read whenever a provider sends them (Octokit's way): `Retry-After`, the IETF
 *   draft's `RateLimit` / `RateLimit-Policy`, and `X-RateLimit-Limit/-Remaining/-Reset`. A known
 *   quota becomes a window; no quota left pauses everyone until the reset.
 * - A 429 pauses every caller until its `Retry-After` has passed (`pauseUntil`).
 */
export class PacingBudget {
	private readonly sent: number[] = [];
	private readonly windows: PacingWindow[];
	private pausedUntil = 0;
	private queue: Promise<void> = Promise.resolve();
	private lastSendAt = Number.NEGATIVE_INFINITY;
	private sendCount = 0;
	/** Learned: the highest rate the provider is believed to accept, in requests per second. */
	private ceiling: number | undefined;
	private lastThrottleAt = Number.NEGATIVE_INFINITY;
	private lastRaiseAt = Number.NEGATIVE_INFINITY;
	/** While trying a higher ceiling: the one that worked before. */
	private probingFrom: number | undefined;
	private raiseAfterMs = RAISE_AFTER_MS;
	private readonly toldRate: number | undefined;

	constructor(
		windows: PacingWindow[],
		private readonly clock: Clock,
		options: { toldRate?: number } = {},
	) {
		for (const window of windows) {
			if (!(window.limit >= 1) || !(window.windowMs > 0)) {
				throw new RangeError(`Invalid pacing window ${JSON.stringify(window)}`);
			}
		}
		this.windows = [...windows];
		this.toldRate =
			options.toldRate !== undefined && options.toldRate > 0 ? options.toldRate : undefined;
		if (this.toldRate !== undefined) this.windows.push(windowOfRate(this.toldRate));
	}

	/** Requests per second now aimed at: the told rate, the learned one, or none (unlimited). */
	get rate(): number | undefined {
		const learned = this.ceiling === undefined ? undefined : this.ceiling * LEARNED_SHARE;
		if (this.toldRate === undefined) return learned;
		return learned === undefined ? this.toldRate : Math.min(this.toldRate, learned);
	}

	/** Resolves when one more request may be sent, and records it. Callers are served in order. */
	async acquire(): Promise<void> {
		const turn = this.queue.then(async () => await this.waitForSlot());
		this.queue = turn.catch(() => undefined);
		await turn;
	}

	pauseUntil(epochMs: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, epochMs);
	}

	/** Learns from every answer: its status (429 or not) and any rate-limit headers. */
	observe(statusCode: number, headers: IDataObject): void {
		const now = this.clock.now();
		const quota = readRateLimitHeaders(headers, now);
		if (quota.policy) this.adoptWindow(quota.policy);
		if (quota.remaining !== undefined && quota.remaining <= 0 && quota.resetAt !== undefined) {
			this.pauseUntil(quota.resetAt);
		}
		if (statusCode === 429) this.throttled(now);
		else if (statusCode < 500) this.maybeRaise(now);
	}

	private throttled(now: number): void {
		// Under a told rate, one 429 is more likely a request that left late (the first calls of a
		// run wait on connection set-up) than a limit below the rate: only a second one within a
		// minute teaches a lower ceiling; the Retry-After pause applies either way.
		if (this.toldRate !== undefined && this.ceiling === undefined) {
			const repeated = now - this.lastThrottleAt < 60_000;
			this.lastThrottleAt = now;
			if (!repeated) return;
		}
		// What the provider accepted in the second before: all sends of that second but this one.
		// A lone request tells nothing about a rate (a quota over a longer window, a one-off
		// refusal): then only the Retry-After pause applies.
		const sentLastSecond = this.countSince(now - 1000);
		if (sentLastSecond < 2 && this.probingFrom === undefined) return;
		const accepted = Math.max(1, sentLastSecond - 1);
		if (this.ceiling === undefined) this.ceiling = accepted;
		else if (this.probingFrom !== undefined) {
			// The probe above the ceiling failed: back to what worked, and probe less often.
			this.ceiling = this.probingFrom;
			this.raiseAfterMs = Math.min(this.raiseAfterMs * 2, MAX_RAISE_AFTER_MS);
		} else if (now - this.lastThrottleAt >= 1000) {
			// Calls already in flight when the first 429 came are answered 429 too: one cut a burst.
			this.ceiling = Math.max(MIN_RATE, Math.min(this.ceiling * 0.85, accepted));
		}
		this.probingFrom = undefined;
		this.lastThrottleAt = now;
		this.lastRaiseAt = now;
	}

	/** A while without a 429: try a little faster, in case the provider's limit is higher. */
	private maybeRaise(now: number): void {
		if (this.ceiling === undefined) return;
		if (this.probingFrom !== undefined && now - this.lastRaiseAt >= PROBE_MS) {
			this.probingFrom = undefined;
			this.raiseAfterMs = RAISE_AFTER_MS;
		}
		if (now - this.lastRaiseAt < this.raiseAfterMs || this.probingFrom !== undefined) return;
		this.probingFrom = this.ceiling;
		this.ceiling *= 1.1;
		this.lastRaiseAt = now;
	}

	private adoptWindow(policy: PacingWindow): void {
		const known = this.windows.find((window) => window.windowMs === policy.windowMs);
		if (known) known.limit = Math.min(known.limit, policy.limit);
		else this.windows.push({ ...policy });
	}

	private async waitForSlot(): Promise<void> {
		for (;;) {
			const now = this.clock.now();
			const wait = Math.max(this.pausedUntil - now, this.windowWait(now), this.spacingWait(now));
			if (wait <= 0) {
				this.sent.push(now);
				this.lastSendAt = now;
				this.sendCount++;
				this.forgetOlderThan(now - Math.max(1000, this.longestWindowMs()));
				return;
			}
			await this.clock.sleep(wait);
		}
	}

	private spacingWait(now: number): number {
		const rate = this.rate;
		if (rate === undefined) return 0;
		// The first calls of a run leave late (connection set-up, n8n's first use of its request
		// helper: 80 ms seen), so the one after could reach the provider too soon: wider spacing.
		const margin = this.sendCount <= WARM_UP_SENDS ? WARM_UP_MARGIN : SPACING_MARGIN;
		return this.lastSendAt + (1000 / rate) * margin - now;
	}

	private windowWait(now: number): number {
		let wait = 0;
		for (const { limit, windowMs } of this.windows) {
			const inWindow = this.countSince(now - windowMs);
			if (inWindow >= limit) {
				const oldestCounted = this.sent[this.sent.length - limit];
				wait = Math.max(wait, oldestCounted + windowMs - now);
			}
		}
		return wait;
	}

	private countSince(since: number): number {
		let count = 0;
		for (let i = this.sent.length - 1; i >= 0 && this.sent[i] > since; i--) count++;
		return count;
	}

	private longestWindowMs(): number {
		return this.windows.reduce((longest, window) => Math.max(longest, window.windowMs), 0);
	}

	private forgetOlderThan(cutoff: number): void {
		let drop = 0;
		while (drop < this.sent.length && this.sent[drop] <= cutoff) drop++;
		if (drop > 0) this.sent.splice(0, drop);
	}
}

/** Sends are spaced this much wider than 1/rate, so that a request delayed on its way by up to
 * 1/20 of the interval cannot land in the same provider window as the one after it. */
const SPACING_MARGIN = 1.05;
const WARM_UP_SENDS = 3;
const WARM_UP_MARGIN = 1.5;
/** After a throttle, aim this far below the learned ceiling. */
const LEARNED_SHARE = 0.95;
const RAISE_AFTER_MS = 15_000;
const MAX_RAISE_AFTER_MS = 120_000;
/** A raised ceiling that drew no 429 for this long is kept. */
const PROBE_MS = 5000;
const MIN_RATE = 0.2;

/** A told rate as a window: `rate` per second, or one request per 1/rate seconds below one. */
function windowOfRate(rate: number): PacingWindow {
	return rate >= 1
		? { limit: Math.floor(rate), windowMs: 1000 }
		: { limit: 1, windowMs: Math.ceil(1000 / rate) };
}
