import type { IDataObject } from 'n8n-workflow';

import { resourceId } from '../transport';
import { buildNormalisedStatus, normaliseState, type NormalisedStatus } from '../../shared/status';

/**
 * nCore exposes no created/failed card counts on a bulk (providers.md, NymCard unknowns 3 and 7):
 * a completed bulk counts all its cards as created, a failed one all as failed.
 */
export function normaliseBulkIssuance(
	bulk: IDataObject,
	observedAtMs: number,
): NormalisedStatus & { fulfillmentStatus: string | null } {
	const requested = toCount(bulk.number_of_cards);
	const state = normaliseState('nymcard', bulk.status);
	const created = toOptionalCount(bulk.cards_created) ?? (state === 'completed' ? requested : 0);
	const failed = toOptionalCount(bulk.cards_failed) ?? (state === 'failed' ? requested : 0);
	return {
		...buildNormalisedStatus({
			provider: 'nymcard',
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
