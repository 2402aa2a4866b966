import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as getStatus from './getStatus.operation';

export { create, getStatus };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['cardBatch'] } },
		default: 'create',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create cards in batches',
				description:
					'Create any number of inactive gift cards or credit notes, 1000 per Dintero call, each with its PIN and card token; the order is submitted by this call',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				action: 'Get the status of a card order',
				description:
					'The cards of an order in the shared status shape, with counts per Dintero status',
			},
		],
	},
	...create.description,
	...getStatus.description,
];
