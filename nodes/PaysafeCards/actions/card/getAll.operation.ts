import type { IDataObject } from 'n8n-workflow';

import { defineOperation, readListLimit, returnAllProperties } from '../../../shared/operation';
import { customerPath, listWithOffset } from '../../transport';
import { customerIdProperty, readCustomerId } from '../common';

// The card statuses of "Get prepaid cards" (providers.md §3.4).
const CARD_STATUSES = [
	'ACTIVE',
	'PENDING',
	'CANCELLED',
	'SUSPENDED',
	'APPLIED',
	'DIGITAL',
	'REJECTED',
	'LOCKED',
	'EXPIRED',
	'ISSUED',
];

export const { description, execute } = defineOperation({
	resource: 'card',
	operation: 'getAll',
	properties: [
		customerIdProperty,
		...returnAllProperties('cards'),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'Card Type',
					name: 'cardType',
					type: 'options',
					default: 'PHYSICAL',
					options: [
						{ name: 'Physical', value: 'PHYSICAL' },
						{ name: 'Virtual', value: 'VIRTUAL' },
					],
				},
				{
					displayName: 'Statuses',
					name: 'statuses',
					type: 'multiOptions',
					default: [],
					options: CARD_STATUSES.map((status) => ({
						name: status.charAt(0) + status.slice(1).toLowerCase(),
						value: status,
					})),
				},
			],
		},
	],
	read: (session, report) => {
		const filters = session.parameter<IDataObject>('filters', {}) ?? {};
		const statuses = (filters.statuses as string[] | undefined) ?? [];
		return {
			customerId: readCustomerId(session, report),
			limit: readListLimit(session, report),
			query: {
				...(statuses.length > 0 ? { status: statuses.join(',') } : {}),
				...(filters.cardType ? { cardType: filters.cardType } : {}),
			},
		};
	},
	run: async (session, { customerId, limit, query }) =>
		(await listWithOffset(session, customerPath(customerId), query, limit, 'list the cards'))
			.records,
});
