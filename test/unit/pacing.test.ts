import { PacingBudget } from '../../nodes/shared/pacing';
import { readRateLimitHeaders } from '../../nodes/shared/rateLimitHeaders';
import { VirtualClock } from '../helpers/virtualClock';

/** The most sends found in any one-second window, wherever it starts. */
function busiestSecond(sends: number[]): number {
	let most = 0;
	for (let i = 0; i < sends.length; i++) {
		let j = i;
		while (j < sends.length && sends[j] < sends[i] + 1000) j++;
		most = Math.max(most, j - i);
	}
	return most;
}

/**
 * `workers` callers each send, wait `latencyMs` for the answer and go again, for `durationMs`,
 * against a provider that accepts `limit` requests per fixed window of `windowMs` (answering 429
 * with Retry-After: 1 beyond it), as the sandbox and most gateways do.
 */
async function simulate(options: {
	budget: (clock: VirtualClock) => PacingBudget;
	limit?: number;
	windowMs?: number;
	workers?: number;
	latencyMs?: number;
	durationMs: number;
	headers?: (remaining: number, resetInMs: number) => Record<string, string>;
}) {
	const clock = new VirtualClock();
	const budget = options.budget(clock);
	const { limit = Infinity, windowMs = 1000, workers = 2, latencyMs = 50 } = options;
	const sends: number[] = [];
	let windowStart = Number.NEGATIVE_INFINITY;
	let inWindow = 0;
	let throttled = 0;
	let accepted = 0;
	const worker = async () => {
		while (clock.now() < options.durationMs) {
			await budget.acquire();
			const at = clock.now();
			sends.push(at);
			if (at - windowStart >= windowMs) {
				windowStart = at;
				inWindow = 0;
			}
			inWindow++;
			const ok = inWindow <= limit;
			await clock.sleep(latencyMs);
			const extra =
				options.headers?.(Math.max(0, limit - inWindow), windowStart + windowMs - clock.now()) ??
				{};
			if (ok) {
				accepted++;
				budget.observe(200, extra);
			} else {
				throttled++;
				budget.observe(429, { 'retry-after': '1', ...extra });
				budget.pauseUntil(clock.now() + 1000);
			}
		}
	};
	await clock.run(Promise.all(Array.from({ length: workers }, worker)));
	return { sends, throttled, accepted, budget };
}

describe('PacingBudget with a told rate', () => {
	it.each([5, 20, 2.5])(
		'never sends more than %p in any one-second window, and keeps up the pace',
		async (rate) => {
			const { sends } = await simulate({
				budget: (clock) => new PacingBudget([], clock, { toldRate: rate }),
				workers: 8,
				latencyMs: 10,
				durationMs: 20_000,
			});
			expect(busiestSecond(sends)).toBeLessThanOrEqual(Math.floor(rate));
			expect(sends.length).toBeGreaterThanOrEqual(Math.floor(rate * 20 * 0.95));
		},
	);

	it('draws no 429 from a provider whose limit is the told rate', async () => {
		const { throttled, accepted } = await simulate({
			budget: (clock) => new PacingBudget([], clock, { toldRate: 5 }),
			limit: 5,
			durationMs: 30_000,
		});
		expect(throttled).toBe(0);
		expect(accepted).toBeGreaterThanOrEqual(5 * 30 * 0.95);
	});
});

describe('PacingBudget, automatic', () => {
	it('sends without limit until the provider first says too many', async () => {
		const { sends } = await simulate({
			budget: (clock) => new PacingBudget([], clock),
			latencyMs: 50,
			durationMs: 1000,
		});
		expect(sends.length).toBeGreaterThanOrEqual(38);
	});

	it.each([5, 20])(
		'finds a limit of %p a second: few 429s, and close to the limit',
		async (limit) => {
			const durationMs = 80_000;
			const { throttled, accepted, budget } = await simulate({
				budget: (clock) => new PacingBudget([], clock),
				limit,
				durationMs,
			});
			const calls = accepted + throttled;
			expect(throttled / calls).toBeLessThan(0.05);
			expect(accepted).toBeGreaterThanOrEqual(limit * (durationMs / 1000) * 0.8);
			expect(budget.rate).toBeLessThanOrEqual(limit * 1.1);
		},
	);

	it('keeps a told rate as a cap while it learns a lower limit', async () => {
		const { throttled, accepted, budget } = await simulate({
			budget: (clock) => new PacingBudget([], clock, { toldRate: 20 }),
			limit: 5,
			durationMs: 40_000,
		});
		expect(throttled).toBeLessThan(10);
		expect(accepted).toBeGreaterThanOrEqual(5 * 40 * 0.8);
		// Below the told 20: the learned limit, or a tenth above it while probing.
		expect(budget.rate).toBeLessThanOrEqual(5 * 1.1);
	});

	it('always respects documented provider windows', async () => {
		const { sends } = await simulate({
			budget: (clock) => new PacingBudget([{ limit: 10, windowMs: 2000 }], clock),
			workers: 6,
			latencyMs: 5,
			durationMs: 10_000,
		});
		for (let i = 10; i < sends.length; i++)
			expect(sends[i] - sends[i - 10]).toBeGreaterThanOrEqual(2000);
	});

	it('uses the quota a provider announces in RateLimit-Policy, and draws no 429 from it', async () => {
		const { throttled, accepted } = await simulate({
			budget: (clock) => new PacingBudget([], clock),
			limit: 8,
			durationMs: 20_000,
			headers: (remaining, resetInMs) => ({
				'RateLimit-Policy': '"default";q=8;w=1',
				RateLimit: `"default";r=${remaining};t=${Math.max(0, Math.ceil(resetInMs / 1000))}`,
			}),
		});
		expect(throttled).toBeLessThanOrEqual(1);
		expect(accepted).toBeGreaterThanOrEqual(8 * 20 * 0.8);
	});
});

describe('readRateLimitHeaders', () => {
	const now = 1_700_000_000_000;
	it('reads the IETF draft fields', () => {
		expect(
			readRateLimitHeaders(
				{ 'ratelimit-policy': '"burst";q=100;w=60', ratelimit: '"burst";r=7;t=12' },
				now,
			),
		).toEqual({ policy: { limit: 100, windowMs: 60_000 }, remaining: 7, resetAt: now + 12_000 });
	});

	it('reads the earlier drafts', () => {
		expect(readRateLimitHeaders({ RateLimit: 'limit=10, remaining=0, reset=3' }, now)).toEqual({
			remaining: 0,
			resetAt: now + 3000,
		});
		expect(readRateLimitHeaders({ 'RateLimit-Policy': '10;w=1, 1000;w=3600' }, now)).toEqual({
			policy: { limit: 10, windowMs: 1000 },
		});
	});

	it('reads X-RateLimit headers with an epoch or a delta reset', () => {
		expect(
			readRateLimitHeaders(
				{ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700000030' },
				now,
			),
		).toEqual({
			remaining: 0,
			resetAt: 1_700_000_030_000,
		});
		expect(
			readRateLimitHeaders({ 'X-RateLimit-Remaining': '4', 'X-RateLimit-Reset': '20' }, now),
		).toEqual({
			remaining: 4,
			resetAt: now + 20_000,
		});
	});

	it('ignores what it cannot read', () => {
		expect(
			readRateLimitHeaders({ ratelimit: 'soon', 'x-ratelimit-remaining': 'n/a' }, now),
		).toEqual({});
	});
});
