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
				action: 'Get many cards',
				description:
					"List cards with Qonto's filters (IDs, statuses, holders, bank accounts, levels)",
			},
		],
	},
	{
		displayName:
			'Qonto fixes the holder of a card when it is created (holder_id), so there is no Link operation: choose the holder in Create',
		name: 'linkNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['card'] } },
	},
	...getAll.description,
];
