import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../../shared/operation';
import { orderStatus } from '../../helpers/cardStatus';
import { readIdList } from '../../../shared/validation';
import { listCards } from '../../transport';

export const { description, execute } = defineOperation({
	resource: 'cardBulk',
	operation: 'getStatus',
	properties: [
		{
			displayName: 'Card IDs',
			name: 'cardIds',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. {{ $json.cardIds }}',
			description:
				'The IDs of the cards of the order (output "cardIds" of Create), as a list or separated by commas',
		},
		{
			displayName: 'Order Reference',
			name: 'orderReference',
			type: 'string',
			default: '',
			description: 'Shown in the output, to tell orders apart',
		},
	],
	read: (session, report) => ({
		ids: readIdList(report, 'Card IDs', session.parameter('cardIds'), true),
		orderReference: String(session.parameter('orderReference', '') ?? '') || undefined,
	}),
	run: async (session, { ids, orderReference }) => {
		const cards = await listCards(
			session,
			{ ids },
			ids.length,
			`read the status of ${ids.length} card(s)`,
		);
		// The card IDs asked for go out again, so that a status item can be fed back into Get
		// Status (a workflow that waits for its order in a loop).
		return {
			...orderStatus(cards, ids.length, session.clock.now(), orderReference),
			cardIds: ids,
		} as unknown as IDataObject;
	},
});
