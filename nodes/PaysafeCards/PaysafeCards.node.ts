import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as bulkOrder from './actions/bulkOrder';
import * as card from './actions/card';
import { router } from './actions/router';

export class PaysafeCards implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Paysafe Cards',
		name: 'paysafeCards',
		icon: { light: 'file:../../icons/paysafe.svg', dark: 'file:../../icons/paysafe.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			"Order Paysafe prepaid cards in bulk for a customer, follow each bulk order and list the customer's cards",
		defaults: { name: 'Paysafe Cards' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'paysafeApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'bulkOrder',
				options: [
					{ name: 'Bulk Order', value: 'bulkOrder' },
					{ name: 'Card', value: 'card' },
				],
			},
			...bulkOrder.description,
			...card.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
