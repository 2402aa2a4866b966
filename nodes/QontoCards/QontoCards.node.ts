import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as card from './actions/card';
import * as cardBulk from './actions/cardBulk';
import { router } from './actions/router';

export class QontoCards implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Qonto Cards',
		name: 'qontoCards',
		icon: { light: 'file:../../icons/qonto.svg', dark: 'file:../../icons/qonto.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Create Qonto cards in bulk with the approval Qonto asks for, follow their status and list them',
		defaults: { name: 'Qonto Cards' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
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
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'cardBulk',
				options: [
					{ name: 'Card Bulk', value: 'cardBulk' },
					{ name: 'Card', value: 'card' },
				],
			},
			...cardBulk.description,
			...card.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
