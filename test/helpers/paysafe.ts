import type { INodeParameters } from 'n8n-workflow';

import { PaysafeApi } from '../../credentials/PaysafeApi.credentials';
import { PaysafeCards } from '../../nodes/PaysafeCards/PaysafeCards.node';
import {
	DEFAULT_PAYSAFE_BRAND,
	DEFAULT_PAYSAFE_CLIENT_ID,
	DEFAULT_PAYSAFE_CLIENT_SECRET,
	PAYSAFE_BASE_PATH,
} from '../../sandbox/providers/paysafe';
import type { Sandbox } from '../../sandbox/server';
import type { TestNode } from '../harness/workflowRunner';
import { useTokenTestbed, type TokenTestbed } from './tokenTestbed';

export const PAYSAFE_NODE_TYPE = 'n8n-nodes-bulk-cards.paysafeCards';
/** The sandbox's EU customer (BG) and US customer. */
export const EU_CUSTOMER = '1231122232';
export const US_CUSTOMER = '2000000001';

export const EU_ADDRESS = {
	address1: 'Tsarigradsko Shose 73',
	city: 'Sofia',
	countryCode: 'BG',
	postalCode: '1000',
};

export function paysafeNode(name: string, parameters: INodeParameters): TestNode {
	return {
		name,
		type: PAYSAFE_NODE_TYPE,
		parameters,
		credentials: { paysafeApi: { id: 'paysafe-1', name: 'Paysafe sandbox' } },
	};
}

export function createParameters(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'bulkOrder',
		operation: 'create',
		customerId: EU_CUSTOMER,
		programName: 'PHYSICAL-MC-EEA',
		cardType: 'PHYSICAL',
		currency: 'EUR',
		deliveryAddress: EU_ADDRESS,
		cardsSource: 'quantity',
		numberOfCards: 120,
		orderReference: 'PO-P-1',
		userAgent: 'n8n-test/1.0',
		...overrides,
	};
}

/** A sandbox reset before each test, and a runner of real workflows with a Paysafe credential. */
export function usePaysafeTestbed(): TokenTestbed {
	return useTokenTestbed({
		nodeType: PAYSAFE_NODE_TYPE,
		node: () => new PaysafeCards(),
		credentialType: () => new PaysafeApi(),
		credentialRef: { id: 'paysafe-1', name: 'Paysafe sandbox' },
		credential: (sandbox) => paysafeCredential(sandbox.url),
	});
}

/** The Paysafe credential's data for the sandbox at `sandboxUrl`, before any token. */
export function paysafeCredential(sandboxUrl: string) {
	return {
		clientId: DEFAULT_PAYSAFE_CLIENT_ID,
		clientSecret: DEFAULT_PAYSAFE_CLIENT_SECRET,
		brand: DEFAULT_PAYSAFE_BRAND,
		environment: 'custom',
		baseUrl: `${sandboxUrl}${PAYSAFE_BASE_PATH}`,
		hmacSecret: '',
	};
}

export function paysafeCounters(sandbox: Sandbox): Record<string, number> {
	return sandbox.admin.counters().paysafe as unknown as Record<string, number>;
}

/** The bulk orders the sandbox received, in order. */
export function bulkPosts(sandbox: Sandbox) {
	return sandbox.admin
		.requests('paysafe')
		.filter((entry) => entry.method === 'POST' && entry.path.endsWith('/bulk'))
		.map((entry) => entry.body as { quantity: number; cards: Array<{ externalId: string }> });
}
