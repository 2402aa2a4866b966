import type { IDataObject } from 'n8n-workflow';

import {
	MAX_CALLS_PER_ORDER,
	readCards,
	runBulkOrder,
	submitAwaitingChunk,
	type ApprovalDecision,
	type BulkCreateSpec,
	type ChunkResult,
	type IdempotencyMode,
} from '../../nodes/shared/bulkOrder';
import { keepForCallItem } from '../../nodes/shared/bulkOrder/output';
import { FakeCardProvider, fakeSession } from '../helpers/fakeCardProvider';

interface FakeOrder {
	product: string;
}

/** A provider's whole create operation, as small as the contract allows. */
function fakeSpec(idempotency: IdempotencyMode<FakeOrder>): BulkCreateSpec<FakeOrder> {
	return {
		purpose: 'cards.create',
		maxCardsPerCall: 5,
		idempotency,
		readOrder: (session, report) => ({
			order: { product: report.requireText('Product', session.parameter('product')) ?? '' },
			numberOfCards: report.requireInteger(
				'Number of Cards',
				session.parameter('numberOfCards'),
				1,
			),
		}),
		describeCall: (chunk, count) => `create batch ${chunk.index + 1} of ${count}`,
		buildRequest: (order, chunk, cardIds) => ({
			method: 'POST',
			path: '/cards',
			body: cardIds
				? { product: order.product, ids: cardIds }
				: { product: order.product, count: chunk.size },
		}),
		readResponse: (_order, _chunk, response) => ({
			outcome: 'created',
			resource: response.body as IDataObject,
			cards: (response.body as { cards: IDataObject[] }).cards.map((card) => ({
				outcome: 'created',
				fields: { cardId: card.id },
			})),
		}),
		chunkFields: (_order, result) => ({ batchId: result.resource?.batchId }),
		cardFields: (_order, _result, card) => ({ cardId: card.id }),
	};
}

const keyHeader = fakeSpec({ kind: 'keyHeader' });
const none = fakeSpec({ kind: 'none' });
const derivedIds = (asynchronous: boolean) =>
	fakeSpec({
		kind: 'derivedIds',
		asynchronous,
		idPrefix: () => 'gift-',
		lookup: async (session, _order, ids) => {
			const { body } = await session.request<{ data: IDataObject[] }>(
				{ method: 'GET', path: '/cards', qs: { ids: ids.join(',') } },
				'look the cards up',
			);
			return new Set(body.data.map((card) => card.id as string));
		},
	});

const order = (extra: IDataObject = {}) => ({
	product: 'gift',
	numberOfCards: 12,
	orderReference: 'PO-1',
	options: { requestsPerSecond: 10, ...((extra.options as IDataObject) ?? {}) },
	...extra,
});

async function run(
	provider: FakeCardProvider,
	spec: BulkCreateSpec<FakeOrder>,
	parameters: IDataObject = order(),
) {
	const { session } = await fakeSession(provider, parameters);
	return (await runBulkOrder(session, spec)).items.map((item) => item.json);
}

const creates = (provider: FakeCardProvider) =>
	provider.log.filter((request) => request.method === 'POST');

