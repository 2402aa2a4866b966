import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getStatus from './getStatus.operation';
import * as submit from './submit.operation';
import * as update from './update.operation';

export { create, get, getAll, getStatus, submit, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['bulkIssuance'] } },
		default: 'create',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Order cards in bulk',
				description: 'Order any number of non-personalised cards, split into bulks of at most 5000',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a bulk issuance',
				description: 'Retrieve one bulk issuance as NymCard returns it',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many bulk issuances',
				description: 'List bulk issuances, newest first',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				action: 'Get the status of a bulk issuance',
				description: 'Status in the shared shape of all card providers (state, counts, terminal)',
			},
			{
				name: 'Submit',
				value: 'submit',
				action: 'Submit a bulk issuance',
				description: 'Send a draft bulk to production (status SUBMITTED)',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a bulk issuance',
				description: 'Change a draft bulk issuance',
			},
		],
	},
	...create.description,
	...get.description,
	...getAll.description,
	...getStatus.description,
	...submit.description,
	...update.description,
];
