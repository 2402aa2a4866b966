import { SandboxAdminError } from './adminError';
import type { SandboxClock } from './clock';
import { FaultQueue, type FaultRule, type FaultRuleInput } from './faults';
import { emptyTrafficCounters, ProviderPipeline, type TrafficCounters } from './providerPipeline';
import { RateLimiter, type RateLimitRule } from './rateLimiter';
import { RequestLog, type RequestLogEntry } from './requestLog';
import type { ProviderCounters, SandboxProvider } from './types';

/** The controls every sandbox has, whatever providers it simulates. */
export interface CoreAdmin {
	clock: {
		/** Sandbox time in epoch milliseconds. */
		now(): number;
		/** Moves sandbox time forward; returns the new `now()`. */
		advance(ms: number): number;
		offset(): number;
	};
	faults: {
		/** Queues a rule and returns its id. */
		add(rule: FaultRuleInput): string;
		list(): FaultRule[];
		clear(): void;
	};
	rateLimits: {
		set(rule: RateLimitRule): RateLimitRule;
		list(): RateLimitRule[];
		clear(): void;
	};
	counters(): Record<string, ProviderCounters>;
	requests(provider?: string): RequestLogEntry[];
	/** Clears all state, counters, faults, rate limits and the clock offset. */
	reset(): void;
}

export interface ProviderMount {
	provider: SandboxProvider;
	/** The request path below the provider's base path. */
	path: string;
}

/** Owns the shared controls (faults, rate limits, request log, traffic counters) and the providers. */
export class SandboxCore {
	readonly faults: FaultQueue;
	readonly rateLimiter: RateLimiter;
	readonly requestLog = new RequestLog();
	readonly pipeline: ProviderPipeline;
	readonly admin: CoreAdmin;
	private readonly traffic = new Map<string, TrafficCounters>();

	constructor(
		readonly clock: SandboxClock,
		readonly providers: ReadonlyArray<SandboxProvider>,
		closing: AbortSignal,
	) {
		const providerNames = () => this.providers.map((provider) => provider.name);
		this.faults = new FaultQueue(providerNames);
		this.rateLimiter = new RateLimiter(providerNames);
		this.resetTraffic();
		this.pipeline = new ProviderPipeline({
			clock,
			faults: this.faults,
			rateLimiter: this.rateLimiter,
			requestLog: this.requestLog,
			traffic: (name) => this.trafficOf(name),
			closing,
		});
		this.admin = this.buildAdmin();
	}

	mountFor(path: string): ProviderMount | undefined {
		for (const provider of this.providers) {
			if (path === provider.basePath || path.startsWith(`${provider.basePath}/`)) {
				return { provider, path: path.slice(provider.basePath.length) || '/' };
			}
		}
		return undefined;
	}

	private trafficOf(name: string): TrafficCounters {
		let counters = this.traffic.get(name);
		if (counters === undefined) {
			counters = emptyTrafficCounters();
			this.traffic.set(name, counters);
		}
		return counters;
	}

	private resetTraffic(): void {
		this.traffic.clear();
		for (const provider of this.providers) this.traffic.set(provider.name, emptyTrafficCounters());
	}

	private buildAdmin(): CoreAdmin {
		const { clock } = this;
		return {
			clock: {
				now: () => clock.now(),
				advance: (ms) => {
					if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
						throw new SandboxAdminError(400, 'ms must be a non-negative number');
					}
					return clock.advance(ms);
				},
				offset: () => clock.offset(),
			},
			faults: {
				add: (rule) => this.faults.add(rule).id,
				list: () => this.faults.list(),
				clear: () => this.faults.clear(),
			},
			rateLimits: {
				set: (rule) => this.rateLimiter.set(rule),
				list: () => this.rateLimiter.list(),
				clear: () => this.rateLimiter.clear(),
			},
			counters: () =>
				Object.fromEntries(
					this.providers.map((provider) => [
						provider.name,
						{ ...this.trafficOf(provider.name), ...provider.counters() },
					]),
				),
			requests: (provider) => {
				if (provider !== undefined && !this.providers.some(({ name }) => name === provider)) {
					throw new SandboxAdminError(400, `Unknown provider ${provider}`);
				}
				return this.requestLog.list(provider);
			},
			reset: () => {
				clock.reset();
				this.faults.clear();
				this.rateLimiter.clear();
				this.requestLog.clear();
				this.resetTraffic();
				for (const provider of this.providers) provider.reset();
			},
		};
	}
}
