import type { IDataObject } from 'n8n-workflow';

import {
	createParameters,
	dinteroCounters,
	dinteroNode,
	useDinteroTestbed,
} from '../helpers/dintero';

const testbed = useDinteroTestbed();

const activateParameters = (overrides: IDataObject = {}) => ({
	resource: 'card',
	operation: 'activate',
	cardId: '={{ $json.card_id }}',
	amount: 50000,
	currency: 'NOK',
	...overrides,
});

describe('Dintero cards through WorkflowExecute', () => {
	it("activates a batch's cards from input items, each output paired to its card; a repeat reports the card instead of failing", async () => {
		const { nodes } = await testbed.run([
			dinteroNode(
				'Create',
				createParameters({ numberOfCards: 5, options: { outputMode: 'perCard' } }),
			),
			dinteroNode(
				'Activate',
				activateParameters({
					additionalFields: {
						customerId: 'customer-42',
						name: 'Christmas gift card',
						metadata: '{"shop": "Oslo"}',
						expiresAt: '2030-12-31T23:00:00.000Z',
					},
				}),
			),
		]);

		expect(nodes.Activate.error).toBeUndefined();
		const created = nodes.Create.items.map((item) => item.json);
		const activated = nodes.Activate.items;
		expect(activated).toHaveLength(5);
		expect(activated.map((item) => item.pairedItem)).toEqual(
			[0, 1, 2, 3, 4].map((item) => ({ item })),
		);
		expect(activated.map((item) => item.json.card_id)).toEqual(created.map((card) => card.card_id));
		expect(activated.every((item) => item.json.outcome === 'activated')).toBe(true);
		expect(activated[0].json.card).toMatchObject({
			status: 'unused',
			amount: 50000,
			currency: 'NOK',
			customer_id: 'customer-42',
			name: 'Christmas gift card',
			metadata: { shop: 'Oslo' },
			expires_at: '2030-12-31T23:00:00.000Z',
		});
		expect(dinteroCounters(testbed.sandbox)).toMatchObject({ activations: 5 });
		// The PINs and tokens of Create went to no request of the activation.
		const log = JSON.stringify(testbed.sandbox.admin.requests('dintero'));
		for (const card of created) {
			expect(log).not.toContain(String(card.pinValue));
			expect(log).not.toContain(String(card.tokenValue));
		}
		const cardIds = created.map((card) => ({ card_id: card.card_id }));

		// The same cards again: read and reported, not activated twice, not an error.
		const again = await testbed.run(
			[dinteroNode('Activate', activateParameters({ amount: 20000, currency: 'EUR' }))],
			cardIds,
		);
		expect(again.nodes.Activate.error).toBeUndefined();
		expect(again.nodes.Activate.items.map((item) => item.json.outcome)).toEqual(
			Array(5).fill('alreadyActive'),
		);
		expect(again.nodes.Activate.items[0].json).toMatchObject({
			status: 'unused',
			matchesRequest: false,
		});
		expect(dinteroCounters(testbed.sandbox)).toMatchObject({ activations: 5 });
	});

	it('settles an activation whose answer was lost by reading the card', async () => {
		await testbed.run(
			[
				dinteroNode(
					'Create',
					createParameters({ cardsSource: 'inputItems', options: { outputMode: 'perCard' } }),
				),
			],
			[{ card_id: 'SOLD-1' }, { card_id: 'SOLD-2' }],
		);
		testbed.sandbox.admin.faults.add({
			kind: 'dropAfterProcessing',
			provider: 'dintero',
			method: 'POST',
			pathRegex: '/SOLD-1/activate$',
			times: 1,
		});
		testbed.sandbox.admin.faults.add({
			kind: 'dropBeforeProcessing',
			provider: 'dintero',
			method: 'POST',
			pathRegex: '/SOLD-2/activate$',
			times: 1,
		});

		const { nodes } = await testbed.run(
			[dinteroNode('Activate', activateParameters({ cardId: '={{ $json.card_id }}' }))],
			[{ card_id: 'SOLD-1' }, { card_id: 'SOLD-2' }],
		);

		expect(nodes.Activate.error).toBeUndefined();
		expect(nodes.Activate.items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				card_id: 'SOLD-1',
				outcome: 'activated',
				confirmedByReadingTheCard: true,
			}),
			expect.objectContaining({ card_id: 'SOLD-2', outcome: 'activated' }),
		]);
		expect(dinteroCounters(testbed.sandbox)).toMatchObject({ activations: 2 });
	});

	it('refuses bad card ids and activation fields with nothing sent, item by item with Continue On Fail', async () => {
		const { nodes } = await testbed.run(
			[
				dinteroNode(
					'Activate',
					activateParameters({
						amount: '={{ $json.amount }}',
						additionalFields: { metadata: '{"dintero_x": 1}' },
					}),
					{ continueOnFail: true },
				),
			],
			[
				{ card_id: ' GIFT-1', amount: 100 },
				{ card_id: 'GIFT-2', amount: 12.5 },
			],
		);

		const items = nodes.Activate.items.map((item) => item.json);
		expect(items[0].error).toBe('The card activation has 2 invalid fields; nothing was sent');
		expect(JSON.stringify(items[0].details)).toContain('must not start or end with a space');
		expect(JSON.stringify(items[1].details)).toContain('Amount');
		expect(nodes.Activate.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(testbed.sandbox.admin.requests('dintero')).toHaveLength(0);
	});

	it('gets a card, lists all cards over several pages, and reports the status of an order by its reference', async () => {
		await testbed.run([
			dinteroNode('Create', createParameters({ numberOfCards: 250, orderReference: 'PO-D-S' })),
		]);
		const first = (
			await testbed.run([
				dinteroNode(
					'Plan',
					createParameters({
						numberOfCards: 250,
						orderReference: 'PO-D-S',
						options: { planOnly: true },
					}),
				),
			])
		).nodes.Plan.items[0].json.chunks as IDataObject[];
		const firstId = String(first[0].firstCardId);
		await testbed.run(
			[dinteroNode('Activate', activateParameters())],
			[{ card_id: firstId }, { card_id: firstId.replace(/-0$/, '-1') }],
		);

		const { nodes } = await testbed.run([
			dinteroNode('Get', { resource: 'card', operation: 'get', cardId: firstId }),
			dinteroNode('All', { resource: 'card', operation: 'getAll', returnAll: true }),
		]);
		expect(nodes.Get.items[0].json).toMatchObject({ card_id: firstId, status: 'unused' });
		expect(nodes.All.items).toHaveLength(250);
		const limited = await testbed.run([
			dinteroNode('Some', {
				resource: 'card',
				operation: 'getAll',
				limit: 3,
				filters: { statuses: ['unused'] },
			}),
		]);
		expect(limited.nodes.Some.items.map((item) => item.json.status)).toEqual(['unused', 'unused']);

		const status = await testbed.run([
			dinteroNode('Status', {
				resource: 'cardBatch',
				operation: 'getStatus',
				findBy: 'orderReference',
				orderReference: 'PO-D-S',
				numberOfCards: 260,
			}),
		]);
		expect(status.nodes.Status.items[0].json).toMatchObject({
			provider: 'dintero',
			orderReference: 'PO-D-S',
			state: 'partially_completed',
			requested: 260,
			created: 250,
			missing: 10,
			activated: 2,
			counts: { inactive: 248, unused: 2 },
		});
		const byIds = await testbed.run([
			dinteroNode('Status', {
				resource: 'cardBatch',
				operation: 'getStatus',
				findBy: 'cardIds',
				cardIds: `${firstId}, ${firstId.replace(/-0$/, '-1')}`,
			}),
		]);
		expect(byIds.nodes.Status.error).toBeUndefined();
		expect(byIds.nodes.Status.items[0].json).toMatchObject({
			state: 'completed',
			status: 'unused',
			terminal: true,
			requested: 2,
		});
	});
});

describe('Dintero credential errors', () => {
	it('says that Dintero refused the token when the client secret is wrong, without showing it', async () => {
		testbed.credential.clientSecret = 'wrong-dintero-secret';
		const { nodes } = await testbed.run([dinteroNode('Create', createParameters())]);

		const error = nodes.Create.error;
		expect(error?.message).toContain('The request to Dintero was not sent');
		expect(error?.message).toContain('Dintero refused the access-token request (HTTP 401)');
		expect(error?.description).toContain('correct it');
		expect(JSON.stringify(error)).not.toContain('wrong-dintero-secret');
		// One token request, not retried; no card call went out.
		expect(dinteroCounters(testbed.sandbox)).toMatchObject({ tokenRequests: 1, batchCalls: 0 });
		expect(
			testbed.sandbox.admin
				.requests('dintero')
				.filter((entry) => !entry.path.endsWith('/auth/token')),
		).toHaveLength(0);
	});
});
