import type { INodeProperties } from 'n8n-workflow';

import * as activate from './activate.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { activate, get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['card'] } },
		default: 'activate',
		options: [
			{
				name: 'Activate',
				value: 'activate',
				action: 'Activate a card',
				description:
					'Load an amount on an inactive card (e.g. when it is sold) and optionally bind it to a customer',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a card',
				description: 'One card by its card ID, with status and balance',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many cards',
				description: "The account's cards, optionally filtered by status, type or customer",
			},
		],
	},
	...activate.description,
	...get.description,
	...getAll.description,
];
