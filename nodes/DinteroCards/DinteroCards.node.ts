import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { ACTION_NODE_BASICS, resourceProperties } from '../shared/actionNode';
import * as card from './actions/card';
import * as cardBatch from './actions/cardBatch';
import { router } from './actions/router';

export class DinteroCards implements INodeType {
	description: INodeTypeDescription = {
		...ACTION_NODE_BASICS,
		displayName: 'Dintero Cards',
		name: 'dinteroCards',
		icon: { light: 'file:../../icons/dintero.svg', dark: 'file:../../icons/dintero.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Create Dintero gift cards and credit notes in batches, activate them when sold and follow their status',
		defaults: { name: 'Dintero Cards' },
		usableAsTool: true,
		credentials: [{ name: 'dinteroApi', required: true }],
		properties: [
			...resourceProperties([
				{ name: 'Card Batch', value: 'cardBatch', properties: cardBatch.description },
				{ name: 'Card', value: 'card', properties: card.description },
			]),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
