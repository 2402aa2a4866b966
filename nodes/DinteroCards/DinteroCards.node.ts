import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as card from './actions/card';
import * as cardBatch from './actions/cardBatch';
import { router } from './actions/router';

export class DinteroCards implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Dintero Cards',
		name: 'dinteroCards',
		icon: { light: 'file:../../icons/dintero.svg', dark: 'file:../../icons/dintero.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Create Dintero gift cards and credit notes in batches, activate them when sold and follow their status',
		defaults: { name: 'Dintero Cards' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'dinteroApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'cardBatch',
				options: [
					{ name: 'Card Batch', value: 'cardBatch' },
					{ name: 'Card', value: 'card' },
				],
			},
			...cardBatch.description,
			...card.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