describe('bulk-order pipeline: key header mode', () => {
	it('splits the order, keys each call from the reference, and totals reconcile', async () => {
		const provider = new FakeCardProvider();
		const items = await run(provider, keyHeader);
		expect(items.map((item) => [item.size, item.outcome])).toEqual([
			[5, 'created'],
			[5, 'created'],
			[2, 'created'],
		]);
		expect(items[0].order).toEqual({
			orderReference: 'PO-1',
			requested: 12,
			calls: 3,
			created: 12,
			failed: 0,
			unknown: 0,
			validated: 0,
		});
		const keys = creates(provider).map((request) => request.key);
		expect(new Set(keys).size).toBe(3);
		const again = new FakeCardProvider();
		await run(again, keyHeader);
		expect(creates(again).map((request) => request.key)).toEqual(keys);
		expect(provider.cardsCreated).toBe(12);
	});

	it('retries a call whose answer was lost with the same key, and creates its cards once', async () => {
		const provider = new FakeCardProvider();
		provider.faults.push('dropAfterProcessing');
		const items = await run(provider, keyHeader);
		expect(items.every((item) => item.outcome === 'created')).toBe(true);
		const sent = creates(provider);
		expect(sent).toHaveLength(4);
		expect(sent[0].key).toBe(sent[1].key);
		expect(provider.cardsCreated).toBe(12);
	});

	it('sends nothing more when the provider refuses the first call', async () => {
		const provider = new FakeCardProvider();
		provider.faults.push('refuse');
		const failure = await run(provider, keyHeader).catch((error: Error) => error);
		expect(failure).toMatchObject({
			message: expect.stringContaining(
				'FakeCards rejected the request (HTTP 400) to create batch 1 of 3',
			),
			description: expect.stringContaining('The other 2 call(s) of this order were not sent.'),
		});
		expect(creates(provider)).toHaveLength(1);
	});

	it('lists every invalid field at once and sends nothing', async () => {
		const provider = new FakeCardProvider();
		const failure = await run(
			provider,
			keyHeader,
			order({ product: '', numberOfCards: 0, options: { additionalBodyFields: '[]' } }),
		).catch((error: { message: string; context: IDataObject }) => error);
		expect(failure).toMatchObject({
			message: 'The FakeCards order has 3 invalid fields; nothing was sent',
		});
		expect(
			(failure as unknown as { context: { fieldErrors: IDataObject[] } }).context.fieldErrors,
		).toEqual([
			{ field: 'Product', message: 'is required' },
			{ field: 'Number of Cards', message: 'must be at least 1' },
			{
				field: 'Additional Body Fields (JSON)',
				message: 'must be a JSON object such as {"field": "value"} (got a list)',
			},
		]);
		expect(provider.log).toHaveLength(0);
	});

	it('refuses an order too large to plan (a typo such as 1e12 cards), and values that are not text', async () => {
		const provider = new FakeCardProvider();
		const failure = await run(
			provider,
			keyHeader,
			order({ product: { name: 'gift' }, numberOfCards: 1e12 }),
		).catch((error: { context: { fieldErrors: IDataObject[] } }) => error);
		expect((failure as { context: { fieldErrors: IDataObject[] } }).context.fieldErrors).toEqual([
			{ field: 'Product', message: 'must be text (got {"name":"gift"})' },
			{
				field: 'Number of Cards',
				message: `must be at most ${5 * MAX_CALLS_PER_ORDER} in one order (${MAX_CALLS_PER_ORDER} calls of 5); split larger orders, each with its own Order Reference`,
			},
		]);
		expect(provider.log).toHaveLength(0);
	});

	it('outputs one item per card when asked, from the cards each call returned', async () => {
		const provider = new FakeCardProvider();
		const items = await run(provider, keyHeader, order({ options: { outputMode: 'perCard' } }));
		expect(items).toHaveLength(12);
		expect(new Set(items.map((item) => item.cardId)).size).toBe(12);
		expect(items.map((item) => item.chunkIndex)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2]);
	});
});

describe('bulk-order pipeline: Plan Only', () => {
	it('returns the calls with the keys a real run uses, the requests and the time, and sends nothing', async () => {
		const provider = new FakeCardProvider();
		const [plan] = await run(
			provider,
			keyHeader,
			order({ numberOfCards: 23, options: { planOnly: true, requestsPerSecond: 2 } }),
		);
		expect(provider.log).toHaveLength(0);
		expect(plan).toMatchObject({
			planOnly: true,
			requested: 23,
			calls: 5,
			requests: 5,
			requestsPerSecond: 2,
			expectedSeconds: 3,
			idempotency: 'keyHeader',
		});
		const chunks = plan.chunks as IDataObject[];
		expect(chunks.map((chunk) => chunk.size)).toEqual([5, 5, 5, 5, 3]);
		await run(provider, keyHeader, order({ numberOfCards: 23 }));
		expect(creates(provider).map((request) => request.key)).toEqual(
			chunks.map((chunk) => chunk.idempotencyKey),
		);
	});

	it('shows the derived card ids of each call in derived-ids mode', async () => {
		const provider = new FakeCardProvider();
		const [plan] = await run(provider, derivedIds(false), order({ options: { planOnly: true } }));
		const chunks = plan.chunks as IDataObject[];
		expect(chunks[1].firstCardId).toMatch(/^gift-[0-9a-f]{16}-5$/);
		expect(chunks[2].lastCardId).toMatch(/^gift-[0-9a-f]{16}-11$/);
		expect(provider.log).toHaveLength(0);
	});
});

