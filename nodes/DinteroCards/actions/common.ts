import type { INodeProperties } from 'n8n-workflow';

import type { ProviderSession } from '../../shared/session';
import type { ValidationReport } from '../../shared/validation';
import { idProblem } from '../helpers/batchFields';

export const cardIdProperty: INodeProperties = {
	displayName: 'Card ID',
	name: 'cardId',
	type: 'string',
	required: true,
	default: '={{ $json.card_id }}',
	placeholder: 'GIFT-2026-0001',
	description:
		'The card_id of the card (yours, or the one Create derived from the Order Reference): by default the "card_id" field of the input item',
};

/** A `card_id` for a URL path: Dintero's own rule (≤ 255, no surrounding spaces); encoded there. */
export function readCardId(session: ProviderSession, report: ValidationReport): string {
	const value = session.parameter<unknown>('cardId', '');
	const cardId = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
	const problem = idProblem(cardId);
	if (problem) {
		report.add('Card ID', problem);
		return '';
	}
	return cardId as string;
}
