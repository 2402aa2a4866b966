export type NormalisedState =
	| 'draft'
	| 'submitted'
	| 'processing'
	| 'completed'
	| 'partially_completed'
	| 'failed'
	| 'unknown';

export type ProviderName = 'nymcard' | 'qonto' | 'paysafe' | 'dintero';

/**
 * Raw provider status (compared case-insensitively) → normalised state, one table for every
 * provider. Statuses a provider has not documented fall back to `unknown`, never to a guess
 * that could look final.
 */
const STATE_TABLE: Record<ProviderName, Record<string, NormalisedState>> = {
	// Documented: draft, SUBMITTED (bulk page); the rest is the likely lifecycle, providers.md unknown 3.
	nymcard: {
		draft: 'draft',
		submitted: 'submitted',
		processing: 'processing',
		in_progress: 'processing',
		ordered: 'processing',
		completed: 'completed',
		fulfilled: 'completed',
		shipped: 'completed',
		delivered: 'completed',
		partially_completed: 'partially_completed',
		failed: 'failed',
		rejected: 'failed',
		cancelled: 'failed',
		canceled: 'failed',
	},
	qonto: {},
	paysafe: {
		pending: 'submitted',
		processing: 'processing',
		completed: 'completed',
		failed: 'failed',
	},
	dintero: {},
};

const TERMINAL: ReadonlySet<NormalisedState> = new Set([
	'completed',
	'partially_completed',
	'failed',
]);

export function normaliseState(provider: ProviderName, rawStatus: unknown): NormalisedState {
	if (typeof rawStatus !== 'string') return 'unknown';
	const key = rawStatus
		.trim()
		.toLowerCase()
		.replace(/[\s-]+/g, '_');
	return STATE_TABLE[provider][key] ?? 'unknown';
}

export function isTerminal(state: NormalisedState): boolean {
	return TERMINAL.has(state);
}

export interface NormalisedStatus {
	provider: ProviderName;
	orderReference?: string;
	bulkId: string;
	status: string | null;
	state: NormalisedState;
	requested: number;
	created: number;
	failed: number;
	terminal: boolean;
	observedAt: string;
	raw: unknown;
}

export function buildNormalisedStatus(input: {
	provider: ProviderName;
	bulkId: string;
	status: unknown;
	requested: number;
	created: number;
	failed: number;
	observedAtMs: number;
	raw: unknown;
	orderReference?: string;
}): NormalisedStatus {
	const state = normaliseState(input.provider, input.status);
	return {
		provider: input.provider,
		...(input.orderReference ? { orderReference: input.orderReference } : {}),
		bulkId: input.bulkId,
		status: typeof input.status === 'string' ? input.status : null,
		state,
		requested: input.requested,
		created: input.created,
		failed: input.failed,
		terminal: isTerminal(state),
		observedAt: new Date(input.observedAtMs).toISOString(),
		raw: input.raw,
	};
}
