import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';
import * as link from './link.operation';

export { getAll, link };

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
				action: 'Get the cards of a bulk issuance',
				description: 'List the cards created by one bulk issuance',
			},
			{
				name: 'Link',
				value: 'link',
				action: 'Link a card to a user',
				description: 'Link a bulk-issued card to a user, activating it',
			},
		],
	},
	...getAll.description,
	...link.description,
];