describe('bulk-order pipeline: derived ids + lookup', () => {
	it('creates cards under ids derived from the reference; a re-run creates nothing and says so', async () => {
		const provider = new FakeCardProvider();
		await run(provider, derivedIds(false));
		expect(provider.cardsCreated).toBe(12);
		const posts = creates(provider).length;
		const rerun = await run(provider, derivedIds(false));
		expect(creates(provider)).toHaveLength(posts);
		expect(provider.cardsCreated).toBe(12);
		expect(rerun.map((item) => [item.outcome, item.alreadyExisted])).toEqual([
			['created', 5],
			['created', 5],
			['created', 2],
		]);
	});

	it('after a lost answer, looks the ids up and sends nothing again when they exist', async () => {
		const provider = new FakeCardProvider();
		provider.faults.push('dropAfterProcessing');
		const items = await run(provider, derivedIds(false));
		expect(items.every((item) => item.outcome === 'created')).toBe(true);
		expect(creates(provider)).toHaveLength(3);
		expect(provider.cardsCreated).toBe(12);
	});

	it('after a failure that never reached the provider, creates the missing cards once', async () => {
		const provider = new FakeCardProvider();
		provider.faults.push('serverError', 'dropBeforeProcessing');
		const items = await run(provider, derivedIds(false));
		expect(items.map((item) => item.outcome)).toEqual(['created', 'created', 'created']);
		expect(provider.cardsCreated).toBe(12);
	});

	it('creates only the cards an earlier, partial run did not', async () => {
		const provider = new FakeCardProvider();
		await run(provider, derivedIds(false), order({ numberOfCards: 7 }));
		await run(provider, derivedIds(false), order({ numberOfCards: 12 }));
		const lastCreate = creates(provider).at(-2)?.body?.ids as string[];
		expect(lastCreate.map((id) => id.split('-').pop())).toEqual(['7', '8', '9']);
		expect(provider.cardsCreated).toBe(12);
	});

	it('with an asynchronous provider, reports a lost answer as unknown and never resends it', async () => {
		const provider = new FakeCardProvider(true);
		provider.faults.push('dropAfterProcessing');
		const items = await run(provider, derivedIds(true), order({ numberOfCards: 5 }));
		expect(items[0]).toMatchObject({ outcome: 'unknown', order: { unknown: 5, created: 0 } });
		expect((items[0].error as IDataObject).description).toContain('cannot prove they are missing');
		expect(creates(provider)).toHaveLength(1);
		provider.settle();
		const rerun = await run(provider, derivedIds(true), order({ numberOfCards: 5 }));
		expect(rerun[0]).toMatchObject({ outcome: 'created', alreadyExisted: 5 });
		expect(provider.cardsCreated).toBe(5);
	});
});

describe('bulk-order pipeline: no idempotency', () => {
	it('never resends a create that may have reached the provider, and reports it unknown', async () => {
		const provider = new FakeCardProvider();
		provider.faults.push('dropAfterProcessing');
		const items = await run(provider, none, order({ numberOfCards: 5 }));
		expect(items[0]).toMatchObject({ outcome: 'unknown', order: { unknown: 5 } });
		expect(creates(provider)).toHaveLength(1);
	});

	it('retries a create that was throttled, since a 429 proves nothing was done', async () => {
		const provider = new FakeCardProvider();
		provider.faults.push('rateLimit');
		const items = await run(provider, none, order({ numberOfCards: 5 }));
		expect(items[0].outcome).toBe('created');
		expect(creates(provider)).toHaveLength(2);
		expect(provider.cardsCreated).toBe(5);
	});
});

