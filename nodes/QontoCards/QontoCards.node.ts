import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { ACTION_NODE_BASICS, resourceProperties } from '../shared/actionNode';
import * as card from './actions/card';
import * as cardBulk from './actions/cardBulk';
import { router } from './actions/router';

export class QontoCards implements INodeType {
	description: INodeTypeDescription = {
		...ACTION_NODE_BASICS,
		displayName: 'Qonto Cards',
		name: 'qontoCards',
		icon: { light: 'file:../../icons/qonto.svg', dark: 'file:../../icons/qonto.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Create Qonto cards in bulk with the approval Qonto asks for, follow their status and list them',
		defaults: { name: 'Qonto Cards' },
		usableAsTool: true,
		credentials: [
			{
				name: 'qontoOAuth2Api',
				required: true,
				displayOptions: { show: { authentication: ['oAuth2'] } },
			},
			{
				name: 'qontoApi',
				required: true,
				displayOptions: { show: { authentication: ['apiKey'] } },
			},
		],
		properties: [
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				default: 'oAuth2',
				options: [
					{ name: 'OAuth2', value: 'oAuth2' },
					{ name: 'API Key (Login and Secret Key)', value: 'apiKey' },
				],
				description:
					'Creating cards needs OAuth2: Qonto asks for strong customer authentication, which an API key cannot give. An API key is enough to read cards.',
			},
			...resourceProperties([
				{ name: 'Card Bulk', value: 'cardBulk', properties: cardBulk.description },
				{ name: 'Card', value: 'card', properties: card.description },
			]),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
