import type { IDataObject } from 'n8n-workflow';

import { derivedCardIds, MAX_CALLS_PER_ORDER } from '../../../shared/bulkOrder';
import { defineOperation } from '../../../shared/operation';
import type { ProviderSession } from '../../../shared/session';
import type { ValidationReport } from '../../../shared/validation';
import {
	cardIdPrefixProperty,
	idProblem,
	readCardIdPrefix,
	reportRepeatedCardIds,
} from '../../helpers/batchFields';
import { orderStatus } from '../../helpers/cardStatus';
import { findCards } from '../../transport';
import { cardBatchCreate } from './create.operation';

/** Ids given as a list (an expression) or as text separated by commas or line breaks. */
function readCardIds(report: ValidationReport, value: unknown): string[] {
	// In text, spaces around the separators are not part of an id (an id cannot start or end
	// with one); in a list, every value is taken as it is.
	const ids = (
		Array.isArray(value)
			? value
			: String(value ?? '')
					.split(/[\n,]+/)
					.map((id) => id.trim())
	)
		.map((id) => (typeof id === 'number' ? String(id) : id))
		.filter((id) => !(typeof id === 'string' && id.trim() === ''));
	if (ids.length === 0) report.add('Card IDs', 'is required');
	const bad = ids.filter((id) => idProblem(id) !== undefined);
	if (bad.length > 0)
		report.add(
			'Card IDs',
			`${bad.length} value(s) cannot be Dintero card IDs, e.g. ${JSON.stringify(bad[0])}: ${idProblem(bad[0])}`,
		);
	reportRepeatedCardIds(report, ids as string[]);
	return ids as string[];
}

function readInput(session: ProviderSession, report: ValidationReport) {
	const orderReference = String(session.parameter('orderReference', '') ?? '').trim();
	if (session.parameter<string>('findBy', 'orderReference') === 'cardIds') {
		return {
			orderReference: orderReference || undefined,
			cardIds: readCardIds(report, session.parameter('cardIds', '')),
		};
	}
	if (orderReference === '') report.add('Order Reference', 'is required');
	const cardIdPrefix = readCardIdPrefix(report, session.parameter('cardIdPrefix', ''));
	const count = report.requireInteger(
		'Number of Cards',
		session.parameter('numberOfCards'),
		1,
		cardBatchCreate.maxCardsPerCall * MAX_CALLS_PER_ORDER,
	);
	return {
		orderReference,
		cardIds:
			report.ok && count !== undefined
				? derivedCardIds(
						session,
						cardBatchCreate,
						orderReference,
						{ cardType: 'gift_card', cardIdPrefix },
						count,
					)
				: [],
	};
}

export const { description, execute } = defineOperation({
	resource: 'cardBatch',
	operation: 'getStatus',
	subject: 'The status request',
	properties: [
		{
			displayName: 'Find Cards By',
			name: 'findBy',
			type: 'options',
			default: 'orderReference',
			options: [
				{
					name: 'Order Reference',
					value: 'orderReference',
					description:
						'The card IDs Create derived from the Order Reference, Card ID Prefix and Number of Cards',
				},
				{
					name: 'Card IDs',
					value: 'cardIds',
					description: 'A list of card IDs, e.g. "cardIds" of a Create output item',
				},
			],
		},
		{
			displayName: 'Order Reference',
			name: 'orderReference',
			type: 'string',
			default: '',
			placeholder: 'e.g. {{ $json.orderReference }}',
			description:
				'The Order Reference the cards were created with; with Card IDs it is only shown in the output',
		},
		{
			...cardIdPrefixProperty,
			description: 'The Card ID Prefix the cards were created with (empty if none)',
			displayOptions: { show: { findBy: ['orderReference'] } },
		},
		{
			displayName: 'Number of Cards',
			name: 'numberOfCards',
			type: 'number',
			required: true,
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 1,
			placeholder: 'e.g. {{ $json.order.requested }}',
			description: 'How many cards the order had (created with Number of Cards)',
			displayOptions: { show: { findBy: ['orderReference'] } },
		},
		{
			displayName: 'Card IDs',
			name: 'cardIds',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. {{ $json.cardIds }}',
			description: 'A list, or card IDs separated by commas or line breaks',
			displayOptions: { show: { findBy: ['cardIds'] } },
		},
	],
	read: readInput,
	run: async (session, { orderReference, cardIds }) => {
		const cards = await findCards(session, cardIds, `read the status of ${cardIds.length} card(s)`);
		return orderStatus(
			cards,
			cardIds,
			session.clock.now(),
			orderReference,
		) as unknown as IDataObject;
	},
});
