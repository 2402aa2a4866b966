import type { IDataObject } from 'n8n-workflow';

import { NYMCARD, resourceId } from '../transport';
import {
	buildNormalisedStatus,
	normaliseState,
	type NormalisedStatus,
	type StatusTable,
} from '../../shared/status';

// Documented: draft, SUBMITTED (bulk page); the rest is the likely lifecycle, providers.md unknown 3.
export const NYMCARD_BULK_STATES: StatusTable = {
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
};

export const bulkState = (bulk: IDataObject) => normaliseState(NYMCARD_BULK_STATES, bulk.status);

/**
 * nCore exposes no created/failed card counts on a bulk (providers.md, NymCard unknowns 3 and 7):
 * a completed bulk counts all its cards as created, a failed one all as failed.
 */
export function normaliseBulkIssuance(
	bulk: IDataObject,
	observedAtMs: number,
): NormalisedStatus & { fulfillmentStatus: string | null } {
	const requested = toCount(bulk.number_of_cards);
	const state = bulkState(bulk);
	const created = toOptionalCount(bulk.cards_created) ?? (state === 'completed' ? requested : 0);
	const failed = toOptionalCount(bulk.cards_failed) ?? (state === 'failed' ? requested : 0);
	return {
		...buildNormalisedStatus({
			provider: NYMCARD.provider,
			table: NYMCARD_BULK_STATES,
			bulkId: resourceId(bulk) ?? '',
			status: bulk.status,
			requested,
			created,
			failed,
			observedAtMs,
			raw: bulk,
		}),
		fulfillmentStatus: typeof bulk.fulfillment_status === 'string' ? bulk.fulfillment_status : null,
	};
}

function toCount(value: unknown): number {
	return toOptionalCount(value) ?? 0;
}

function toOptionalCount(value: unknown): number | undefined {
	const number = typeof value === 'string' ? Number(value) : value;
	return typeof number === 'number' && Number.isInteger(number) && number >= 0 ? number : undefined;
}
