import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as getStatus from './getStatus.operation';
import * as submit from './submit.operation';

export { create, getStatus, submit };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['cardBulk'] } },
		default: 'create',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create cards in bulk',
				description:
					'Create the cards of an order, 50 per call, with the approval Qonto asks for (needs OAuth2)',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				action: 'Get the status of an order',
				description:
					'Status of the cards of an order in the shared shape, with counts per Qonto status',
			},
			{
				name: 'Submit',
				value: 'submit',
				action: 'Submit calls awaiting approval',
				description:
					'Send the calls of a Create that came back awaiting approval, once approved (needs OAuth2)',
			},
		],
	},
	...create.description,
	...getStatus.description,
	...submit.description,
];
