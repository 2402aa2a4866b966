import type { Clock } from './clock';

export interface PacingWindow {
	limit: number;
	windowMs: number;
}

/**
 * Sliding-window request budget shared by every concurrent call of one node execution
 * (e.g. Qonto: 1000 requests / 10 s and 10 000 / 10 min). A 429 pauses all callers until
 * the provider's `Retry-After` has passed, so parallel chunks do not hammer a limited API.
 */
export class PacingBudget {
	private readonly sent: number[] = [];
	private pausedUntil = 0;
	private queue: Promise<void> = Promise.resolve();

	constructor(
		private readonly windows: PacingWindow[],
		private readonly clock: Clock,
	) {
		for (const window of windows) {
			if (!(window.limit >= 1) || !(window.windowMs > 0)) {
				throw new RangeError(`Invalid pacing window ${JSON.stringify(window)}`);
			}
		}
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

	private async waitForSlot(): Promise<void> {
		for (;;) {
			const now = this.clock.now();
			const wait = Math.max(this.pausedUntil - now, this.windowWait(now));
			if (wait <= 0) {
				this.sent.push(now);
				this.forgetOlderThan(now - this.longestWindowMs());
				return;
			}
			await this.clock.sleep(wait);
		}
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
