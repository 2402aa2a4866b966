import {
	NodeConnectionTypes,
	updateDisplayOptions,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { dinteroWatchProperties, dinteroWatchProvider } from '../DinteroCards/trigger/watchSources';
import { nymCardWatchProperties, nymCardWatchProvider } from '../NymCard/trigger/watchSources';
import { paysafeWatchProperties, paysafeWatchProvider } from '../PaysafeCards/trigger/watchSources';
import { qontoWatchProperties, qontoWatchProvider } from '../QontoCards/trigger/watchSources';
import { runTriggerPoll, triggerEventProperties, type WatchProvider } from '../shared/trigger';

/** Provider picker value → its watch source (each lives in its provider's folder). */
const WATCH_PROVIDERS: Record<string, WatchProvider> = {
	nymCard: nymCardWatchProvider,
	qontoCards: qontoWatchProvider,
	paysafeCards: paysafeWatchProvider,
	dinteroCards: dinteroWatchProvider,
};

const forProvider = (provider: string, properties: INodeProperties[]) =>
	updateDisplayOptions({ show: { provider: [provider] } }, properties);

export class BulkCardTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bulk Card Trigger',
		name: 'bulkCardTrigger',
		icon: {
			light: 'file:../../icons/bulkCardTrigger.svg',
			dark: 'file:../../icons/bulkCardTrigger.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["provider"]}}',
		description:
			'Starts a workflow when a watched bulk card order or card changes status, each change once',
		defaults: { name: 'Bulk Card Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'nymCardApi',
				required: true,
				displayOptions: { show: { provider: ['nymCard'] } },
			},
			{
				name: 'qontoOAuth2Api',
				required: true,
				displayOptions: { show: { provider: ['qontoCards'], authentication: ['oAuth2'] } },
			},
			{
				name: 'qontoApi',
				required: true,
				displayOptions: { show: { provider: ['qontoCards'], authentication: ['apiKey'] } },
			},
			{
				name: 'paysafeApi',
				required: true,
				displayOptions: { show: { provider: ['paysafeCards'] } },
			},
			{
				name: 'dinteroApi',
				required: true,
				displayOptions: { show: { provider: ['dinteroCards'] } },
			},
		],
		properties: [
			{
				displayName: 'Provider',
				name: 'provider',
				type: 'options',
				noDataExpression: true,
				default: 'nymCard',
				options: [
					{ name: 'Dintero Cards', value: 'dinteroCards' },
					{ name: 'NymCard', value: 'nymCard' },
					{ name: 'Paysafe Cards', value: 'paysafeCards' },
					{ name: 'Qonto Cards', value: 'qontoCards' },
				],
			},
			...forProvider('qontoCards', [
				{
					displayName: 'Authentication',
					name: 'authentication',
					type: 'options',
					default: 'apiKey',
					options: [
						{ name: 'OAuth2', value: 'oAuth2' },
						{ name: 'API Key (Login and Secret Key)', value: 'apiKey' },
					],
					description: 'Reading cards needs no more than an API key',
				},
			]),
			...forProvider('nymCard', nymCardWatchProperties),
			...forProvider('qontoCards', qontoWatchProperties),
			...forProvider('paysafeCards', paysafeWatchProperties),
			...forProvider('dinteroCards', dinteroWatchProperties),
			...triggerEventProperties,
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await runTriggerPoll(this, WATCH_PROVIDERS);
	}
}
