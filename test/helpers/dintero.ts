import type { INodeParameters } from 'n8n-workflow';

import { DinteroApi } from '../../credentials/DinteroApi.credentials';
import { DinteroCards } from '../../nodes/DinteroCards/DinteroCards.node';
import {
	DEFAULT_DINTERO_CLIENT_ID,
	DEFAULT_DINTERO_CLIENT_SECRET,
	DEFAULT_DINTERO_TEST_ACCOUNT,
	DINTERO_BASE_PATH,
} from '../../sandbox/providers/dintero';
import type { Sandbox } from '../../sandbox/server';
import type { TestNode } from '../harness/workflowRunner';
import { useTokenTestbed, type TokenTestbed } from './tokenTestbed';

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

/** A sandbox reset before each test, and a runner of real workflows with a Dintero credential. */
export function useDinteroTestbed(): TokenTestbed {
	return useTokenTestbed({
		nodeType: DINTERO_NODE_TYPE,
		node: () => new DinteroCards(),
		credentialType: () => new DinteroApi(),
		credentialRef: { id: 'dintero-1', name: 'Dintero sandbox' },
		credential: (sandbox) => dinteroCredential(sandbox.url),
	});
}

/** The Dintero credential's data for the sandbox at `sandboxUrl`, before any token. */
export function dinteroCredential(sandboxUrl: string) {
	return {
		accountId: ACCOUNT,
		clientId: DEFAULT_DINTERO_CLIENT_ID,
		clientSecret: DEFAULT_DINTERO_CLIENT_SECRET,
		environment: 'custom',
		baseUrl: `${sandboxUrl}${DINTERO_BASE_PATH}`,
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
