import type { IDataObject } from 'n8n-workflow';

import {
	buildNormalisedStatus,
	type NormalisedStatus,
	type StatusTable,
} from '../../shared/status';
import { PAYSAFE } from '../transport';

// PENDING, PROCESSING, COMPLETED, FAILED: "Retrieve bulk cards" (providers.md §3.4).
export const PAYSAFE_BULK_STATES: StatusTable = {
	pending: 'submitted',
	processing: 'processing',
	completed: 'completed',
	failed: 'failed',
};

/**
 * The bulk GET's `quantity` counts the cards successfully created, not those ordered, so the
 * number ordered comes from the user (Create's `size`): a completed bulk with fewer cards is
 * partially completed, and the cards it lacks are counted as failed.
 */
export function normaliseBulkOrder(
	bulk: IDataObject,
	ordered: number | undefined,
	observedAtMs: number,
	orderReference?: string,
): NormalisedStatus & { statusReason?: string } {
	const created = count(bulk.quantity);
	const requested = ordered ?? created;
	const status = typeof bulk.status === 'string' ? bulk.status.toUpperCase() : bulk.status;
	const finished = status === 'FAILED' || status === 'COMPLETED';
	const normalised = buildNormalisedStatus({
		provider: PAYSAFE.provider,
		table: PAYSAFE_BULK_STATES,
		bulkId: typeof bulk.id === 'string' ? bulk.id : '',
		status: bulk.status,
		requested,
		created,
		failed: finished ? Math.max(0, requested - created) : 0,
		observedAtMs,
		raw: bulk,
		orderReference,
	});
	if (normalised.state === 'completed' && created < requested)
		normalised.state = 'partially_completed';
	return typeof bulk.statusReason === 'string'
		? { ...normalised, statusReason: bulk.statusReason }
		: normalised;
}

function count(value: unknown): number {
	const number = typeof value === 'string' ? Number(value) : value;
	return typeof number === 'number' && Number.isInteger(number) && number >= 0 ? number : 0;
}