/** A provider that takes the cards one by one and answers card by card. */
function listedSpec(idempotency: IdempotencyMode<FakeOrder>): BulkCreateSpec<FakeOrder> {
	return {
		...fakeSpec(idempotency),
		readOrder: (session, report) => ({
			order: { product: 'gift' },
			cards: readCards(session, report, (card, cardReport, label) => ({
				holder: cardReport.requireText(`${label} › holder`, card.holder),
				...(card.refuse ? { refuse: card.refuse } : {}),
				...(typeof card.id === 'string' ? { id: card.id } : {}),
			})).cards,
		}),
		buildRequest: (order, chunk, cardIds, cards) => ({
			method: 'POST',
			path: '/cards',
			body: {
				product: order.product,
				cards: (cards ?? chunk.cards ?? []).map((card, position) => ({
					...card.fields,
					...(cardIds ? { id: cardIds[position] } : {}),
				})),
			},
		}),
		readResponse: (_order, _chunk, response) => ({
			outcome: 'created',
			cards: (response.body as { results: IDataObject[] }).results.map((result) =>
				result.error
					? { outcome: 'failed', fields: {}, error: result.error as IDataObject }
					: { outcome: 'created', fields: { cardId: (result.card as IDataObject).id } },
			),
		}),
	};
}

const holders = (count: number, extra: Record<number, IDataObject> = {}) =>
	Array.from({ length: count }, (_, index) => ({ holder: `holder-${index}`, ...extra[index] }));

async function runListed(
	provider: FakeCardProvider,
	spec: BulkCreateSpec<FakeOrder>,
	parameters: IDataObject,
	inputItems: IDataObject[],
	itemIndex = 0,
) {
	const { session } = await fakeSession(provider, parameters, inputItems, itemIndex);
	return (await runBulkOrder(session, spec)).items;
}

