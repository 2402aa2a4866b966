import type { IDataObject } from 'n8n-workflow';

import {
	batchPosts,
	createParameters,
	dinteroCounters,
	dinteroNode,
	useDinteroTestbed,
} from '../helpers/dintero';

const testbed = useDinteroTestbed();

type CardOut = { card_id: string; pinValue?: string; tokenValue?: string; status?: string };

/** The connection of the second batch call drops after Dintero created its cards. */
function loseTheSecondBatchAnswer() {
	testbed.sandbox.admin.faults.add({
		kind: 'dropAfterProcessing',
		provider: 'dintero',
		method: 'POST',
		pathRegex: '/batch$',
		skip: 1,
		times: 1,
	});
}

describe('Dintero cardBatch.create through WorkflowExecute', () => {
	it('creates 2,500 cards in batches of 1000, 1000 and 500 with stable ids, each with its PIN and token; a re-run creates nothing new and says so', async () => {
		const { nodes } = await testbed.run([
			dinteroNode('Create', createParameters({ numberOfCards: 2500, orderReference: 'PO-D-2500' })),
		]);

		const create = nodes.Create;
		expect(create.error).toBeUndefined();
		expect(create.items.map((item) => [item.json.size, item.json.outcome])).toEqual([
			[1000, 'created'],
			[1000, 'created'],
			[500, 'created'],
		]);
		// The 2nd and 3rd calls run concurrently: order them by their first card.
		const position = (post: { cards: Array<{ card_id: string }> }) =>
			Number(post.cards[0].card_id.split('-').pop());
		const posts = batchPosts(testbed.sandbox).sort((a, b) => position(a) - position(b));
		expect(posts.map((post) => post.cards.length)).toEqual([1000, 1000, 500]);
		const ids = posts.flatMap((post) => post.cards.map((card) => card.card_id));
		const prefix = ids[0].replace(/-0$/, '');
		expect(prefix).toMatch(/^[0-9a-f]{16}$/);
		expect(ids).toEqual(Array.from({ length: 2500 }, (_, index) => `${prefix}-${index}`));
		expect(posts.every((post) => post.cards.every((card) => card.type === 'gift_card'))).toBe(true);
		const cards = create.items.flatMap((item) => item.json.cards as CardOut[]);
		expect(cards.map((card) => card.card_id)).toEqual(ids);
		expect(cards.every((card) => card.status === 'inactive')).toBe(true);
		expect(
			cards.every((card) => typeof card.pinValue === 'string' && card.pinValue.length > 0),
		).toBe(true);
		expect(cards.every((card) => card.tokenValue?.startsWith('DINCARD:'))).toBe(true);
		expect(create.items[2].json.cardIds).toEqual(ids.slice(2000));
		expect(create.items[0].json.order).toMatchObject({
			requested: 2500,
			created: 2500,
			failed: 0,
			unknown: 0,
		});
		expect(dinteroCounters(testbed.sandbox)).toMatchObject({
			cardsCreated: 2500,
			batchCalls: 3,
			duplicatesRefused: 0,
		});
		// Neither PINs nor tokens travel to Dintero in any request.
		const log = JSON.stringify(testbed.sandbox.admin.requests('dintero'));
		expect(log).not.toContain(cards[0].pinValue);
		expect(log).not.toContain(cards[1].tokenValue);

		// The same order again: every card is found, nothing is sent, and the output says so.
		const again = await testbed.run([
			dinteroNode('Create', createParameters({ numberOfCards: 2500, orderReference: 'PO-D-2500' })),
		]);
		const items = again.nodes.Create.items.map((item) => item.json);
		expect(again.nodes.Create.error).toBeUndefined();
		expect(items.map((item) => [item.outcome, item.alreadyExisted])).toEqual([
			['created', 1000],
			['created', 1000],
			['created', 500],
		]);
		expect(items[0].cardsWithoutPinAndToken).toBe(1000);
		expect(String(items[0].pinAndTokenNotice)).toContain('earlier run of this order');
		expect(batchPosts(testbed.sandbox)).toHaveLength(3);
		expect(dinteroCounters(testbed.sandbox)).toMatchObject({
			cardsCreated: 2500,
			duplicatesRefused: 0,
		});
	});

	it('reconciles a batch whose answer was lost after Dintero created it: looked up, not sent again, nothing missing', async () => {
		loseTheSecondBatchAnswer();

		const { nodes } = await testbed.run([
			dinteroNode('Create', createParameters({ numberOfCards: 2500, orderReference: 'PO-D-LOST' })),
		]);

		const items = nodes.Create.items.map((item) => item.json);
		expect(nodes.Create.error).toBeUndefined();
		expect(items.map((item) => item.outcome)).toEqual(['created', 'created', 'created']);
		expect(items[0].order).toMatchObject({ requested: 2500, created: 2500, unknown: 0, failed: 0 });
		const lost = items.filter((item) => item.cardsWithoutPinAndToken !== undefined);
		expect(lost).toHaveLength(1);
		expect(lost[0].cardsWithoutPinAndToken).toBe(lost[0].size);
		expect(String(lost[0].pinAndTokenNotice)).toContain('answer was lost');
		expect(batchPosts(testbed.sandbox)).toHaveLength(3);
		expect(dinteroCounters(testbed.sandbox)).toMatchObject({
			batchCalls: 3,
			cardsCreated: 2500,
			duplicatesRefused: 0,
		});
	});

	it('returns the plan with the very ids a run creates, and sends nothing', async () => {
		const plan = await testbed.run([
			dinteroNode(
				'Plan',
				createParameters({
					numberOfCards: 1200,
					cardIdPrefix: 'GIFT-',
					options: { planOnly: true },
				}),
			),
		]);
		const json = plan.nodes.Plan.items[0].json;
		expect(json).toMatchObject({
			planOnly: true,
			requested: 1200,
			calls: 2,
			idempotency: 'derivedIds',
		});
		const chunks = json.chunks as IDataObject[];
		expect(chunks.map((chunk) => chunk.size)).toEqual([1000, 200]);
		expect(String(chunks[1].firstCardId)).toMatch(/^GIFT-[0-9a-f]{16}-1000$/);
		expect(testbed.sandbox.admin.requests('dintero')).toHaveLength(0);

		const run = await testbed.run([
			dinteroNode('Create', createParameters({ numberOfCards: 1200, cardIdPrefix: 'GIFT-' })),
		]);
		expect((run.nodes.Create.items[1].json.cardIds as string[])[0]).toBe(chunks[1].firstCardId);
	});

	it('creates the cards of the input items with their own ids and types, pairs each to its item, with the PIN and token formats asked for', async () => {
		const cards = [
			{ card_id: 'GIFT-0001', shop: 'Oslo' },
			{ card_id: 'GIFT-0002', type: 'credit_note' },
			{ shop: 'Bergen' },
		];
		const { nodes } = await testbed.run(
			[
				dinteroNode(
					'Create',
					createParameters({
						cardsSource: 'inputItems',
						pinFormat: { length: 6, symbols: false, characters: false },
						tokenFormat: { length: 10, prefix: 'SHOP:' },
						options: { outputMode: 'perCard' },
					}),
				),
			],
			cards,
		);

		expect(nodes.Create.error).toBeUndefined();
		const out = nodes.Create.items;
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out.map((item) => item.json.card_id).slice(0, 2)).toEqual(['GIFT-0001', 'GIFT-0002']);
		expect(String(out[2].json.card_id)).toMatch(/^[0-9a-f]{16}-2$/);
		expect(out.map((item) => item.json.type)).toEqual(['gift_card', 'credit_note', 'gift_card']);
		expect(out.every((item) => /^\d{6}$/.test(String(item.json.pinValue)))).toBe(true);
		expect(out.every((item) => /^SHOP:.{10}$/.test(String(item.json.tokenValue)))).toBe(true);
		const [post] = batchPosts(testbed.sandbox);
		expect(JSON.stringify(post)).not.toContain('Oslo');
		expect(post).toMatchObject({
			options: {
				pin: { format: { length: 6, symbols: false, characters: false } },
				card_token: { format: { length: 10, prefix: 'SHOP:' } },
			},
		});
	});

	it('lists every invalid field at once and sends nothing', async () => {
		const { nodes } = await testbed.run(
			[
				dinteroNode(
					'Create',
					createParameters({
						cardsSource: 'inputItems',
						cardIdPrefix: 'GIFT 2026',
						pinFormat: { length: 3 },
						tokenFormat: { length: 40, prefix: 'ABCDEFGHIJKL' },
					}),
				),
			],
			[
				{ card_id: ' GIFT-1' },
				{ card_id: 'x'.repeat(256) },
				{ card_id: 'GIFT-3', type: 'voucher' },
				{ card_id: 'GIFT-3' },
			],
		);

		const error = nodes.Create.error;
		expect(error?.message).toBe('The Dintero order has 7 invalid fields; nothing was sent');
		const fields = (error?.context?.fieldErrors as Array<{ field: string }>).map(
			(entry) => entry.field,
		);
		expect(fields).toEqual([
			'Card ID Prefix',
			'PIN Format › Length',
			'Card Token Format › Length',
			'Card of item 0 › card_id',
			'Card of item 1 › card_id',
			'Card of item 2 › type',
			'Cards › card_id',
		]);
		expect(testbed.sandbox.admin.requests('dintero')).toHaveLength(0);
	});

	it('refuses a malformed account id before anything is sent, token request included', async () => {
		testbed.credential.accountId = 'X1234';
		const { nodes } = await testbed.run([dinteroNode('Create', createParameters())]);

		expect(nodes.Create.error?.message).toContain('The Dintero account ID "X1234" is not valid');
		expect(nodes.Create.error?.description).toContain('correct its Account ID');
		expect(testbed.sandbox.admin.requests('dintero')).toHaveLength(0);
	});

	it("shows Dintero's error code and field errors when it refuses a batch, and never a PIN or token", async () => {
		const first = await testbed.run([
			dinteroNode('Create', createParameters({ numberOfCards: 1 })),
		]);
		const pin = String((first.nodes.Create.items[0].json.cards as CardOut[])[0].pinValue);
		// A field the node does not offer, sent as Dintero would refuse it (a PIN option without format).
		const { nodes } = await testbed.run([
			dinteroNode(
				'Create',
				createParameters({
					numberOfCards: 1500,
					orderReference: 'PO-D-REFUSED',
					options: { additionalBodyFields: '{"options": {"pin": {}}}' },
				}),
			),
		]);

		const error = nodes.Create.error;
		expect(error?.message).toContain(
			'Dintero rejected the request (HTTP 400) to create card batch 1 of 2',
		);
		expect(error?.description).toContain('[validation_error]');
		expect(error?.description).toContain('• options.pin.format: is required');
		expect(error?.description).toContain('The other 1 call(s) of this order were not sent.');
		expect(JSON.stringify(error)).not.toContain(pin);
		expect(batchPosts(testbed.sandbox)).toHaveLength(2);
		expect(dinteroCounters(testbed.sandbox)).toMatchObject({ cardsCreated: 1, batchesRefused: 1 });
	});

	it('looks the cards up one by one when the list refuses the card_id filter, and still creates nothing twice', async () => {
		testbed.sandbox.admin.faults.add({
			kind: 'status',
			provider: 'dintero',
			method: 'GET',
			pathRegex: '/wallets/cards$',
			status: 400,
			times: 1000,
		});
		const first = await testbed.run([
			dinteroNode('Create', createParameters({ numberOfCards: 30 })),
		]);
		expect(first.nodes.Create.error).toBeUndefined();
		const again = await testbed.run([
			dinteroNode('Create', createParameters({ numberOfCards: 30 })),
		]);

		expect(again.nodes.Create.items[0].json).toMatchObject({
			outcome: 'created',
			alreadyExisted: 30,
		});
		const reads = testbed.sandbox.admin
			.requests('dintero')
			.filter((entry) => entry.method === 'GET' && /\/wallets\/cards\/[^/]+$/.test(entry.path));
		expect(reads).toHaveLength(60);
		expect(batchPosts(testbed.sandbox)).toHaveLength(1);
		expect(dinteroCounters(testbed.sandbox)).toMatchObject({
			cardsCreated: 30,
			duplicatesRefused: 0,
		});
	});
});

