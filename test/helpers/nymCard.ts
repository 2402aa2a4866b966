import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { NymCardApi } from '../../credentials/NymCardApi.credentials';
import { NymCard } from '../../nodes/NymCard/NymCard.node';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import {
	runWorkflow,
	runWorkflowJson,
	type TestNode,
	type WorkflowJsonRunOptions,
	type WorkflowRunResult,
} from '../harness/workflowRunner';

export const NYMCARD_NODE_TYPE = 'n8n-nodes-bulk-cards.nymCard';
export const SANDBOX_API_KEY = 'nymcard-sandbox-key';
export const CARD_PRODUCT_ID = 'f4947edd-0dc1-4d60-af5a-f0dcb01d141c';

export const SHIPPING_ADDRESS = {
	addressLine1: '1 Sheikh Zayed Road',
	city: 'Dubai',
	postalCode: '00000',
	country: 'AE',
};

/** Parameters of a valid order; tests override what they exercise. */
export function createOrderParameters(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'bulkIssuance',
		operation: 'create',
		cardProductId: CARD_PRODUCT_ID,
		numberOfCards: 10,
		orderReference: 'PO-TEST-1',
		amount: 100,
		currency: 'USD',
		nameOnCard: 'Gift Card',
		shippingAddress: SHIPPING_ADDRESS,
		options: { requestsPerSecond: 50 },
		...overrides,
	};
}

export function nymCardNode(
	name: string,
	parameters: INodeParameters,
	extra: Partial<TestNode> = {},
): TestNode {
	return {
		name,
		type: NYMCARD_NODE_TYPE,
		parameters,
		credentials: { nymCardApi: { id: 'cred-1', name: 'NymCard sandbox' } },
		...extra,
	};
}

export interface NymCardTestbed {
	sandbox: Sandbox;
	baseUrl: string;
	run(chain: TestNode[], inputItems?: IDataObject[], apiKey?: string): Promise<WorkflowRunResult>;
	/** Runs an exported workflow; every NymCard credential in it resolves to the sandbox. */
	runJson(
		workflow: Pick<WorkflowJsonRunOptions, 'nodes' | 'connections'>,
	): Promise<WorkflowRunResult>;
	close(): Promise<void>;
}

/** A sandbox on an ephemeral port and a runner of real n8n workflows against it. */
export async function startNymCardTestbed(): Promise<NymCardTestbed> {
	const sandbox = await startSandbox({ port: 0 });
	const baseUrl = `${sandbox.url}/nymcard/v1`;
	const nodeTypes = { [NYMCARD_NODE_TYPE]: new NymCard() };
	const credentialsFor = (apiKey: string) => [
		{ type: new NymCardApi(), data: { apiKey, environment: 'custom', baseUrl } },
	];
	return {
		sandbox,
		baseUrl,
		run: async (chain, inputItems = [{}], apiKey = SANDBOX_API_KEY) =>
			await runWorkflow({ nodeTypes, credentials: credentialsFor(apiKey), chain, inputItems }),
		runJson: async (workflow) =>
			await runWorkflowJson({
				...workflow,
				nodeTypes,
				credentials: credentialsFor(SANDBOX_API_KEY),
			}),
		close: async () => await sandbox.close(),
	};
}

export function nymCardCounters(sandbox: Sandbox): Record<string, number> {
	return sandbox.admin.counters().nymcard as unknown as Record<string, number>;
}

/**
 * One testbed for a test file: started before its tests, reset before each, closed after.
 * The returned object may be used at the top of the file, before the sandbox exists.
 */
export function useNymCardTestbed(): NymCardTestbed {
	let current: NymCardTestbed | undefined;
	beforeAll(async () => {
		current = await startNymCardTestbed();
	});
	afterAll(async () => await current?.close());
	beforeEach(() => current?.sandbox.admin.reset());
	const started = () => {
		if (!current) throw new Error('the testbed starts in beforeAll');
		return current;
	};
	return {
		get sandbox() {
			return started().sandbox;
		},
		get baseUrl() {
			return started().baseUrl;
		},
		run: async (...args) => await started().run(...args),
		runJson: async (workflow) => await started().runJson(workflow),
		close: async () => await started().close(),
	};
}
