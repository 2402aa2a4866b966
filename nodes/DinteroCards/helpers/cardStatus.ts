import type { IDataObject } from 'n8n-workflow';

import {
	buildNormalisedStatus,
	normaliseState,
	type NormalisedState,
	type NormalisedStatus,
	type StatusTable,
} from '../../shared/status';
import { DINTERO } from '../transport';

/**
 * Dintero's card statuses (`CardProperties.status`, seed 004) as the state of the card's order.
 * The batch call is synchronous: a card that exists was created, whatever it went through since
 * (activated → unused, spent → used / partially_used, expired). `created` is the changelog's name
 * for a new batch card (providers.md unknown 27).
 */
export const DINTERO_CARD_STATES: StatusTable = {
	inactive: 'completed',
	created: 'completed',
	unused: 'completed',
	used: 'completed',
	partially_used: 'completed',
	expired: 'completed',
};

/** Missing ids listed in the output (the count is always complete). */
const MAX_LISTED_MISSING = 100;

/** Statuses of a card that has been activated (or spent, or expired after activation). */
const ACTIVATED = new Set(['unused', 'used', 'partially_used', 'expired']);

/**
 * The state of an order from its cards: every card found → completed; some missing →
 * partially_completed (the batch call is synchronous, so a missing card was not created); none
 * found → unknown (no card of this order exists: a wrong reference, or nothing created yet).
 */
export function orderStatus(
	cards: IDataObject[],
	cardIds: string[],
	observedAtMs: number,
	orderReference?: string,
): NormalisedStatus & {
	counts: Record<string, number>;
	activated: number;
	missing: number;
	missingCardIds?: string[];
} {
	const requested = cardIds.length;
	const found = new Set(cards.map((card) => card.card_id));
	const missingCardIds = cardIds.filter((id) => !found.has(id));
	const counts: Record<string, number> = {};
	const states: NormalisedState[] = [];
	for (const card of cards) {
		const status = String(card.status ?? 'unknown');
		counts[status] = (counts[status] ?? 0) + 1;
		states.push(normaliseState(DINTERO_CARD_STATES, card.status));
	}
	const statuses = Object.keys(counts);
	const normalised = buildNormalisedStatus({
		provider: DINTERO.provider,
		table: DINTERO_CARD_STATES,
		bulkId: orderReference ?? '',
		status: statuses.length === 1 ? statuses[0] : null,
		requested,
		created: states.filter((state) => state === 'completed').length,
		// Synchronous batches: a card missing from a finished order was not created.
		failed: cards.length > 0 ? missingCardIds.length : 0,
		observedAtMs,
		raw: cards,
		orderReference,
	});
	let state: NormalisedState;
	if (cards.length === 0 || states.includes('unknown')) state = 'unknown';
	else if (cards.length < requested) state = 'partially_completed';
	else state = 'completed';
	return {
		...normalised,
		state,
		terminal: state !== 'unknown',
		counts,
		activated: cards.filter((card) => ACTIVATED.has(String(card.status))).length,
		missing: missingCardIds.length,
		...(missingCardIds.length > 0
			? { missingCardIds: missingCardIds.slice(0, MAX_LISTED_MISSING) }
			: {}),
	};
}
