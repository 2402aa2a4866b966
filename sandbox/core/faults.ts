import { SandboxAdminError } from './adminError';

export const FAULT_KINDS = [
	'status',
	'latency',
	'dropAfterProcessing',
	'dropBeforeProcessing',
	'slowBody',
	'rateLimit',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRuleInput {
	kind: FaultKind;
	/** Only requests to this provider (e.g. `nymcard`); any provider when absent. */
	provider?: string;
	/** Only this HTTP method (any case). */
	method?: string;
	/** Compared with both the full path and the path below the provider's base path. */
	pathPrefix?: string;
	/** A regular expression source, tested like `pathPrefix`. */
	pathRegex?: string;
	/** How many matching requests the rule affects before it is used up (default 1). */
	times?: number;
	/** How many matching requests pass untouched before the rule starts (default 0). */
	skip?: number;
	/** `status`: the HTTP status to answer with. */
	status?: number;
	/** `status`: replaces the provider-shaped error body. */
	body?: unknown;
	/** `status`: the message inside the provider-shaped error body. */
	message?: string;
	/** `latency`: how long the response waits; `slowBody`: how long the body takes. */
	delayMs?: number;
	/** `rateLimit`: value of the `Retry-After` header (default 1). */
	retryAfterSeconds?: number;
}

export interface FaultRule extends FaultRuleInput {
	id: string;
	times: number;
	skip: number;
	/** Requests the rule has affected so far. */
	applied: number;
}

export interface FaultTarget {
	provider: string;
	method: string;
	fullPath: string;
	providerPath: string;
}

function isNonNegativeInteger(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function checkRule(input: FaultRuleInput, knownProviders: ReadonlyArray<string>): string[] {
	const problems: string[] = [];
	if (!FAULT_KINDS.includes(input.kind))
		problems.push(`kind must be one of ${FAULT_KINDS.join(', ')}`);
	if (input.provider !== undefined && !knownProviders.includes(input.provider)) {
		problems.push(`provider must be one of ${knownProviders.join(', ')}`);
	}
	if (input.times !== undefined && !(isNonNegativeInteger(input.times) && input.times > 0)) {
		problems.push('times must be a positive integer');
	}
	if (input.skip !== undefined && !isNonNegativeInteger(input.skip)) {
		problems.push('skip must be a non-negative integer');
	}
	if (input.pathRegex !== undefined) {
		try {
			new RegExp(input.pathRegex);
		} catch {
			problems.push('pathRegex is not a valid regular expression');
		}
	}
	const needsStatus = input.kind === 'status';
	if (
		needsStatus &&
		!(isNonNegativeInteger(input.status) && input.status >= 400 && input.status <= 599)
	) {
		problems.push('status must be an HTTP error status (400..599)');
	}
	const needsDelay = input.kind === 'latency' || input.kind === 'slowBody';
	if (needsDelay && !isNonNegativeInteger(input.delayMs)) {
		problems.push('delayMs must be a non-negative integer');
	}
	if (input.retryAfterSeconds !== undefined && !isNonNegativeInteger(input.retryAfterSeconds)) {
		problems.push('retryAfterSeconds must be a non-negative integer');
	}
	return problems;
}

/** Injected failures, consumed in the order they were added. */
export class FaultQueue {
	private rules: FaultRule[] = [];
	private compiledRegex = new Map<string, RegExp>();
	private nextId = 1;

	constructor(private readonly knownProviders: () => ReadonlyArray<string>) {}

	add(input: FaultRuleInput): FaultRule {
		if (typeof input !== 'object' || input === null) {
			throw new SandboxAdminError(400, 'A fault rule must be a JSON object');
		}
		const problems = checkRule(input, this.knownProviders());
		if (problems.length > 0) throw new SandboxAdminError(400, problems.join('; '));
		const rule: FaultRule = {
			...input,
			id: `fault-${this.nextId++}`,
			times: input.times ?? 1,
			skip: input.skip ?? 0,
			applied: 0,
		};
		if (rule.pathRegex !== undefined) this.compiledRegex.set(rule.id, new RegExp(rule.pathRegex));
		this.rules.push(rule);
		return { ...rule };
	}

	list(): FaultRule[] {
		return this.rules.map((rule) => ({ ...rule }));
	}

	clear(): void {
		this.rules = [];
		this.compiledRegex.clear();
	}

	/** The first rule matching the request, counted as used; `undefined` lets the request through. */
	take(target: FaultTarget): FaultRule | undefined {
		for (const rule of this.rules) {
			if (!this.matches(rule, target)) continue;
			if (rule.skip > 0) {
				rule.skip -= 1;
				continue;
			}
			rule.applied += 1;
			if (rule.applied >= rule.times) this.remove(rule);
			return { ...rule };
		}
		return undefined;
	}

	private remove(rule: FaultRule): void {
		this.rules = this.rules.filter((candidate) => candidate !== rule);
		this.compiledRegex.delete(rule.id);
	}

	private matches(rule: FaultRule, target: FaultTarget): boolean {
		if (rule.provider !== undefined && rule.provider !== target.provider) return false;
		if (rule.method !== undefined && rule.method.toUpperCase() !== target.method) return false;
		const paths = [target.fullPath, target.providerPath];
		const prefix = rule.pathPrefix;
		if (prefix !== undefined && !paths.some((path) => path.startsWith(prefix))) return false;
		const regex = this.compiledRegex.get(rule.id);
		if (regex !== undefined && !paths.some((path) => regex.test(path))) return false;
		return true;
	}
}
