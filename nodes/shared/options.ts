import type { INodeProperties } from 'n8n-workflow';

import { systemClock, type Clock } from './clock';
import { PacingBudget, type PacingWindow } from './pacing';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';

/** The `options` collection shared by every provider node (names are a public contract). */
export interface RequestOptionValues {
	maxConcurrency?: number;
	requestsPerSecond?: number;
	timeoutSeconds?: number;
	maxRetries?: number;
}

export const requestOptionFields: INodeProperties[] = [
	{
		displayName: 'Max Concurrency',
		name: 'maxConcurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10 },
		default: 2,
		description: 'How many provider calls of one order may run at the same time',
	},
	{
		displayName: 'Requests per Second',
		name: 'requestsPerSecond',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 1 },
		default: 0,
		description:
			"0 finds the provider's rate by itself (speeds up while calls succeed, slows down when the provider says too many). A number is a hard cap on calls per second from this node, never exceeded in any second.",
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 300 },
		default: 30,
		description: 'How long to wait for each response before treating the call as failed',
	},
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: 5,
		description:
			'Retries of a call that failed for a temporary reason (rate limit, server error, lost connection). Calls that could create cards twice are only retried with an idempotency key.',
	},
];

/** The `options` collection for operations that have nothing else to configure. */
export const requestOptionsCollection: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: requestOptionFields,
};

export interface ResolvedRequestOptions {
	maxConcurrency: number;
	timeoutMs: number;
	retry: RetryPolicy;
	pacing: PacingBudget;
}

/**
 * What the items of one node execution share: the clock and one pacing budget, so that
 * "Requests per Second" bounds the whole node run and not each item on its own. Lives only as
 * long as the execution (action nodes keep no state between executions).
 */
export interface ExecutionScope {
	clock: Clock;
	pacing?: PacingBudget;
}

export function newExecutionScope(clock: Clock = systemClock): ExecutionScope {
	return { clock };
}

/** The rate the user typed (a hard cap), or undefined for automatic pacing (0 or not set). */
export function toldRequestsPerSecond(values: RequestOptionValues): number | undefined {
	const rate = values.requestsPerSecond;
	return typeof rate === 'number' && Number.isFinite(rate) && rate > 0
		? Math.min(rate, 100)
		: undefined;
}

/** Reads an item's options; the pacing budget is created from the first item that asks for one. */
export function resolveRequestOptions(
	values: RequestOptionValues,
	scope: ExecutionScope,
	providerWindows: PacingWindow[] = [],
): ResolvedRequestOptions {
	const clamp = (value: unknown, min: number, max: number, fallback: number) =>
		typeof value === 'number' && Number.isFinite(value)
			? Math.min(max, Math.max(min, value))
			: fallback;
	scope.pacing ??= new PacingBudget(providerWindows, scope.clock, {
		toldRate: toldRequestsPerSecond(values),
	});
	return {
		maxConcurrency: Math.round(clamp(values.maxConcurrency, 1, 10, 2)),
		timeoutMs: Math.round(clamp(values.timeoutSeconds, 1, 300, 30) * 1000),
		retry: { ...DEFAULT_RETRY_POLICY, maxRetries: Math.round(clamp(values.maxRetries, 0, 10, 5)) },
		pacing: scope.pacing,
	};
}
