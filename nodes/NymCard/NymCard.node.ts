import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as bulkIssuance from './actions/bulkIssuance';
import * as card from './actions/card';
import { router } from './actions/router';

export class NymCard implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NymCard',
		name: 'nymCard',
		icon: { light: 'file:../../icons/nymCard.svg', dark: 'file:../../icons/nymCard.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Order NymCard cards in bulk, follow each bulk to fulfilment, submit it and link cards to users',
		defaults: { name: 'NymCard' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'nymCardApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'bulkIssuance',
				options: [
					{ name: 'Bulk Issuance', value: 'bulkIssuance' },
					{ name: 'Card', value: 'card' },
				],
			},
			...bulkIssuance.description,
			...card.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
