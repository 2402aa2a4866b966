export type NormalisedState =
	| 'draft'
	| 'submitted'
	| 'processing'
	| 'completed'
	| 'partially_completed'
	| 'failed'
	| 'unknown';

/**
 * A provider's raw status (compared case-insensitively, spaces and dashes as underscores) →
 * normalised state. Each provider folder owns its table; statuses it has not documented fall back
 * to `unknown`, never to a guess that could look final.
 */
export type StatusTable = Readonly<Record<string, NormalisedState>>;

const TERMINAL: ReadonlySet<NormalisedState> = new Set([
	'completed',
	'partially_completed',
	'failed',
]);

export function normaliseState(table: StatusTable, rawStatus: unknown): NormalisedState {
	if (typeof rawStatus !== 'string') return 'unknown';
	const key = rawStatus
		.trim()
		.toLowerCase()
		.replace(/[\s-]+/g, '_');
	return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : 'unknown';
}

export function isTerminal(state: NormalisedState): boolean {
	return TERMINAL.has(state);
}

export interface NormalisedStatus {
	provider: string;
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
	provider: string;
	table: StatusTable;
	bulkId: string;
	status: unknown;
	requested: number;
	created: number;
	failed: number;
	observedAtMs: number;
	raw: unknown;
	orderReference?: string;
}): NormalisedStatus {
	const state = normaliseState(input.table, input.status);
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

/**
 * One card as an order of one in the normalised status shape (the trigger watches cards this
 * way): `failed` when its state is, otherwise `created` — as soon as it exists, or, where the
 * provider's cards exist before they are issued, only once `completed`.
 */
export function buildCardStatus(input: {
	provider: string;
	table: StatusTable;
	cardId: string;
	/** The card's bulk or batch, where the provider names one; else the card's own id. */
	bulkId?: string;
	status: unknown;
	createdWhen: 'exists' | 'completed';
	observedAtMs: number;
	raw: unknown;
}): NormalisedStatus & { cardId: string } {
	const state = normaliseState(input.table, input.status);
	const created =
		state !== 'failed' && (input.createdWhen === 'exists' || state === 'completed') ? 1 : 0;
	return {
		...buildNormalisedStatus({
			provider: input.provider,
			table: input.table,
			bulkId: input.bulkId || input.cardId,
			status: input.status,
			requested: 1,
			created,
			failed: state === 'failed' ? 1 : 0,
			observedAtMs: input.observedAtMs,
			raw: input.raw,
		}),
		cardId: input.cardId,
	};
}
