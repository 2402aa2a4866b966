import {
	SANDBOX_API_KEY,
	createOrderParameters,
	nymCardCounters,
	nymCardNode,
	useNymCardTestbed,
} from '../helpers/nymCard';

const testbed = useNymCardTestbed();

describe('NymCard bulkIssuance.create through WorkflowExecute', () => {
	it('orders 12,001 cards in three calls of 5000, 5000 and 2001 whose counts reconcile', async () => {
		const { nodes } = await testbed.run([
			nymCardNode(
				'Order cards',
				createOrderParameters({ numberOfCards: 12_001, orderReference: 'PO-12001' }),
			),
		]);
		const result = nodes['Order cards'];
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.size)).toEqual([5000, 5000, 2001]);
		expect(result.items.map((item) => item.json.outcome)).toEqual([
			'created',
			'created',
			'created',
		]);
		expect(result.items.every((item) => typeof item.json.bulkIssuanceId === 'string')).toBe(true);
		expect(new Set(result.items.map((item) => item.json.idempotencyKey)).size).toBe(3);
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 0 },
		]);
		expect(result.items[0].json.order).toEqual({
			orderReference: 'PO-12001',
			requested: 12_001,
			calls: 3,
			created: 12_001,
			failed: 0,
			unknown: 0,
			validated: 0,
		});

		const creates = testbed.sandbox.admin
			.requests('nymcard')
			.filter((entry) => entry.method === 'POST');
		expect(
			creates.map((entry) => (entry.body as { number_of_cards: number }).number_of_cards).sort(),
		).toEqual([2001, 5000, 5000]);
		expect(creates.every((entry) => typeof entry.idempotencyKey === 'string')).toBe(true);
		expect(nymCardCounters(testbed.sandbox)).toMatchObject({
			cardsCreated: 12_001,
			bulksCreated: 3,
		});
	});

	it('retries a create whose response was lost with the same key and creates nothing twice', async () => {
		testbed.sandbox.admin.faults.add({
			kind: 'dropAfterProcessing',
			provider: 'nymcard',
			method: 'POST',
			pathPrefix: '/bulkissuances',
		});
		const { nodes } = await testbed.run([
			nymCardNode('Order cards', createOrderParameters({ numberOfCards: 40 })),
		]);
		expect(nodes['Order cards'].items.map((item) => item.json.outcome)).toEqual(['created']);

		const creates = testbed.sandbox.admin
			.requests('nymcard')
			.filter((entry) => entry.method === 'POST');
		expect(creates).toHaveLength(2);
		expect(creates[0].idempotencyKey).toBe(creates[1].idempotencyKey);
		expect(nymCardCounters(testbed.sandbox)).toMatchObject({
			cardsCreated: 40,
			bulksCreated: 1,
			idempotentReplays: 1,
		});
	});

	it('re-running the same order reference returns the same bulks and orders nothing new', async () => {
		const chain = [
			nymCardNode(
				'Order cards',
				createOrderParameters({ numberOfCards: 7000, orderReference: 'PO-RERUN' }),
			),
		];
		const first = await testbed.run(chain);
		const second = await testbed.run(chain);
		const ids = (run: typeof first) =>
			run.nodes['Order cards'].items.map((item) => item.json.bulkIssuanceId);
		expect(ids(second)).toEqual(ids(first));
		expect(nymCardCounters(testbed.sandbox)).toMatchObject({ cardsCreated: 7000, bulksCreated: 2 });
	});

	it('waits out a 429 with Retry-After and then succeeds', async () => {
		testbed.sandbox.admin.faults.add({
			kind: 'rateLimit',
			provider: 'nymcard',
			method: 'POST',
			retryAfterSeconds: 1,
		});
		const started = Date.now();
		const { nodes } = await testbed.run([nymCardNode('Order cards', createOrderParameters())]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect(nodes['Order cards'].items[0].json.outcome).toBe('created');
		expect(nymCardCounters(testbed.sandbox)).toMatchObject({ cardsCreated: 10, bulksCreated: 1 });
	});

	it('lists every field error of an invalid order and sends no request', async () => {
		const { nodes } = await testbed.run([
			nymCardNode(
				'Order cards',
				createOrderParameters({
					cardProductId: 'not-a-uuid',
					numberOfCards: 0,
					amount: 10.555,
					currency: 'US$',
					shippingAddress: { addressLine1: '1 Road', country: 'United Arab Emirates' },
					options: { additionalBodyFields: '{"dry_run": tru}' },
				}),
			),
		]);
		const error = nodes['Order cards'].error;
		expect(error?.message).toBe('The NymCard order has 6 invalid fields; nothing was sent');
		expect((error?.context?.fieldErrors as Array<{ field: string }>).map((e) => e.field)).toEqual([
			'Card Product ID',
			'Number of Cards',
			'Amount',
			'Currency',
			'Shipping Address › Country',
			'Additional Body Fields (JSON)',
		]);
		expect(error?.description).toContain(
			'• Currency: must be a three-letter ISO 4217 code such as USD or AED',
		);
		expect(testbed.sandbox.admin.requests('nymcard')).toHaveLength(0);
	});

	it('with Continue On Fail, gives a paired error item for a bad order and still orders the good one', async () => {
		const { nodes } = await testbed.run(
			[
				nymCardNode(
					'Order cards',
					createOrderParameters({
						numberOfCards: '={{ $json.cards }}',
						orderReference: '={{ "PO-" + $json.po }}',
					}),
					{ continueOnFail: true },
				),
			],
			[
				{ cards: 5, po: 'A' },
				{ cards: -1, po: 'B' },
				{ cards: 6, po: 'C' },
			],
		);
		const items = nodes['Order cards'].items;
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.outcome).toBe('created');
		expect(items[1].json.error).toBe('The NymCard order has 1 invalid field; nothing was sent');
		expect((items[1].json.details as { fieldErrors: unknown }).fieldErrors).toEqual([
			{ field: 'Number of Cards', message: 'must be at least 1' },
		]);
		expect(items[2].json.outcome).toBe('created');
		expect(nymCardCounters(testbed.sandbox)).toMatchObject({ cardsCreated: 11, bulksCreated: 2 });
	});

	it('turns a rejected API key into an actionable error without showing the key', async () => {
		const rejectedApiCredential = 'tenant64-wrong-key-0001';
		const { nodes } = await testbed.run(
			[nymCardNode('Order cards', createOrderParameters())],
			[{}],
			rejectedApiCredential,
		);
		const error = nodes['Order cards'].error;
		expect(error?.message).toBe('NymCard did not accept the credentials (HTTP 401)');
		expect(error?.description).toContain('its API key, or client ID and secret');
		expect(JSON.stringify(error)).not.toContain(rejectedApiCredential);
		expect(JSON.stringify(error)).not.toContain(SANDBOX_API_KEY);
	});

	it('submits every created bulk right away when asked', async () => {
		const { nodes } = await testbed.run([
			nymCardNode(
				'Order cards',
				createOrderParameters({ numberOfCards: 5001, submitAfterCreate: true }),
			),
		]);
		expect(
			nodes['Order cards'].items.map((item) => [item.json.submitted, item.json.state]),
		).toEqual([
			[true, 'submitted'],
			[true, 'submitted'],
		]);
		expect(nymCardCounters(testbed.sandbox)).toMatchObject({
			bulksSubmitted: 2,
			cardsCreated: 5001,
		});
	});

	it('a dry run validates with NymCard and creates nothing', async () => {
		const { nodes } = await testbed.run([
			nymCardNode('Order cards', createOrderParameters({ numberOfCards: 6000, dryRun: true })),
		]);
		expect(nodes['Order cards'].items.map((item) => item.json.outcome)).toEqual([
			'validated',
			'validated',
		]);
		expect(nymCardCounters(testbed.sandbox)).toMatchObject({ cardsCreated: 0, bulksCreated: 0 });
	});
});
