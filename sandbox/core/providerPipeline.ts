/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development-only simulator server on loopback, never published: n8n's rules for node runtime code do not apply here */
import type { ServerResponse } from 'http';

import type { SandboxClock } from './clock';
import type { FaultQueue, FaultRule } from './faults';
import { bodyValue, dropConnection, pause, writeResponse, writeResponseSlowly } from './httpIo';
import type { RateLimiter } from './rateLimiter';
import type { RequestLog } from './requestLog';
import type { SandboxProvider, SandboxRequest, SandboxResponse } from './types';

/** Counters every provider gets from the framework, next to its own. */
export interface TrafficCounters {
	/** Every request that reached the provider's base path, whatever happened to it. */
	requests: number;
	/** 429 answers, from a rate limit or an injected `rateLimit` fault. */
	rateLimited: number;
	faultsInjected: number;
}

export function emptyTrafficCounters(): TrafficCounters {
	return { requests: 0, rateLimited: 0, faultsInjected: 0 };
}

export interface PipelineDependencies {
	clock: SandboxClock;
	faults: FaultQueue;
	rateLimiter: RateLimiter;
	requestLog: RequestLog;
	traffic: (provider: string) => TrafficCounters;
	/** Aborted when the sandbox closes, so pending delays end. */
	closing: AbortSignal;
}

function firstHeader(value: string | string[] | undefined): string | null {
	const first = Array.isArray(value) ? value[0] : value;
	return first === undefined || first === '' ? null : first;
}

/**
 * Runs one provider request through the sandbox's controls, in this order:
 * injected fault → rate limit → provider → request log → response (possibly delayed or dropped).
 */
export class ProviderPipeline {
	constructor(private readonly deps: PipelineDependencies) {}

	async run(
		provider: SandboxProvider,
		request: SandboxRequest,
		res: ServerResponse,
	): Promise<void> {
		const { faults, clock } = this.deps;
		const traffic = this.deps.traffic(provider.name);
		const arrivedAt = clock.isoNow();
		const fullPath = `${provider.basePath}${request.path}`;
		traffic.requests += 1;

		const fault = faults.take({
			provider: provider.name,
			method: request.method,
			fullPath,
			providerPath: request.path,
		});
		if (fault !== undefined) traffic.faultsInjected += 1;

		const log = (status: number | null) =>
			this.deps.requestLog.record({
				at: arrivedAt,
				provider: provider.name,
				method: request.method,
				path: fullPath,
				query: Object.fromEntries(request.query),
				idempotencyKey:
					provider.idempotencyHeader === undefined
						? null
						: firstHeader(request.headers[provider.idempotencyHeader]),
				body: provider.redactForLog(bodyValue(request.body) ?? null),
				status,
				...(fault === undefined ? {} : { fault: fault.kind }),
			});

		if (fault?.kind === 'dropBeforeProcessing') {
			log(null);
			dropConnection(res);
			return;
		}

		const response =
			fault === undefined
				? await this.process(provider, request)
				: await this.processWithFault(provider, request, fault);
		log(response.status);
		await this.deliver(res, response, fault);
	}

	private async processWithFault(
		provider: SandboxProvider,
		request: SandboxRequest,
		fault: FaultRule,
	): Promise<SandboxResponse> {
		if (fault.kind === 'status') {
			const response = provider.errorResponse(fault.status ?? 500, fault.message);
			return fault.body === undefined ? response : { ...response, body: fault.body };
		}
		if (fault.kind === 'rateLimit') {
			return this.tooManyRequests(provider, fault.retryAfterSeconds ?? 1);
		}
		return this.process(provider, request);
	}

	private async process(
		provider: SandboxProvider,
		request: SandboxRequest,
	): Promise<SandboxResponse> {
		const decision = this.deps.rateLimiter.take(provider.name, this.deps.clock.now());
		if (!decision.allowed) return this.tooManyRequests(provider, decision.retryAfterSeconds);
		try {
			return await provider.handle(request);
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			return provider.errorResponse(500, `Sandbox failure: ${message}`);
		}
	}

	private tooManyRequests(provider: SandboxProvider, retryAfterSeconds: number): SandboxResponse {
		this.deps.traffic(provider.name).rateLimited += 1;
		const response = provider.errorResponse(429);
		return {
			...response,
			headers: { ...response.headers, 'retry-after': String(retryAfterSeconds) },
		};
	}

	private async deliver(
		res: ServerResponse,
		response: SandboxResponse,
		fault: FaultRule | undefined,
	): Promise<void> {
		const { closing } = this.deps;
		switch (fault?.kind) {
			case 'dropAfterProcessing':
				dropConnection(res);
				return;
			case 'latency':
				await pause(fault.delayMs ?? 0, closing);
				writeResponse(res, response);
				return;
			case 'slowBody':
				await writeResponseSlowly(res, response, fault.delayMs ?? 0, closing);
				return;
			default:
				writeResponse(res, response);
		}
	}
}
