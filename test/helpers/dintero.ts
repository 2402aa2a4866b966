import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { DinteroApi } from '../../credentials/DinteroApi.credentials';
import { DinteroCards } from '../../nodes/DinteroCards/DinteroCards.node';
import {
	DEFAULT_DINTERO_CLIENT_ID,
	DEFAULT_DINTERO_CLIENT_SECRET,
	DEFAULT_DINTERO_TEST_ACCOUNT,
	DINTERO_BASE_PATH,
} from '../../sandbox/providers/dintero';
import type { Sandbox } from '../../sandbox/server';
import { runWorkflow, type TestNode, type WorkflowRunResult } from '../harness/workflowRunner';
import { useTestSandbox } from '../sandbox/helpers';

export const DINTERO_NODE_TYPE = 'n8n-nodes-bulk-cards.dinteroCards';
export const ACCOUNT = DEFAULT_DINTERO_TEST_ACCOUNT;

export function dinteroNode(
	name: string,
	parameters: INodeParameters,
	extra: Partial<TestNode> = {},
): TestNode {
	return {
		name,
		type: DINTERO_NODE_TYPE,
		parameters,
		credentials: { dinteroApi: { id: 'dintero-1', name: 'Dintero sandbox' } },
		...extra,
	};
}

export function createParameters(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'cardBatch',
		operation: 'create',
		cardsSource: 'quantity',
		numberOfCards: 10,
		orderReference: 'PO-D-1',
		cardType: 'gift_card',
		...overrides,
	};
}

export interface DinteroTestbed {
	sandbox: Sandbox;
	/** The credential as n8n stores it; the token a run fetched stays in it for the next run. */
	credential: ICredentialDataDecryptedObject;
	run(chain: TestNode[], inputItems?: IDataObject[]): Promise<WorkflowRunResult>;
}

/** A sandbox reset before each test, and a runner of real workflows with a Dintero credential. */
export function useDinteroTestbed(): DinteroTestbed {
	let sandbox: Sandbox | undefined;
	let credential: ICredentialDataDecryptedObject = {};
	useTestSandbox((started) => (sandbox = started));
	const started = () => {
		if (!sandbox) throw new Error('the sandbox starts in beforeAll');
		return sandbox;
	};
	beforeEach(() => {
		credential = {
			accessToken: '',
			accountId: ACCOUNT,
			clientId: DEFAULT_DINTERO_CLIENT_ID,
			clientSecret: DEFAULT_DINTERO_CLIENT_SECRET,
			environment: 'custom',
			baseUrl: `${started().url}${DINTERO_BASE_PATH}`,
		};
	});
	return {
		get sandbox() {
			return started();
		},
		get credential() {
			return credential;
		},
		run: async (chain, inputItems = [{}]) => {
			const result = await runWorkflow({
				nodeTypes: { [DINTERO_NODE_TYPE]: new DinteroCards() },
				credentials: [{ type: new DinteroApi(), data: credential }],
				chain,
				inputItems,
			});
			credential = await result.credentialsHelper.getDecrypted(
				undefined,
				{ id: 'dintero-1', name: 'Dintero sandbox' },
				'dinteroApi',
			);
			return result;
		},
	};
}

export function dinteroCounters(sandbox: Sandbox): Record<string, number> {
	return sandbox.admin.counters().dintero as unknown as Record<string, number>;
}

/** The batch calls the sandbox received, in order. */
export function batchPosts(sandbox: Sandbox) {
	return sandbox.admin
		.requests('dintero')
		.filter((entry) => entry.method === 'POST' && entry.path.endsWith('/batch'))
		.map((entry) => entry.body as { cards: Array<{ card_id: string; type: string }> });
}
