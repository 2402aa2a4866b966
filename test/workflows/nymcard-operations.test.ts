import type { IDataObject } from 'n8n-workflow';

import {
	createOrderParameters,
	nymCardCounters,
	nymCardNode,
	SANDBOX_API_KEY,
	useNymCardTestbed,
} from '../helpers/nymCard';

const testbed = useNymCardTestbed();

async function orderBulk(numberOfCards: number, extra: IDataObject = {}): Promise<string> {
	const { nodes } = await testbed.run([
		nymCardNode(
			'Order',
			createOrderParameters({ numberOfCards, orderReference: `PO-${Math.random()}`, ...extra }),
		),
	]);
	const id = nodes.Order.items[0]?.json.bulkIssuanceId;
	if (typeof id !== 'string') throw new Error(`order failed: ${JSON.stringify(nodes.Order)}`);
	return id;
}

async function runOne(parameters: IDataObject, input: IDataObject[] = [{}]) {
	const { nodes } = await testbed.run([nymCardNode('Step', parameters as never)], input);
	return nodes.Step;
}

describe('NymCard bulk issuance operations through WorkflowExecute', () => {
	it('get returns the bulk issuance; an unknown id gives an actionable 404', async () => {
		const id = await orderBulk(12);
		const found = await runOne({ resource: 'bulkIssuance', operation: 'get', bulkIssuanceId: id });
		expect(found.items[0].json).toMatchObject({ id, number_of_cards: 12 });

		const missing = await runOne({
			resource: 'bulkIssuance',
			operation: 'get',
			bulkIssuanceId: '00000000-0000-4000-8000-000000000000',
		});
		// NymCard's own words are in the message too (an item of Continue On Fail carries only it).
		expect(missing.error?.message).toContain(
			'NymCard could not find what this step refers to (HTTP 404) while trying to read bulk issuance 00000000-0000-4000-8000-000000000000: Bulk issuance 00000000-0000-4000-8000-000000000000 does not exist',
		);
		expect(missing.error?.description).toContain('Check the ID');
	});

	it('get refuses a value that cannot be an id without calling NymCard', async () => {
		const result = await runOne({
			resource: 'bulkIssuance',
			operation: 'get',
			bulkIssuanceId: '../cards',
		});
		expect(result.error?.description).toContain(
			'Bulk Issuance ID: must be the id NymCard returned',
		);
		expect(testbed.sandbox.admin.requests('nymcard')).toHaveLength(0);
	});

	it('paces all items of one run together by Requests per Second', async () => {
		const id = await orderBulk(1);
		const { nodes } = await testbed.run(
			[
				nymCardNode('Status', {
					resource: 'bulkIssuance',
					operation: 'getStatus',
					bulkIssuanceId: '={{ $json.id }}',
					options: { requestsPerSecond: 5 },
				}),
			],
			Array.from({ length: 11 }, () => ({ id })),
		);
		expect(nodes.Status.items).toHaveLength(11);
		const times = testbed.sandbox.admin
			.requests('nymcard')
			.filter((entry) => entry.method === 'GET')
			.map((entry) => Date.parse(entry.at));
		expect(times).toHaveLength(11);
		// 5 per second: the 6th request waits for the first second, the 11th for the second.
		expect(times[10] - times[0]).toBeGreaterThanOrEqual(1900);
	});

	it('getAll honours Limit and Return All', async () => {
		const ids = [await orderBulk(1), await orderBulk(2), await orderBulk(3)];
		const limited = await runOne({
			resource: 'bulkIssuance',
			operation: 'getAll',
			returnAll: false,
			limit: 2,
		});
		expect(limited.items).toHaveLength(2);
		const all = await runOne({ resource: 'bulkIssuance', operation: 'getAll', returnAll: true });
		expect(all.items.map((item) => item.json.id).sort()).toEqual([...ids].sort());
	});

	it('getStatus follows a bulk from draft to completed in the shared status shape', async () => {
		const id = await orderBulk(25);
		const status = async () =>
			(await runOne({ resource: 'bulkIssuance', operation: 'getStatus', bulkIssuanceId: id }))
				.items[0].json;

		expect(await status()).toMatchObject({
			provider: 'nymcard',
			bulkId: id,
			state: 'draft',
			requested: 25,
			created: 0,
			terminal: false,
		});
		await runOne({ resource: 'bulkIssuance', operation: 'submit', bulkIssuanceId: id });
		expect(await status()).toMatchObject({ state: 'submitted', terminal: false });
		testbed.sandbox.admin.clock.advance(31_000);
		expect(await status()).toMatchObject({ state: 'processing', fulfillmentStatus: 'Ordered' });
		testbed.sandbox.admin.clock.advance(10 * 60_000);
		const done = await status();
		expect(done).toMatchObject({
			state: 'completed',
			requested: 25,
			created: 25,
			failed: 0,
			terminal: true,
		});
		expect(typeof done.observedAt).toBe('string');
		expect((done.raw as IDataObject).id).toBe(id);
	});

	it('submit is safe to repeat and survives a lost response', async () => {
		const id = await orderBulk(5);
		testbed.sandbox.admin.faults.add({
			kind: 'dropAfterProcessing',
			provider: 'nymcard',
			method: 'PUT',
		});
		const first = await runOne({
			resource: 'bulkIssuance',
			operation: 'submit',
			bulkIssuanceId: id,
		});
		expect(first.items[0].json).toMatchObject({
			submitted: true,
			alreadySubmitted: false,
			state: 'submitted',
		});
		const again = await runOne({
			resource: 'bulkIssuance',
			operation: 'submit',
			bulkIssuanceId: id,
		});
		expect(again.items[0].json).toMatchObject({ submitted: true, alreadySubmitted: true });
		expect(nymCardCounters(testbed.sandbox)).toMatchObject({ bulksSubmitted: 1 });
	});

	it('update changes a draft, and explains the conflict once it is submitted', async () => {
		const id = await orderBulk(5);
		const updated = await runOne({
			resource: 'bulkIssuance',
			operation: 'update',
			bulkIssuanceId: id,
			updateFields: { nameOnCard: 'Branch 7' },
		});
		expect(updated.items[0].json).toMatchObject({ id, name_on_card: 'Branch 7' });

		await runOne({ resource: 'bulkIssuance', operation: 'submit', bulkIssuanceId: id });
		const refused = await runOne({
			resource: 'bulkIssuance',
			operation: 'update',
			bulkIssuanceId: id,
			updateFields: { nameOnCard: 'Late' },
		});
		expect(refused.error?.message).toContain('NymCard reports a conflict (HTTP 409)');
		expect(refused.error?.message).toContain('only a DRAFT can be changed (name_on_card)');

		const empty = await runOne({
			resource: 'bulkIssuance',
			operation: 'update',
			bulkIssuanceId: id,
			updateFields: {},
		});
		expect(empty.error?.description).toContain('Update Fields: add at least one field');
	});
});

