import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { QontoApi } from '../../credentials/QontoApi.credentials';
import { QontoOAuth2Api } from '../../credentials/QontoOAuth2Api.credentials';
import { QontoCards } from '../../nodes/QontoCards/QontoCards.node';
import {
	DEFAULT_QONTO_BANK_ACCOUNT_IDS,
	DEFAULT_QONTO_CLIENT_ID,
	DEFAULT_QONTO_CLIENT_SECRET,
	DEFAULT_QONTO_LOGIN,
	DEFAULT_QONTO_MEMBERSHIPS,
	DEFAULT_QONTO_SECRET_KEY,
	DEFAULT_QONTO_STAGING_TOKEN,
} from '../../sandbox/providers/qonto';
import type { Sandbox } from '../../sandbox/server';
import { runWorkflow, type TestNode, type WorkflowRunResult } from '../harness/workflowRunner';
import { useTestSandbox } from '../sandbox/helpers';

export const QONTO_NODE_TYPE = 'n8n-nodes-bulk-cards.qontoCards';
export const HOLDERS = DEFAULT_QONTO_MEMBERSHIPS.map((membership) => membership.id);
export const BANK_ACCOUNT_ID = DEFAULT_QONTO_BANK_ACCOUNT_IDS[0];

/** `count` virtual cards in Qonto's field names, one per input item, holders taken in turn. */
export function cardRequests(count: number, overrides: Record<number, IDataObject> = {}) {
	return Array.from({ length: count }, (_, index) => ({
		card_level: 'virtual',
		holder_id: HOLDERS[index % HOLDERS.length],
		bank_account_id: BANK_ACCOUNT_ID,
		payment_monthly_limit: 500,
		...overrides[index],
	}));
}

export function qontoNode(
	name: string,
	parameters: INodeParameters,
	authentication: 'oAuth2' | 'apiKey' = 'oAuth2',
): TestNode {
	return {
		name,
		type: QONTO_NODE_TYPE,
		parameters: { authentication, ...parameters },
		credentials:
			authentication === 'oAuth2'
				? { qontoOAuth2Api: { id: 'qonto-oauth', name: 'Qonto sandbox (OAuth2)' } }
				: { qontoApi: { id: 'qonto-key', name: 'Qonto sandbox (API key)' } },
	};
}

export function createParameters(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'cardBulk',
		operation: 'create',
		cardsSource: 'inputItems',
		orderReference: 'PO-Q-1',
		waitForApproval: true,
		approvalTimeoutSeconds: 30,
		options: { outputMode: 'perCard' },
		...overrides,
	};
}

export interface QontoTestbed {
	sandbox: Sandbox;
	run(chain: TestNode[], inputItems?: IDataObject[]): Promise<WorkflowRunResult>;
}

/** A sandbox, reset before each test, and a runner of real workflows with both credentials. */
export function useQontoTestbed(): QontoTestbed {
	let sandbox: Sandbox | undefined;
	useTestSandbox((started) => (sandbox = started));
	const started = () => {
		if (!sandbox) throw new Error('the sandbox starts in beforeAll');
		return sandbox;
	};
	return {
		get sandbox() {
			return started();
		},
		run: async (chain, inputItems = [{}]) => {
			const current = started();
			const common = {
				environment: 'custom',
				baseUrl: `${current.url}/qonto`,
				stagingToken: DEFAULT_QONTO_STAGING_TOKEN,
			};
			const tokens = current.admin.qonto.issueTokens();
			return await runWorkflow({
				nodeTypes: { [QONTO_NODE_TYPE]: new QontoCards() },
				credentials: [
					{
						type: new QontoOAuth2Api(),
						data: {
							...common,
							authBaseUrl: `${current.url}/qonto`,
							clientId: DEFAULT_QONTO_CLIENT_ID,
							clientSecret: DEFAULT_QONTO_CLIENT_SECRET,
							oauthTokenData: { ...tokens, token_type: 'Bearer' } as unknown as IDataObject,
						},
					},
					{
						type: new QontoApi(),
						data: { ...common, login: DEFAULT_QONTO_LOGIN, secretKey: DEFAULT_QONTO_SECRET_KEY },
					},
				],
				chain,
				inputItems,
			});
		},
	};
}

export function qontoCounters(sandbox: Sandbox): Record<string, number> {
	return sandbox.admin.counters().qonto as unknown as Record<string, number>;
}
