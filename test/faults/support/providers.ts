import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';

import { DinteroApi } from '../../../credentials/DinteroApi.credentials';
import { NymCardApi } from '../../../credentials/NymCardApi.credentials';
import { PaysafeApi } from '../../../credentials/PaysafeApi.credentials';
import { QontoApi } from '../../../credentials/QontoApi.credentials';
import { QontoOAuth2Api } from '../../../credentials/QontoOAuth2Api.credentials';
import { DinteroCards } from '../../../nodes/DinteroCards/DinteroCards.node';
import { NymCard } from '../../../nodes/NymCard/NymCard.node';
import { PaysafeCards } from '../../../nodes/PaysafeCards/PaysafeCards.node';
import { QontoCards } from '../../../nodes/QontoCards/QontoCards.node';
import { DEFAULT_DINTERO_CLIENT_SECRET } from '../../../sandbox/providers/dintero';
import { DEFAULT_NYMCARD_API_KEY } from '../../../sandbox/providers/nymcard';
import { DEFAULT_PAYSAFE_CLIENT_SECRET } from '../../../sandbox/providers/paysafe';
import {
	DEFAULT_QONTO_CLIENT_ID,
	DEFAULT_QONTO_CLIENT_SECRET,
	DEFAULT_QONTO_LOGIN,
	DEFAULT_QONTO_SECRET_KEY,
	DEFAULT_QONTO_STAGING_TOKEN,
} from '../../../sandbox/providers/qonto';
import type { Sandbox } from '../../../sandbox/server';
import { runWorkflow, type NodeRunResult } from '../../harness/workflowRunner';
import { dinteroCredential } from '../../helpers/dintero';
import { paysafeCredential } from '../../helpers/paysafe';

export type ProviderName = 'nymcard' | 'qonto' | 'paysafe' | 'dintero';

/** The credential values every run uses: the secrets scan looks for them everywhere. */
export const CREDENTIAL_SECRETS = [
	DEFAULT_NYMCARD_API_KEY,
	DEFAULT_QONTO_SECRET_KEY,
	DEFAULT_QONTO_STAGING_TOKEN,
	DEFAULT_QONTO_CLIENT_SECRET,
	DEFAULT_PAYSAFE_CLIENT_SECRET,
	DEFAULT_DINTERO_CLIENT_SECRET,
];

export const NODE_TYPES: Record<ProviderName, string> = {
	nymcard: 'n8n-nodes-bulk-cards.nymCard',
	qonto: 'n8n-nodes-bulk-cards.qontoCards',
	paysafe: 'n8n-nodes-bulk-cards.paysafeCards',
	dintero: 'n8n-nodes-bulk-cards.dinteroCards',
};

export const EU_CUSTOMER = '1231122232';

const CREDENTIAL_NAMES: Record<ProviderName, string[]> = {
	nymcard: ['nymCardApi'],
	qonto: ['qontoOAuth2Api', 'qontoApi'],
	paysafe: ['paysafeApi'],
	dintero: ['dinteroApi'],
};

function nodeOf(provider: ProviderName): INodeType {
	switch (provider) {
		case 'nymcard':
			return new NymCard();
		case 'qonto':
			return new QontoCards();
		case 'paysafe':
			return new PaysafeCards();
		case 'dintero':
			return new DinteroCards();
	}
}

/** Credentials of every provider against `sandbox`, as n8n would hold them. */
export function credentialsFor(
	sandbox: Sandbox,
	provider: ProviderName,
): Array<{ type: ICredentialType; data: ICredentialDataDecryptedObject }> {
	switch (provider) {
		case 'nymcard':
			return [
				{
					type: new NymCardApi(),
					data: {
						apiKey: DEFAULT_NYMCARD_API_KEY,
						environment: 'custom',
						baseUrl: `${sandbox.url}/nymcard/v1`,
					},
				},
			];
		case 'qonto': {
			const common = {
				environment: 'custom',
				baseUrl: `${sandbox.url}/qonto`,
				stagingToken: DEFAULT_QONTO_STAGING_TOKEN,
			};
			const tokens = sandbox.admin.qonto.issueTokens();
			return [
				{
					type: new QontoOAuth2Api(),
					data: {
						...common,
						authBaseUrl: `${sandbox.url}/qonto`,
						// The credential's hidden URLs are expressions n8n resolves; the test helper
						// does not, so they are given as n8n would resolve them (the token refresh).
						grantType: 'authorizationCode',
						authUrl: `${sandbox.url}/qonto/oauth2/auth`,
						accessTokenUrl: `${sandbox.url}/qonto/oauth2/token`,
						authentication: 'body',
						clientId: DEFAULT_QONTO_CLIENT_ID,
						clientSecret: DEFAULT_QONTO_CLIENT_SECRET,
						oauthTokenData: { ...tokens, token_type: 'Bearer' } as unknown as IDataObject,
					},
				},
				{
					type: new QontoApi(),
					data: { ...common, login: DEFAULT_QONTO_LOGIN, secretKey: DEFAULT_QONTO_SECRET_KEY },
				},
			];
		}
		case 'paysafe':
			return [
				{ type: new PaysafeApi(), data: { accessToken: '', ...paysafeCredential(sandbox.url) } },
			];
		case 'dintero':
			return [
				{ type: new DinteroApi(), data: { accessToken: '', ...dinteroCredential(sandbox.url) } },
			];
	}
}

export interface NodeRun extends NodeRunResult {
	/** Every token the run's credentials held at the end (fetched or refreshed during the run). */
	tokens: string[];
}

/** Runs one node of `provider` through the real `WorkflowExecute`, fed `inputItems`. */
export async function runNode(
	sandbox: Sandbox,
	provider: ProviderName,
	parameters: INodeParameters,
	inputItems: IDataObject[] = [{}],
): Promise<NodeRun> {
	const credentials = credentialsFor(sandbox, provider);
	const tokensBefore = credentials.flatMap(({ data }) => tokensOf(data));
	const { nodes, credentialsHelper } = await runWorkflow({
		nodeTypes: { [NODE_TYPES[provider]]: nodeOf(provider) },
		credentials,
		chain: [
			{
				name: 'Node',
				type: NODE_TYPES[provider],
				parameters,
				credentials: Object.fromEntries(
					CREDENTIAL_NAMES[provider].map((name) => [name, { id: name, name }]),
				),
			},
		],
		inputItems,
	});
	const tokensAfter: string[] = [];
	for (const { type } of credentials) {
		const data = await credentialsHelper.getDecrypted(
			undefined,
			{ id: type.name, name: type.name },
			type.name,
		);
		tokensAfter.push(...tokensOf(data));
	}
	return { ...nodes.Node, tokens: [...new Set([...tokensBefore, ...tokensAfter])] };
}

function tokensOf(data: ICredentialDataDecryptedObject): string[] {
	const oauth = (data.oauthTokenData ?? {}) as IDataObject;
	return [data.accessToken, oauth.access_token, oauth.refresh_token].filter(
		(value): value is string => typeof value === 'string' && value.length >= 8,
	);
}

export function jsonOf(items: INodeExecutionData[]): IDataObject[] {
	return items.map((item) => item.json);
}
