import type { IDataObject } from 'n8n-workflow';

import { defineOperation, readListLimit, returnAllProperties } from '../../../shared/operation';
import { CARD_TYPES, idProblem } from '../../helpers/batchFields';
import { DINTERO_CARD_STATES } from '../../helpers/cardStatus';
import { listCards } from '../../transport';

// `created` is only the changelog's name for a new batch card; Dintero filters by its schema's names.
const STATUSES = Object.keys(DINTERO_CARD_STATES).filter((status) => status !== 'created');

export const { description, execute } = defineOperation({
	resource: 'card',
	operation: 'getAll',
	subject: 'The card list request',
	properties: [
		...returnAllProperties('cards'),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			description:
				"Sent as Dintero's list filters (status, type, customer_id); Dintero does not publish them all, see the README",
			options: [
				{
					displayName: 'Customer ID',
					name: 'customerId',
					type: 'string',
					default: '',
					description:
						'Only the cards of this customer (GET …/wallets/customers/{customer_id}/cards)',
				},
				{
					displayName: 'Statuses',
					name: 'statuses',
					type: 'multiOptions',
					default: [],
					options: STATUSES.map((status) => ({
						name: status.replace('_', ' ').replace(/^./, (first) => first.toUpperCase()),
						value: status,
					})),
				},
				{
					displayName: 'Type',
					name: 'type',
					type: 'options',
					default: 'gift_card',
					options: CARD_TYPES.map((type) => ({
						name: type === 'gift_card' ? 'Gift Card' : 'Credit Note',
						value: type,
					})),
				},
			],
		},
	],
	read: (session, report) => {
		const filters = session.parameter<IDataObject>('filters', {}) ?? {};
		const statuses = (filters.statuses as string[] | undefined) ?? [];
		const customerId = filters.customerId as string | undefined;
		if (customerId !== undefined && customerId !== '') {
			const problem = idProblem(customerId);
			if (problem) report.add('Filters › Customer ID', problem);
		}
		return {
			limit: readListLimit(session, report),
			path: customerId
				? `/wallets/customers/${encodeURIComponent(customerId)}/cards`
				: '/wallets/cards',
			query: {
				...(statuses.length > 0 ? { status: statuses } : {}),
				...(filters.type ? { type: filters.type } : {}),
			},
		};
	},
	run: async (session, { limit, path, query }) =>
		await listCards(session, path, query, limit, 'list the cards'),
});