describe('bulk-order pipeline: cards listed one by one', () => {
	const fromItems = { orderReference: 'PO-LIST', cardsSource: 'inputItems' };

	it('refuses an unknown Cards From instead of planning an order of no cards', async () => {
		const provider = new FakeCardProvider();
		const failure = await runListed(
			provider,
			listedSpec({ kind: 'keyHeader' }),
			{ orderReference: 'PO-LIST', cardsSource: 'spreadsheet' },
			holders(2),
		).catch((error: { context: { fieldErrors: IDataObject[] } }) => error);
		expect((failure as { context: { fieldErrors: IDataObject[] } }).context.fieldErrors).toEqual([
			{ field: 'Cards From', message: 'must be Number of Cards, Input Items or JSON List' },
		]);
		expect(provider.log).toHaveLength(0);
	});

	it('makes one order of all input items and pairs each card, created or refused, to its item', async () => {
		const provider = new FakeCardProvider();
		const items = await runListed(
			provider,
			listedSpec({ kind: 'keyHeader' }),
			{ ...fromItems, options: { outputMode: 'perCard' } },
			holders(12, { 4: { refuse: 'holder is not an employee' } }),
		);
		expect(items.map((item) => item.pairedItem)).toEqual(
			Array.from({ length: 12 }, (_, item) => ({ item })),
		);
		expect(items[4].json).toMatchObject({
			outcome: 'failed',
			error: { code: 'invalid_holder', detail: 'holder is not an employee' },
		});
		expect(items.filter((item) => item.json.outcome === 'created')).toHaveLength(11);
		expect(creates(provider)).toHaveLength(3);
		expect(provider.cardsCreated).toBe(11);
	});

	it('leaves the other items of the run to the order the first item carries', async () => {
		const provider = new FakeCardProvider();
		const items = await runListed(
			provider,
			listedSpec({ kind: 'keyHeader' }),
			fromItems,
			holders(3),
			1,
		);
		expect(items).toEqual([]);
		expect(provider.log).toHaveLength(0);
	});

	it('per call: totals count each card once and a call is paired to the items of its cards', async () => {
		const provider = new FakeCardProvider();
		const items = await runListed(
			provider,
			listedSpec({ kind: 'keyHeader' }),
			fromItems,
			holders(7, { 6: { refuse: 'no' } }),
		);
		expect(items.map((item) => item.pairedItem)).toEqual([
			[0, 1, 2, 3, 4].map((item) => ({ item })),
			[{ item: 5 }, { item: 6 }],
		]);
		expect(items[1].json).toMatchObject({ outcome: 'created', counts: { created: 1, failed: 1 } });
		expect(items[0].json.order).toMatchObject({ requested: 7, created: 6, failed: 1 });
	});

	it('lists every bad card with its item before sending anything', async () => {
		const provider = new FakeCardProvider();
		const failure = await runListed(
			provider,
			listedSpec({ kind: 'keyHeader' }),
			fromItems,
			holders(9, { 2: { holder: '' }, 7: { holder: undefined } }),
		).catch((error: Error & { description: string }) => error);
		expect(failure).toMatchObject({
			message: 'The FakeCards order has 2 invalid fields; nothing was sent',
			description: '• Card of item 2 › holder: is required\n• Card of item 7 › holder: is required',
		});
		expect(provider.log).toHaveLength(0);
	});

	it('reads a JSON list as one order of the item that carries it', async () => {
		const provider = new FakeCardProvider();
		const items = await runListed(
			provider,
			listedSpec({ kind: 'keyHeader' }),
			{ orderReference: 'PO-JSON', cardsSource: 'json', cardsJson: JSON.stringify(holders(3)) },
			[{}, {}],
			1,
		);
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 1 });
		expect(items[0].json).toMatchObject({ size: 3, outcome: 'created' });
		const notAList = await runListed(
			provider,
			listedSpec({ kind: 'keyHeader' }),
			{ orderReference: 'PO-JSON', cardsSource: 'json', cardsJson: '{"holder": "x"}' },
			[{}],
		).catch((error: Error & { description: string }) => error.description);
		expect(notAList).toContain('Cards (JSON): must be a JSON list of cards');
	});

	it('derived ids: uses the ids cards bring, and a re-run creates nothing', async () => {
		const provider = new FakeCardProvider();
		const spec = listedSpec({
			kind: 'derivedIds',
			asynchronous: false,
			idPrefix: () => 'x-',
			ownId: (card) => card.id as string | undefined,
			lookup: async (session, _order, ids) => {
				const { body } = await session.request<{ data: IDataObject[] }>(
					{ method: 'GET', path: '/cards', qs: { ids: ids.join(',') } },
					'look the cards up',
				);
				return new Set(body.data.map((card) => card.id as string));
			},
		});
		const cards = holders(6, { 0: { id: 'EMP-0001' } });
		await runListed(provider, spec, fromItems, cards);
		expect([...provider.cards.keys()][0]).toBe('EMP-0001');
		expect(provider.cardsCreated).toBe(6);
		const rerun = await runListed(provider, spec, fromItems, cards);
		expect(rerun.map((item) => item.json.alreadyExisted)).toEqual([5, 1]);
		expect(provider.cardsCreated).toBe(6);
	});
});