describe('Dintero cardBatch.create with Look Up Before Creating off', () => {
	const sendFirst = (numberOfCards: number, orderReference: string) =>
		dinteroNode(
			'Create',
			createParameters({ numberOfCards, orderReference, options: { lookUpBeforeCreating: false } }),
		);
	const cardGets = () =>
		testbed.sandbox.admin.requests('dintero').filter((entry) => entry.method === 'GET');
	const outcomes = (items: Array<{ json: IDataObject }>) =>
		items.map((item) => [item.json.outcome, item.json.alreadyExisted]);

	it('sends each batch without a look-up; a re-run is refused, looks up, creates nothing and says so', async () => {
		const first = await testbed.run([sendFirst(2500, 'PO-D-FAST')]);
		expect(first.nodes.Create.error).toBeUndefined();
		expect(outcomes(first.nodes.Create.items)).toEqual([
			['created', undefined],
			['created', undefined],
			['created', undefined],
		]);
		expect(cardGets()).toHaveLength(0);
		expect(dinteroCounters(testbed.sandbox)).toMatchObject({ cardsCreated: 2500, batchCalls: 3 });

		const again = await testbed.run([sendFirst(2500, 'PO-D-FAST')]);
		expect(again.nodes.Create.error).toBeUndefined();
		expect(outcomes(again.nodes.Create.items)).toEqual([
			['created', 1000],
			['created', 1000],
			['created', 500],
		]);
		expect(again.nodes.Create.items[0].json.order).toMatchObject({ created: 2500, unknown: 0 });
		// One refused batch each, then their 25 look-ups of 100 ids; nothing created twice.
		expect(dinteroCounters(testbed.sandbox)).toMatchObject({
			cardsCreated: 2500,
			batchCalls: 3,
			batchesRefused: 3,
		});
		expect(cardGets()).toHaveLength(25);
	});

	it('a larger re-run creates only the new cards: the refused batch is looked up, the new batch goes at once', async () => {
		await testbed.run([sendFirst(1000, 'PO-D-GROW')]);
		const { nodes } = await testbed.run([sendFirst(1500, 'PO-D-GROW')]);
		expect(nodes.Create.error).toBeUndefined();
		expect(outcomes(nodes.Create.items)).toEqual([
			['created', 1000],
			['created', undefined],
		]);
		expect(dinteroCounters(testbed.sandbox)).toMatchObject({
			cardsCreated: 1500,
			batchesRefused: 1,
		});
		expect(batchPosts(testbed.sandbox).map((post) => post.cards.length)).toEqual([1000, 1000, 500]);
	});

	it('when Dintero skips the ids it has, the cards left out of its answer are looked up and counted, none unknown', async () => {
		testbed.sandbox.admin.dintero.configure({ duplicateCardId: 'skipExisting' });
		await testbed.run([sendFirst(600, 'PO-D-SKIP')]);
		const { nodes } = await testbed.run([sendFirst(800, 'PO-D-SKIP')]);
		expect(nodes.Create.error).toBeUndefined();
		const item = nodes.Create.items[0].json;
		expect([item.outcome, item.alreadyExisted]).toEqual(['created', 600]);
		expect(item.order).toMatchObject({ requested: 800, created: 800, unknown: 0 });
		expect((item.cards as CardOut[]).map((card) => card.card_id)).toHaveLength(200);
		expect(dinteroCounters(testbed.sandbox)).toMatchObject({ cardsCreated: 800 });
	});

	it('reconciles a batch whose answer was lost: looked up, not sent again', async () => {
		loseTheSecondBatchAnswer();
		const { nodes } = await testbed.run([sendFirst(2500, 'PO-D-FAST-LOST')]);
		expect(nodes.Create.error).toBeUndefined();
		expect(nodes.Create.items[0].json.order).toMatchObject({ created: 2500, unknown: 0 });
		expect(dinteroCounters(testbed.sandbox)).toMatchObject({
			cardsCreated: 2500,
			batchCalls: 3,
			duplicatesRefused: 0,
		});
		expect(batchPosts(testbed.sandbox)).toHaveLength(3);
	});
});
