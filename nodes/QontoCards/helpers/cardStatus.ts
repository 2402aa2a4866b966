import type { IDataObject } from 'n8n-workflow';

import {
	buildNormalisedStatus,
	normaliseState,
	type NormalisedState,
	type NormalisedStatus,
	type StatusTable,
} from '../../shared/status';

/**
 * Qonto's card statuses (list-cards page and §6: 14 values) as the state of the card's order:
 * a card that is live (or was, then paused, lost…) was fulfilled; one that was never issued failed.
 */
export const QONTO_CARD_STATES: StatusTable = {
	pending: 'processing',
	onhold: 'processing',
	live: 'completed',
	paused: 'completed',
	stolen: 'completed',
	lost: 'completed',
	pin_blocked: 'completed',
	expired: 'completed',
	pre_expired: 'completed',
	abusive: 'completed',
	discarded: 'completed',
	deleted: 'completed',
	shipped_lost: 'failed',
	order_canceled: 'failed',
};

/** The state of an order from the states of its cards. */
export function orderStatus(
	cards: IDataObject[],
	requested: number,
	observedAtMs: number,
	orderReference?: string,
): NormalisedStatus & { counts: Record<string, number>; missing: number } {
	const counts: Record<string, number> = {};
	const states: NormalisedState[] = [];
	for (const card of cards) {
		const status = String(card.status ?? 'unknown');
		counts[status] = (counts[status] ?? 0) + 1;
		states.push(normaliseState(QONTO_CARD_STATES, card.status));
	}
	const created = states.filter((state) => state === 'completed').length;
	const failed = states.filter((state) => state === 'failed').length;
	const status = buildNormalisedStatus({
		provider: 'qonto',
		table: {},
		bulkId: orderReference ?? '',
		status: null,
		requested,
		created,
		failed,
		observedAtMs,
		raw: cards,
		orderReference,
	});
	const state = aggregate(states, requested);
	return {
		...status,
		state,
		terminal: state === 'completed' || state === 'failed' || state === 'partially_completed',
		counts,
		missing: requested - cards.length,
	};
}

function aggregate(states: NormalisedState[], requested: number): NormalisedState {
	if (states.length < requested || states.length === 0)
		return states.length ? 'processing' : 'unknown';
	if (states.includes('unknown')) return 'unknown';
	if (states.includes('processing') || states.includes('submitted')) return 'processing';
	if (states.every((state) => state === 'completed')) return 'completed';
	if (states.every((state) => state === 'failed')) return 'failed';
	return 'partially_completed';
}