describe('bulk-order pipeline: approval by a person', () => {
	const approvalSpec = (waitMs: number): BulkCreateSpec<FakeOrder> => ({
		...keyHeader,
		approval: {
			requestedBy: (failure) =>
				failure.failure.kind === 'http' && failure.failure.statusCode === 428
					? ((failure.failure.body as IDataObject).approval_token as string)
					: undefined,
			decision: async (session, handle) =>
				(
					await session.request<{ result: ApprovalDecision }>(
						{ method: 'GET', path: `/approvals/${handle}` },
						'read the approval',
					)
				).body.result,
			withApproval: (request, handle) => ({
				...request,
				headers: { ...request.headers, 'x-fake-approval': handle },
			}),
			waitMs: () => waitMs,
			pollEveryMs: 1000,
		},
	});

	it('waits for the approval of each call, a second between questions, then creates once', async () => {
		const provider = new FakeCardProvider();
		provider.requireApproval = true;
		provider.approvalRule = { afterPolls: 3, decision: 'allowed' };
		const { session, clock } = await fakeSession(provider, order());
		const items = (await runBulkOrder(session, approvalSpec(60_000))).items.map((i) => i.json);
		expect(items.map((item) => item.outcome)).toEqual(['created', 'created', 'created']);
		expect(clock.sleeps.filter((ms) => ms === 1000)).toHaveLength(6);
		const sent = creates(provider);
		expect(sent).toHaveLength(6);
		expect(sent[0].key).toBe(sent[1].key);
		expect(provider.cardsCreated).toBe(12);
	});

	it('creates nothing when the approval is denied, and says so', async () => {
		const provider = new FakeCardProvider();
		provider.requireApproval = true;
		provider.approvalRule = { afterPolls: 1, decision: 'denied' };
		const failure = (await run(provider, approvalSpec(60_000)).catch(
			(error: Error) => error,
		)) as Error;
		expect(failure.message).toBe(
			'The approval to create batch 1 of 3 was denied in FakeCards: nothing was created',
		);
		expect((failure as Error & { description: string }).description).toContain(
			'The other 2 call(s) of this order were not sent.',
		);
		expect(provider.cardsCreated).toBe(0);
	});

	it('without waiting, returns the calls awaiting approval; submitting them once approved creates each once', async () => {
		const provider = new FakeCardProvider();
		provider.requireApproval = true;
		provider.approvalRule = { afterPolls: 2, decision: 'allowed' };
		const spec = approvalSpec(0);
		const waiting = await run(provider, spec);
		expect(waiting.map((item) => item.outcome)).toEqual(Array(3).fill('awaiting_approval'));
		expect(waiting[0].order).toMatchObject({ requested: 12, awaitingApproval: 12, created: 0 });
		expect(provider.cardsCreated).toBe(0);

		const { session } = await fakeSession(provider, {});
		const submitted = [];
		for (const item of waiting) {
			const output = await submitAwaitingChunk(session, spec, { product: 'gift' }, item, 5000);
			submitted.push(output.items[0].json);
		}
		expect(submitted.map((item) => [item.outcome, item.size])).toEqual([
			['created', 5],
			['created', 5],
			['created', 2],
		]);
		expect(submitted.map((item) => item.idempotencyKey)).toEqual(
			waiting.map((item) => item.idempotencyKey),
		);
		expect(provider.cardsCreated).toBe(12);

		const notWaiting = await submitAwaitingChunk(
			session,
			spec,
			{ product: 'gift' },
			submitted[0],
			0,
		)
			.then(() => 'submitted')
			.catch((error: Error) => error.message);
		expect(notWaiting).toBe(
			'This item is not a FakeCards call awaiting approval (outcome: created)',
		);
	});
});

describe('bulk-order pipeline: memory of a long per-call order', () => {
	it("takes each call's fields when the call is done, from its card answers, once", async () => {
		const seen: Array<number | undefined> = [];
		const spec: BulkCreateSpec<FakeOrder> = {
			...keyHeader,
			chunkFields: (_order, result) => {
				seen.push(result.cards?.length);
				return { cardIds: result.cards?.map((card) => card.fields.cardId) };
			},
		};
		const items = await run(new FakeCardProvider(), spec);
		expect(items.map((item) => (item.cardIds as string[]).length)).toEqual([5, 5, 2]);
		expect(seen).toEqual([5, 5, 2]);
	});

	it('drops the per-card answers of a finished call in per-call output, keeps them per card', () => {
		const result: ChunkResult = {
			chunk: { index: 0, offset: 0, size: 1 },
			outcome: 'created',
			counts: { created: 1 },
			cards: [{ outcome: 'created', fields: { cardId: 'c-1', card: { large: 'answer' } } }],
			extra: {},
		};
		const runWith = (outputMode: 'perCall' | 'perCard') =>
			({
				spec: keyHeader,
				order: { outputMode, provider: { product: 'gift' } },
			}) as unknown as Parameters<typeof keepForCallItem<FakeOrder>>[0];
		const kept = keepForCallItem(runWith('perCall'), result);
		expect(kept.cards).toBeUndefined();
		expect(kept.callFields).toEqual({ batchId: undefined });
		expect(kept.counts).toEqual({ created: 1 });
		expect(keepForCallItem(runWith('perCard'), result)).toBe(result);
	});
});