describe('NymCard card operations through WorkflowExecute', () => {
	it('card getAll follows the cursor across pages without gaps or repeats', async () => {
		const id = await orderBulk(250);
		const all = await runOne({
			resource: 'card',
			operation: 'getAll',
			bulkIssuanceId: id,
			returnAll: true,
		});
		expect(all.items).toHaveLength(250);
		expect(new Set(all.items.map((item) => item.json.id)).size).toBe(250);
		const pages = testbed.sandbox.admin
			.requests('nymcard')
			.filter((entry) => entry.method === 'GET' && entry.path.endsWith('/cards'));
		expect(pages).toHaveLength(3);

		const limited = await runOne({
			resource: 'card',
			operation: 'getAll',
			bulkIssuanceId: id,
			returnAll: false,
			limit: 30,
		});
		expect(limited.items).toHaveLength(30);
	});

	it('asks again with smaller pages when NymCard refuses the page size', async () => {
		const id = await orderBulk(45);
		testbed.sandbox.admin.faults.add({
			kind: 'status',
			status: 400,
			provider: 'nymcard',
			method: 'GET',
			pathPrefix: '/cards',
		});
		const all = await runOne({
			resource: 'card',
			operation: 'getAll',
			bulkIssuanceId: id,
			returnAll: true,
		});
		expect(all.items).toHaveLength(45);
		const limits = testbed.sandbox.admin
			.requests('nymcard')
			.filter((entry) => entry.path.endsWith('/cards'))
			.map((entry) => entry.query.limit);
		expect(limits).toEqual(['100', '20', '20', '20']);
	});

	it('create can output one item per card', async () => {
		const { nodes } = await testbed.run([
			nymCardNode(
				'Order',
				createOrderParameters({
					numberOfCards: 120,
					options: { outputMode: 'perCard', requestsPerSecond: 50 },
				}),
			),
		]);
		const items = nodes.Order.items;
		expect(items).toHaveLength(120);
		expect(new Set(items.map((item) => item.json.cardId)).size).toBe(120);
		expect(
			items.every(
				(item) =>
					item.json.outcome === 'created' && (item.pairedItem as { item: number }).item === 0,
			),
		).toBe(true);
	});

	it('links a card from its details, computing the token locally and never showing them', async () => {
		const id = await orderBulk(3, { submitAfterCreate: true });
		const secrets = testbed.sandbox.admin.nymcard.cardSecrets(id, 1);
		const userId = '8009ace0-c16e-4d03-8a89-36010cf30b87';
		const expiryAsPrinted = `${secrets.expiry.slice(2)}/${secrets.expiry.slice(0, 2)}`;
		const { nodes } = await testbed.run(
			[
				nymCardNode('Link', {
					resource: 'card',
					operation: 'link',
					tokenSource: 'cardDetails',
					pan: '={{ $json.pan }}',
					expiry: '={{ $json.expiry }}',
					cvv2: '={{ $json.cvv2 }}',
					userId,
				}),
			],
			[{ pan: secrets.pan, expiry: expiryAsPrinted, cvv2: secrets.cvv2 }],
		);
		const linked = nodes.Link.items[0].json;
		expect(linked).toMatchObject({ linked: true, userId });
		expect((linked.card as IDataObject).status).toBe('ACTIVE');

		const shown = JSON.stringify(linked);
		for (const secret of [secrets.pan, secrets.cvv2, SANDBOX_API_KEY])
			expect(shown).not.toContain(secret);
		expect(nymCardCounters(testbed.sandbox)).toMatchObject({ cardsLinked: 1 });
	});

	it('sends the docs example card as the docs token, and reports an unknown card clearly', async () => {
		const result = await runOne({
			resource: 'card',
			operation: 'link',
			tokenSource: 'cardDetails',
			pan: '4122432442321234',
			expiry: '2112',
			cvv2: '453',
			userId: '8009ace0-c16e-4d03-8a89-36010cf30b87',
		});
		const sent = testbed.sandbox.admin
			.requests('nymcard')
			.find((entry) => entry.path.endsWith('/cards:link'));
		expect((sent?.body as IDataObject).activation_token).toBe('4E8AACE3');
		expect(result.error?.message).toContain('(HTTP 404)');
		const shown = JSON.stringify(result.error);
		for (const secret of ['4122432442321234', '4E8AACE317CBF213'])
			expect(shown).not.toContain(secret);
	});

	it('links with a ready activation token, accepting lower-case hex', async () => {
		const id = await orderBulk(2, { submitAfterCreate: true });
		const { pan, expiry, cvv2 } = testbed.sandbox.admin.nymcard.cardSecrets(id, 0);
		const { createHash } = await import('crypto');
		const token = createHash('sha512').update(`${pan}${expiry}${cvv2}`).digest('hex');
		const result = await runOne({
			resource: 'card',
			operation: 'link',
			tokenSource: 'token',
			activationToken: token,
			userId: '8009ace0-c16e-4d03-8a89-36010cf30b87',
		});
		expect(result.items[0].json).toMatchObject({ linked: true });
		expect(JSON.stringify(result.items[0].json)).not.toContain(token.toUpperCase());
	});
});
