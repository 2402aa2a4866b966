import type { IDataObject } from 'n8n-workflow';

import { buildCardStatus, type NormalisedStatus, type StatusTable } from '../../shared/status';
import { NYMCARD } from '../transport';

/**
 * NymCard card statuses (Inactive, Active, Suspended, Terminated: the cards page) as the state of
 * the card's part of its order: issued but not yet in use is still processing; once a card was
 * activated (linked) it is handed out, whatever happens to it later.
 */
export const NYMCARD_CARD_STATES: StatusTable = {
	inactive: 'processing',
	active: 'completed',
	suspended: 'completed',
	terminated: 'completed',
};

/** One card of a bulk in the normalised status shape (the bulk's id, one card requested). */
export function normaliseCard(
	card: IDataObject,
	observedAtMs: number,
): NormalisedStatus & { cardId: string; fulfillmentStatus: string | null } {
	const id = card.id;
	return {
		...buildCardStatus({
			provider: NYMCARD.provider,
			table: NYMCARD_CARD_STATES,
			cardId: typeof id === 'string' || typeof id === 'number' ? String(id) : '',
			bulkId: typeof card.bulk_issuance_id === 'string' ? card.bulk_issuance_id : '',
			status: card.status,
			createdWhen: 'exists',
			observedAtMs,
			raw: card,
		}),
		fulfillmentStatus: typeof card.fulfillment_status === 'string' ? card.fulfillment_status : null,
	};
}
