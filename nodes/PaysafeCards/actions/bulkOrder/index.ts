import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getStatus from './getStatus.operation';

export { create, get, getStatus };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['bulkOrder'] } },
		default: 'create',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Order cards in bulk',
				description:
					'Order any number of prepaid cards for a customer, 50 per Paysafe call; the order is submitted by this call',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a bulk order with its cards',
				description: 'A bulk order and the cards Paysafe created for it',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				action: 'Get the status of a bulk order',
				description: 'Status of a bulk order in the shared shape (partially completed included)',
			},
		],
	},
	...create.description,
	...get.description,
	...getStatus.description,
];
