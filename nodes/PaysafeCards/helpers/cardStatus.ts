import type { IDataObject } from 'n8n-workflow';

import { buildCardStatus, type NormalisedStatus, type StatusTable } from '../../shared/status';
import { PAYSAFE } from '../transport';

/**
 * Paysafe's ten card statuses ("Get prepaid cards", providers.md §3.4) as the state of the card's
 * part of its order: applied, pending or issued but not yet usable is still processing; once
 * active (or later suspended, locked, expired, cancelled) the card was delivered; rejected failed.
 */
export const PAYSAFE_CARD_STATES: StatusTable = {
	applied: 'processing',
	pending: 'processing',
	digital: 'processing',
	issued: 'processing',
	active: 'completed',
	suspended: 'completed',
	locked: 'completed',
	expired: 'completed',
	cancelled: 'completed',
	rejected: 'failed',
};

/** One card of a customer in the normalised status shape (its bulk's id, one card requested). */
export function normalisePaysafeCard(
	card: IDataObject,
	observedAtMs: number,
): NormalisedStatus & { cardId: string; customerId: string | null } {
	const cardId =
		typeof card.cardId === 'string' ? card.cardId : typeof card.id === 'string' ? card.id : '';
	return {
		...buildCardStatus({
			provider: PAYSAFE.provider,
			table: PAYSAFE_CARD_STATES,
			cardId,
			bulkId: typeof card.bulkId === 'string' ? card.bulkId : '',
			status: card.status,
			createdWhen: 'exists',
			observedAtMs,
			raw: card,
		}),
		customerId: typeof card.customerId === 'string' ? card.customerId : null,
	};
}
