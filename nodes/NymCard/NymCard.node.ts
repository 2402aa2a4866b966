import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { ACTION_NODE_BASICS, resourceProperties } from '../shared/actionNode';
import * as bulkIssuance from './actions/bulkIssuance';
import * as card from './actions/card';
import { router } from './actions/router';

export class NymCard implements INodeType {
	description: INodeTypeDescription = {
		...ACTION_NODE_BASICS,
		displayName: 'NymCard',
		name: 'nymCard',
		icon: { light: 'file:../../icons/nymCard.svg', dark: 'file:../../icons/nymCard.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Order NymCard cards in bulk, follow each bulk to fulfilment, submit it and link cards to users',
		defaults: { name: 'NymCard' },
		usableAsTool: true,
		credentials: [{ name: 'nymCardApi', required: true }],
		properties: [
			...resourceProperties([
				{ name: 'Bulk Issuance', value: 'bulkIssuance', properties: bulkIssuance.description },
				{ name: 'Card', value: 'card', properties: card.description },
			]),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
