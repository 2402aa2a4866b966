import type { IDataObject } from 'n8n-workflow';

import {
	bulkPosts,
	createParameters,
	EU_CUSTOMER,
	paysafeCounters,
	paysafeNode,
	US_CUSTOMER,
	usePaysafeTestbed,
} from '../helpers/paysafe';

const testbed = usePaysafeTestbed();

/** Lets the sandbox's clock pass every bulk's processing time, so their cards exist. */
function processEverything() {
	testbed.sandbox.admin.clock.advance(60_000);
}

describe('Paysafe bulkOrder.create through WorkflowExecute', () => {
	it('orders 120 cards in bulks of 50, 50 and 20, each card with an external id derived from the order reference', async () => {
		const { nodes } = await testbed.run([paysafeNode('Create', createParameters())]);

		const create = nodes.Create;
		expect(create.error).toBeUndefined();
		expect(create.items.map((item) => [item.json.size, item.json.outcome])).toEqual([
			[50, 'created'],
			[50, 'created'],
			[20, 'created'],
		]);
		const posts = bulkPosts(testbed.sandbox);
		expect(posts.map((post) => post.quantity)).toEqual([50, 50, 20]);
		const ids = posts.flatMap((post) => post.cards.map((card) => card.externalId));
		expect(new Set(ids).size).toBe(120);
		const prefix = ids[0].replace(/-0$/, '');
		expect(ids).toEqual(Array.from({ length: 120 }, (_, index) => `${prefix}-${index}`));
		expect(ids.every((id) => id.length <= 40)).toBe(true);
		expect(create.items[1].json.externalIds).toEqual(ids.slice(50, 100));
		expect(create.items[0].json.bulkId).toEqual(expect.any(String));
		expect(create.items[0].json.order).toMatchObject({ requested: 120, created: 120, unknown: 0 });
		expect(create.items.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(
			true,
		);

		// The same reference gives the same ids (Plan Only sends nothing).
		const plan = await testbed.run([
			paysafeNode('Plan', createParameters({ options: { planOnly: true } })),
		]);
		expect((plan.nodes.Plan.items[0].json.chunks as IDataObject[])[2]).toMatchObject({
			firstCardId: ids[100],
			lastCardId: ids[119],
		});
		expect(bulkPosts(testbed.sandbox)).toHaveLength(3);
	});

	it('orders nothing again when the same order is re-run after Paysafe processed it', async () => {
		await testbed.run([paysafeNode('Create', createParameters())]);
		processEverything();
		expect(paysafeCounters(testbed.sandbox)).toMatchObject({ cardsCreated: 120 });

		const { nodes } = await testbed.run([paysafeNode('Create', createParameters())]);

		expect(nodes.Create.error).toBeUndefined();
		expect(nodes.Create.items.map((item) => item.json.alreadyExisted)).toEqual([50, 50, 20]);
		expect(nodes.Create.items[0].json.order).toMatchObject({ requested: 120, created: 120 });
		expect(bulkPosts(testbed.sandbox)).toHaveLength(3);
		processEverything();
		expect(paysafeCounters(testbed.sandbox)).toMatchObject({
			cardsCreated: 120,
			duplicateExternalIds: 0,
		});

		// Such an item has no bulk to check: Get Status says why, instead of "Bulk ID is required".
		const status = paysafeNode('Status', {
			resource: 'bulkOrder',
			operation: 'getStatus',
			customerId: '={{ $json.customerId ?? "1231122232" }}',
			bulkId: '={{ $json.bulkId }}',
			numberOfCards: '={{ $json.size }}',
		});
		const { nodes: checked } = await testbed.run([status], [nodes.Create.items[2].json]);
		expect(checked.Status.error?.description).toContain(
			'Bulk ID: is empty: this item is a Create call whose 20 card(s) Paysafe already listed from an earlier run of the same order',
		);
	});

	it('reports a bulk whose answer was lost as unknown with its external ids, creates the others, and sends no bulk twice', async () => {
		testbed.sandbox.admin.faults.add({
			kind: 'dropAfterProcessing',
			provider: 'paysafe',
			method: 'POST',
			pathRegex: '/bulk$',
			skip: 1,
			times: 1,
		});

		const { nodes } = await testbed.run([paysafeNode('Create', createParameters())]);

		const items = nodes.Create.items.map((item) => item.json);
		expect(nodes.Create.error).toBeUndefined();
		const unknown = items.filter((item) => item.outcome === 'unknown');
		expect(unknown).toHaveLength(1);
		expect(unknown[0].externalIds).toHaveLength(unknown[0].size as number);
		expect(String((unknown[0].error as IDataObject).description)).toContain(
			'Nothing more was sent for them in this run',
		);
		const unknownCards = unknown[0].size as number;
		expect(items[0].order).toMatchObject({
			requested: 120,
			created: 120 - unknownCards,
			unknown: unknownCards,
			failed: 0,
		});
		expect(bulkPosts(testbed.sandbox)).toHaveLength(3);

		// Paysafe had accepted that bulk: once processed, every card exists exactly once.
		processEverything();
		expect(paysafeCounters(testbed.sandbox)).toMatchObject({
			bulksAccepted: 3,
			cardsCreated: 120,
			duplicateExternalIds: 0,
		});
		// A re-run now finds them all and orders nothing.
		const again = await testbed.run([paysafeNode('Create', createParameters())]);
		expect(again.nodes.Create.items.every((item) => item.json.outcome === 'created')).toBe(true);
		expect(bulkPosts(testbed.sandbox)).toHaveLength(3);
	});

	it('fetches a new token once when Paysafe says the stored one expired, and retries the call', async () => {
		await testbed.run([paysafeNode('Create', createParameters({ numberOfCards: 5 }))]);
		const firstToken = testbed.credential.accessToken;
		expect(firstToken).toEqual(expect.any(String));
		testbed.sandbox.admin.paysafe.expireTokens();

		const { nodes, credentialsHelper } = await testbed.run([
			paysafeNode('Create', createParameters({ numberOfCards: 5, orderReference: 'PO-P-2' })),
		]);

		expect(nodes.Create.error).toBeUndefined();
		expect(nodes.Create.items[0].json.outcome).toBe('created');
		expect(credentialsHelper.preAuthenticationRuns).toEqual(['paysafeApi']);
		expect(testbed.credential.accessToken).not.toBe(firstToken);
		expect(paysafeCounters(testbed.sandbox)).toMatchObject({ tokensIssued: 2, bulksAccepted: 2 });
	});

	it('lists every invalid address field and card at once and sends nothing', async () => {
		const { nodes } = await testbed.run(
			[
				paysafeNode(
					'Create',
					createParameters({
						customerId: US_CUSTOMER,
						programName: 'PHYSICAL-MC-US',
						currency: 'usd',
						mobile: '0888 333 333',
						cardsSource: 'inputItems',
						deliveryAddress: {
							address1: '1 A',
							city: 'Salt Lake City 2',
							countryCode: 'US',
							postalCode: '84!01',
						},
					}),
				),
			],
			[
				{ nameOnCard: 'JOSÉ ÁLVAREZ', externalId: 'EMP-1' },
				{ nameOnCard: 'JANE DOE', externalId: 'EMP-1', cardPin: '1234' },
			],
		);

		const error = nodes.Create.error;
		expect(error?.message).toBe('The Paysafe order has 8 invalid fields; nothing was sent');
		const fields = (error?.context?.fieldErrors as Array<{ field: string }>).map(
			(entry) => entry.field,
		);
		expect(fields).toEqual([
			'Delivery Address › City',
			'Delivery Address › Postal Code',
			'Delivery Address › Address Line 1',
			'Delivery Address › State',
			'Mobile',
			'Card of item 0 › nameOnCard',
			'Card of item 1 › cardPin',
			'Cards › externalId',
		]);
		expect(testbed.sandbox.admin.requests('paysafe')).toHaveLength(0);
	});

	it("shows Paysafe's field errors one by one when it refuses an order", async () => {
		const { nodes } = await testbed.run([
			paysafeNode(
				'Create',
				createParameters({ programName: 'NO-SUCH-PROGRAM', numberOfCards: 60 }),
			),
		]);

		const error = nodes.Create.error;
		expect(error?.message).toContain(
			'Paysafe rejected the request (HTTP 400) to order bulk 1 of 2',
		);
		expect(error?.description).toContain('[5068]');
		expect(error?.description).toContain('• programName:');
		expect(error?.description).toContain('The other 1 call(s) of this order were not sent.');
		expect(bulkPosts(testbed.sandbox)).toHaveLength(1);
	});

	it('says what to check when Paysafe does not know the customer', async () => {
		const { nodes } = await testbed.run([
			paysafeNode('Create', createParameters({ customerId: '999', numberOfCards: 1 })),
		]);

		expect(nodes.Create.error?.message).toContain('HTTP 404');
		expect(nodes.Create.error?.description).toContain('check the Customer ID');
	});

	it('sends each card of the input items with its own external id, name and PIN, pairs each card to its item and never outputs the PIN', async () => {
		const cards = Array.from({ length: 3 }, (_, index) => ({
			externalId: `EMP-${index}`,
			nameOnCard: `EMPLOYEE ${index}`,
			cardPin: `482${index}`,
			department: 'Sales',
		}));

		const { nodes } = await testbed.run(
			[
				paysafeNode(
					'Create',
					createParameters({ cardsSource: 'inputItems', options: { outputMode: 'perCard' } }),
				),
			],
			cards,
		);

		expect(nodes.Create.error).toBeUndefined();
		expect(nodes.Create.items.map((item) => [item.json.externalId, item.pairedItem])).toEqual([
			['EMP-0', { item: 0 }],
			['EMP-1', { item: 1 }],
			['EMP-2', { item: 2 }],
		]);
		expect(JSON.stringify(nodes.Create.items)).not.toContain('4820');
		const [post] = testbed.sandbox.admin
			.requests('paysafe')
			.filter((entry) => entry.method === 'POST' && entry.path.endsWith('/bulk'));
		expect((post.body as { cards: IDataObject[] }).cards.map((card) => card.externalId)).toEqual([
			'EMP-0',
			'EMP-1',
			'EMP-2',
		]);
		expect(JSON.stringify(post.body)).not.toContain('department');
		testbed.sandbox.admin.clock.advance(60_000);
		expect(testbed.sandbox.admin.paysafe.cards(EU_CUSTOMER).map((card) => card.nameOnCard)).toEqual(
			['EMPLOYEE 0', 'EMPLOYEE 1', 'EMPLOYEE 2'],
		);
	});

	it('signs every write with the HMAC key when the credential has one', async () => {
		testbed.sandbox.admin.paysafe.configure({ hmacKey: 'paysafe-hmac-test-key' });

		const unsigned = await testbed.run([
			paysafeNode('Create', createParameters({ numberOfCards: 2 })),
		]);
		expect(unsigned.nodes.Create.error?.message).toContain('HTTP 401');

		testbed.credential.hmacSecret = 'paysafe-hmac-test-key';
		const signed = await testbed.run([
			paysafeNode('Create', createParameters({ numberOfCards: 2, orderReference: 'PO-P-3' })),
		]);
		expect(signed.nodes.Create.error).toBeUndefined();
		expect(JSON.stringify(signed.nodes.Create.items)).not.toContain('paysafe-hmac-test-key');
	});
});
