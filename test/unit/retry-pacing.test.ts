import { mapWithConcurrency } from '../../nodes/shared/concurrency';
import { PacingBudget } from '../../nodes/shared/pacing';
import { backoffDelayMs, parseRetryAfterMs } from '../../nodes/shared/retry';
import { FakeClock } from '../helpers/fakeClock';

describe('backoffDelayMs', () => {
	const policy = { baseDelayMs: 500, maxDelayMs: 8000 };

	it('doubles each attempt, with jitter between half and the whole step', () => {
		expect(backoffDelayMs(0, policy, () => 0)).toBe(250);
		expect(backoffDelayMs(0, policy, () => 1)).toBe(500);
		expect(backoffDelayMs(3, policy, () => 0)).toBe(2000);
		expect(backoffDelayMs(3, policy, () => 1)).toBe(4000);
	});

	it('never exceeds the cap however many attempts', () => {
		expect(backoffDelayMs(30, policy, () => 1)).toBe(8000);
		expect(backoffDelayMs(30, policy, () => 0)).toBe(4000);
	});
});

describe('parseRetryAfterMs', () => {
	const now = Date.parse('2026-11-24T12:00:00Z');

	it('reads delta-seconds', () => {
		expect(parseRetryAfterMs('3', now)).toBe(3000);
		expect(parseRetryAfterMs(' 0 ', now)).toBe(0);
		expect(parseRetryAfterMs(['2'], now)).toBe(2000);
	});

	it('reads an HTTP date relative to now, never negative', () => {
		expect(parseRetryAfterMs('Tue, 24 Nov 2026 12:00:05 GMT', now)).toBe(5000);
		expect(parseRetryAfterMs('Tue, 24 Nov 2026 11:00:00 GMT', now)).toBe(0);
	});

	it('ignores what it cannot read', () => {
		expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
		expect(parseRetryAfterMs('soon', now)).toBeUndefined();
	});
});

describe('PacingBudget', () => {
	it('lets 5 requests per second through and makes the sixth wait for the window', async () => {
		const clock = new FakeClock();
		const start = clock.now();
		const budget = new PacingBudget([{ limit: 5, windowMs: 1000 }], clock);
		const sentAt: number[] = [];
		for (let i = 0; i < 11; i++) {
			await budget.acquire();
			sentAt.push(clock.now() - start);
		}
		expect(sentAt.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
		expect(sentAt.slice(5, 10)).toEqual([1000, 1000, 1000, 1000, 1000]);
		expect(sentAt[10]).toBe(2000);
	});

	it('honours the tighter of several windows (Qonto: 1000/10 s and 10 000/10 min)', async () => {
		const clock = new FakeClock();
		const budget = new PacingBudget(
			[
				{ limit: 3, windowMs: 100 },
				{ limit: 4, windowMs: 10_000 },
			],
			clock,
		);
		const start = clock.now();
		for (let i = 0; i < 5; i++) await budget.acquire();
		expect(clock.now() - start).toBe(10_000);
	});

	it('holds every caller while paused by a 429', async () => {
		const clock = new FakeClock();
		const budget = new PacingBudget([{ limit: 100, windowMs: 1000 }], clock);
		budget.pauseUntil(clock.now() + 2500);
		const start = clock.now();
		await Promise.all([budget.acquire(), budget.acquire()]);
		expect(clock.now() - start).toBe(2500);
	});
});

describe('mapWithConcurrency', () => {
	it('keeps order and never runs more than the limit at once', async () => {
		let running = 0;
		let peak = 0;
		const results = await mapWithConcurrency([5, 1, 4, 2, 3], 2, async (value) => {
			running++;
			peak = Math.max(peak, running);
			for (let i = 0; i < value; i++) await Promise.resolve();
			running--;
			return value * 10;
		});
		expect(results).toEqual([50, 10, 40, 20, 30]);
		expect(peak).toBe(2);
	});
});
