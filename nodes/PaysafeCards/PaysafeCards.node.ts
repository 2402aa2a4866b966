import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { ACTION_NODE_BASICS, resourceProperties } from '../shared/actionNode';
import * as bulkOrder from './actions/bulkOrder';
import * as card from './actions/card';
import { router } from './actions/router';

export class PaysafeCards implements INodeType {
	description: INodeTypeDescription = {
		...ACTION_NODE_BASICS,
		displayName: 'Paysafe Cards',
		name: 'paysafeCards',
		icon: { light: 'file:../../icons/paysafe.svg', dark: 'file:../../icons/paysafe.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			"Order Paysafe prepaid cards in bulk for a customer, follow each bulk order and list the customer's cards",
		defaults: { name: 'Paysafe Cards' },
		usableAsTool: true,
		credentials: [{ name: 'paysafeApi', required: true }],
		properties: resourceProperties([
			{ name: 'Bulk Order', value: 'bulkOrder', properties: bulkOrder.description },
			{ name: 'Card', value: 'card', properties: card.description },
		]),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
