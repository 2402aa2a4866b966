import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['card'] } },
		default: 'getAll',
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many cards of a customer',
				description: "A customer's prepaid cards, filtered by status and card type",
			},
		],
	},
	{
		displayName:
			'Paysafe publishes no activation call for businesses: customers activate their physical cards themselves, so there is no Link or Activate operation',
		name: 'activationNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['card'] } },
	},
	...getAll.description,
];
