import type { IDataObject } from 'n8n-workflow';

import {
	createOrderParameters,
	nymCardCounters,
	nymCardNode,
	useNymCardTestbed,
} from '../helpers/nymCard';

const testbed = useNymCardTestbed();

describe('NymCard create when NymCard misbehaves', () => {
	it('reports a chunk as unknown when every retry loses the response, without ordering it twice', async () => {
		testbed.sandbox.admin.faults.add({
			kind: 'dropAfterProcessing',
			provider: 'nymcard',
			method: 'POST',
			times: 10,
		});
		const { nodes } = await testbed.run([
			nymCardNode(
				'Order',
				createOrderParameters({
					numberOfCards: 30,
					options: { maxRetries: 2, requestsPerSecond: 50 },
				}),
			),
		]);
		const item = nodes.Order.items[0].json;
		expect(item).toMatchObject({ outcome: 'unknown', size: 30 });
		expect((item.error as IDataObject).description).toContain('may have received it');
		expect(item.order).toMatchObject({ requested: 30, created: 0, failed: 0, unknown: 30 });
		expect(nymCardCounters(testbed.sandbox)).toMatchObject({
			cardsCreated: 30,
			bulksCreated: 1,
			idempotentReplays: 2,
		});
	});

	it('treats a 409 after a lost response as the first attempt still in progress, and waits for its replay', async () => {
		const { faults } = testbed.sandbox.admin;
		faults.add({ kind: 'dropAfterProcessing', provider: 'nymcard', method: 'POST' });
		faults.add({ kind: 'status', status: 409, provider: 'nymcard', method: 'POST' });
		const { nodes } = await testbed.run([
			nymCardNode('Order', createOrderParameters({ numberOfCards: 20 })),
		]);
		expect(nodes.Order.items[0].json).toMatchObject({ outcome: 'created', size: 20 });
		expect(
			testbed.sandbox.admin.requests('nymcard').filter((entry) => entry.method === 'POST'),
		).toHaveLength(3);
		expect(nymCardCounters(testbed.sandbox)).toMatchObject({
			cardsCreated: 20,
			bulksCreated: 1,
			idempotentReplays: 1,
		});
	});

	it('never calls a chunk failed when an earlier attempt may have created it', async () => {
		const { faults } = testbed.sandbox.admin;
		faults.add({ kind: 'dropAfterProcessing', provider: 'nymcard', method: 'POST' });
		faults.add({ kind: 'status', status: 400, provider: 'nymcard', method: 'POST' });
		const { nodes } = await testbed.run([
			nymCardNode('Order', createOrderParameters({ numberOfCards: 15 })),
		]);
		expect(nodes.Order.error).toBeUndefined();
		expect(nodes.Order.items[0].json).toMatchObject({ outcome: 'unknown', size: 15 });
		expect(nymCardCounters(testbed.sandbox)).toMatchObject({ cardsCreated: 15 });
	});

	it('retries a create that timed out after NymCard processed it, with the same key', async () => {
		testbed.sandbox.admin.faults.add({
			kind: 'latency',
			delayMs: 1500,
			provider: 'nymcard',
			method: 'POST',
		});
		const { nodes } = await testbed.run([
			nymCardNode(
				'Order',
				createOrderParameters({
					numberOfCards: 75,
					options: { timeoutSeconds: 1, requestsPerSecond: 50 },
				}),
			),
		]);
		expect(nodes.Order.items[0].json).toMatchObject({ outcome: 'created', size: 75 });
		expect(nymCardCounters(testbed.sandbox)).toMatchObject({
			cardsCreated: 75,
			bulksCreated: 1,
			idempotentReplays: 1,
		});
	});

	it('keeps the created chunks when one chunk is refused, and says which', async () => {
		testbed.sandbox.admin.faults.add({
			kind: 'status',
			status: 400,
			provider: 'nymcard',
			method: 'POST',
			skip: 1,
		});
		const { nodes } = await testbed.run([
			nymCardNode(
				'Order',
				createOrderParameters({
					numberOfCards: 10_500,
					options: { maxConcurrency: 1, requestsPerSecond: 50 },
				}),
			),
		]);
		const items = nodes.Order.items.map((item) => item.json);
		expect(items.map((item) => item.outcome)).toEqual(['created', 'failed', 'created']);
		expect((items[1].error as IDataObject).message).toContain(
			'NymCard rejected the request (HTTP 400) to create bulk issuance 2 of 3',
		);
		expect(items[0].order).toMatchObject({
			requested: 10_500,
			created: 5500,
			failed: 5000,
			unknown: 0,
		});
		expect(nymCardCounters(testbed.sandbox)).toMatchObject({ cardsCreated: 5500 });
	});

	it('stops after the first call when NymCard refuses the order itself, with its words', async () => {
		const { nodes } = await testbed.run([
			nymCardNode(
				'Order',
				createOrderParameters({
					cardProductId: '11111111-2222-4333-8444-555555555555',
					numberOfCards: 6000,
				}),
			),
		]);
		const error = nodes.Order.error;
		expect(error?.message).toMatch(
			/NymCard rejected the request \(HTTP 4\d\d\) to create bulk issuance 1 of 2/,
		);
		expect(error?.description).toContain('NymCard says:');
		expect(error?.description).toContain('The other 1 call(s) of this order were not sent.');
		expect(testbed.sandbox.admin.requests('nymcard')).toHaveLength(1);
		expect(nymCardCounters(testbed.sandbox)).toMatchObject({ cardsCreated: 0 });
	});

	it('retries server errors on reads and gives up with an actionable message', async () => {
		testbed.sandbox.admin.faults.add({
			kind: 'status',
			status: 503,
			provider: 'nymcard',
			method: 'GET',
			times: 10,
		});
		const { nodes } = await testbed.run([
			nymCardNode('Read', {
				resource: 'bulkIssuance',
				operation: 'getAll',
				returnAll: true,
				options: { maxRetries: 1 },
			}),
		]);
		expect(nodes.Read.error?.message).toBe(
			'NymCard had a server error (HTTP 503) while trying to list bulk issuances (after 2 attempts)',
		);
	});

	it('refuses plain http to a host other than this machine before sending the key', async () => {
		const { runWorkflow } = await import('../harness/workflowRunner');
		const { NymCard } = await import('../../nodes/NymCard/NymCard.node');
		const { NymCardApi } = await import('../../credentials/NymCardApi.credentials');
		const { nodes } = await runWorkflow({
			nodeTypes: { 'n8n-nodes-bulk-cards.nymCard': new NymCard() },
			credentials: [
				{
					type: new NymCardApi(),
					data: { apiKey: 'k', environment: 'custom', baseUrl: 'http://cards.example.test/v1' },
				},
			],
			chain: [nymCardNode('Order', createOrderParameters())],
		});
		expect(nodes.Order.error?.message).toContain('plain http');
	});

	it('never lets the API key reach the run data, whatever the outcome', async () => {
		const distinctiveCredentialValue = 'tenant64-5c9e0f3a-distinctive';
		testbed.sandbox.admin.nymcard.configure({ apiKeys: [distinctiveCredentialValue] });
		testbed.sandbox.admin.faults.add({
			kind: 'status',
			status: 500,
			provider: 'nymcard',
			method: 'GET',
		});
		const chain = [
			nymCardNode('Order', createOrderParameters({ submitAfterCreate: true })),
			nymCardNode('Status', {
				resource: 'bulkIssuance',
				operation: 'getStatus',
				bulkIssuanceId: '={{ $json.bulkIssuanceId }}',
			}),
			nymCardNode(
				'Bad',
				{
					resource: 'bulkIssuance',
					operation: 'get',
					bulkIssuanceId: '00000000-0000-4000-8000-000000000000',
				},
				{ continueOnFail: true },
			),
		];
		const { run } = await testbed.run(chain, [{}], distinctiveCredentialValue);
		const everything = JSON.stringify(run);
		expect(everything).toContain('"submitted":true');
		expect(everything).not.toContain(distinctiveCredentialValue);
	});

	it('under mixed faults on creates and submits, creates and submits every bulk exactly once', async () => {
		const { faults } = testbed.sandbox.admin;
		const creates = { provider: 'nymcard', method: 'POST' as const, pathPrefix: '/bulkissuances' };
		const submits = { provider: 'nymcard', method: 'PUT' as const, pathPrefix: '/bulkissuances' };
		faults.add({ kind: 'dropAfterProcessing', ...creates, skip: 1, times: 3 });
		faults.add({ kind: 'status', status: 503, ...creates, skip: 6, times: 2 });
		faults.add({ kind: 'rateLimit', retryAfterSeconds: 1, ...creates, skip: 12, times: 2 });
		faults.add({ kind: 'dropAfterProcessing', ...submits, skip: 2, times: 2 });
		faults.add({ kind: 'status', status: 502, ...submits, skip: 9, times: 2 });
		const { nodes } = await testbed.run([
			nymCardNode(
				'Order',
				createOrderParameters({
					numberOfCards: 100_000,
					orderReference: 'PO-FAULTS',
					submitAfterCreate: true,
					options: { maxConcurrency: 4, requestsPerSecond: 100 },
				}),
			),
		]);
		const items = nodes.Order.items.map((item) => item.json);
		expect(items).toHaveLength(20);
		expect(items.every((item) => item.outcome === 'created' && item.submitted === true)).toBe(true);
		expect(items[0].order).toMatchObject({ requested: 100_000, created: 100_000, unknown: 0 });
		expect(new Set(items.map((item) => item.bulkIssuanceId)).size).toBe(20);
		expect(nymCardCounters(testbed.sandbox)).toMatchObject({
			cardsCreated: 100_000,
			bulksCreated: 20,
			bulksSubmitted: 20,
			idempotentReplays: 3,
		});
		const sent = testbed.sandbox.admin.requests('nymcard');
		expect(sent.filter((entry) => entry.method === 'POST')).toHaveLength(20 + 3 + 2 + 2);
	});
});
