import { SandboxAdminError } from './adminError';

export interface RateLimitRule {
	provider: string;
	/** Requests accepted per window. */
	limit: number;
	windowMs: number;
	/** `Retry-After` sent with each 429; by default the seconds left in the window. */
	retryAfterSeconds?: number;
}

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface WindowState {
	rule: RateLimitRule;
	startedAt: number;
	count: number;
}

function isPositiveInteger(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

/** Fixed windows on the sandbox clock, one per provider; a window starts with its first request. */
export class RateLimiter {
	private windows = new Map<string, WindowState>();

	constructor(private readonly knownProviders: () => ReadonlyArray<string>) {}

	set(rule: RateLimitRule): RateLimitRule {
		const problems: string[] = [];
		if (typeof rule !== 'object' || rule === null) {
			throw new SandboxAdminError(400, 'A rate limit must be a JSON object');
		}
		if (!this.knownProviders().includes(rule.provider)) {
			problems.push(`provider must be one of ${this.knownProviders().join(', ')}`);
		}
		if (!isPositiveInteger(rule.limit)) problems.push('limit must be a positive integer');
		if (!isPositiveInteger(rule.windowMs)) problems.push('windowMs must be a positive integer');
		const retryAfter = rule.retryAfterSeconds;
		if (retryAfter !== undefined && !(Number.isInteger(retryAfter) && retryAfter >= 0)) {
			problems.push('retryAfterSeconds must be a non-negative integer');
		}
		if (problems.length > 0) throw new SandboxAdminError(400, problems.join('; '));
		const stored: RateLimitRule = {
			provider: rule.provider,
			limit: rule.limit,
			windowMs: rule.windowMs,
			...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
		};
		this.windows.set(rule.provider, {
			rule: stored,
			startedAt: Number.NEGATIVE_INFINITY,
			count: 0,
		});
		return { ...stored };
	}

	list(): RateLimitRule[] {
		return [...this.windows.values()].map(({ rule }) => ({ ...rule }));
	}

	clear(): void {
		this.windows.clear();
	}

	take(provider: string, now: number): RateLimitDecision {
		const window = this.windows.get(provider);
		if (window === undefined) return { allowed: true };
		if (now - window.startedAt >= window.rule.windowMs) {
			window.startedAt = now;
			window.count = 0;
		}
		window.count += 1;
		if (window.count <= window.rule.limit) return { allowed: true };
		const secondsLeft = Math.ceil((window.startedAt + window.rule.windowMs - now) / 1000);
		return {
			allowed: false,
			retryAfterSeconds: window.rule.retryAfterSeconds ?? Math.max(1, secondsLeft),
		};
	}
}
