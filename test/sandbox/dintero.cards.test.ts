import axios, { type AxiosInstance } from 'axios';

import type { Sandbox } from '../../sandbox/server';
import { errorFields, giftCards, TEST_ACCOUNT, walletClient } from './dinteroHelpers';
import { useTestSandbox } from './helpers';

let sandbox: Sandbox;
let client: AxiosInstance;

useTestSandbox((started) => (sandbox = started));

beforeEach(async () => {
	client = await walletClient(sandbox);
});

const counters = () => sandbox.admin.counters().dintero;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, read loosely in assertions
type Card = Record<string, any>;

async function createCards(cards: unknown[], options?: unknown): Promise<Card[]> {
	const response = await client.post('/cards/batch', { cards, options });
	if (response.status !== 200) throw new Error(`batch failed: ${JSON.stringify(response.data)}`);
	return response.data.cards as Card[];
}

async function listAll(params: Record<string, unknown> = {}): Promise<Card[]> {
	const cards: Card[] = [];
	let startingAfter: string | undefined;
	do {
		const page = await client.get('/cards', {
			params: {
				...params,
				...(startingAfter === undefined ? {} : { starting_after: startingAfter }),
			},
		});
		expect(page.status).toBe(200);
		cards.push(...page.data.cards);
		startingAfter = page.data.starting_after;
	} while (startingAfter !== undefined);
	return cards;
}

describe('POST /accounts/{aid}/wallets/cards/batch: validation', () => {
	it('lists every bad field at once and creates nothing', async () => {
		const response = await client.post('/cards/batch', {
			cards: [
				{ card_id: 'a'.repeat(256), type: 'gift_card' },
				{ card_id: ' leading', type: 'gift_card' },
				{ card_id: 'trailing ', type: 'credit_note' },
				{ card_id: '', type: 'gift_card' },
				{ card_id: 42, type: 'gift_card' },
				{ type: 'gift_card' },
				{ card_id: 'no-type' },
				{ card_id: 'bad-type', type: 'voucher' },
				{ card_id: 'twice', type: 'gift_card' },
				{ card_id: 'twice', type: 'gift_card' },
				'not an object',
			],
			options: {
				pin: { format: { length: 3, prefix: 'P'.repeat(13), symbols: 'yes' } },
				card_token: { format: { length: 5, barcode: 1 } },
			},
		});

		expect(response.status).toBe(400);
		expect(response.data.error).toMatchObject({
			code: 'validation_error',
			message: expect.any(String),
		});
		expect(errorFields(response.data)).toEqual(
			[
				'cards[0].card_id',
				'cards[1].card_id',
				'cards[2].card_id',
				'cards[3].card_id',
				'cards[4].card_id',
				'cards[5].card_id',
				'cards[6].type',
				'cards[7].type',
				'cards[9].card_id',
				'cards[10]',
				'options.pin.format.length',
				'options.pin.format.prefix',
				'options.pin.format.symbols',
				'options.card_token.format.length',
				'options.card_token.format.barcode',
			].sort(),
		);
		expect(counters()).toMatchObject({ cardsCreated: 0, batchCalls: 0, batchesRefused: 1 });
	});

	it.each([
		['no cards', {}, ['cards']],
		['cards not an array', { cards: 'x' }, ['cards']],
		['an empty list', { cards: [] }, ['cards']],
		['1001 cards', { cards: giftCards('c', 1001) }, ['cards']],
		[
			'pin without format',
			{ cards: giftCards('c', 1), options: { pin: {} } },
			['options.pin.format'],
		],
		[
			'card_token without format',
			{ cards: giftCards('c', 1), options: { card_token: {} } },
			['options.card_token.format'],
		],
		[
			'a format allowing no character at all',
			{
				cards: giftCards('c', 1),
				options: { pin: { format: { symbols: false, numbers: false, characters: false } } },
			},
			['options.pin.format'],
		],
		[
			'prefix and length above 48 characters',
			{
				cards: giftCards('c', 1),
				options: { card_token: { format: { length: 40, prefix: 'DINCARD:X' } } },
			},
			['options.card_token.format.length'],
		],
		['options not an object', { cards: giftCards('c', 1), options: [] }, ['options']],
	])('refuses %s', async (_case, body, fields) => {
		const response = await client.post('/cards/batch', body);

		expect(response.status).toBe(400);
		expect(errorFields(response.data)).toEqual(fields);
		expect(counters().cardsCreated).toBe(0);
	});

	it('refuses a body that is not JSON', async () => {
		const response = await client.post('/cards/batch', '{"cards": [', {
			headers: { 'content-type': 'application/json' },
			transformRequest: [(data: unknown) => data],
		});
		expect(response.status).toBe(400);
		expect(errorFields(response.data)).toEqual(['body']);
	});

	it('accepts exactly 1000 cards in one call', async () => {
		const cards = await createCards(giftCards('thousand', 1000));

		expect(cards).toHaveLength(1000);
		expect(counters()).toMatchObject({ cardsCreated: 1000, batchCalls: 1 });
	});
});

describe('POST /accounts/{aid}/wallets/cards/batch: created cards', () => {
	it('are inactive with zero balance, of the requested type, in request order', async () => {
		const cards = await createCards([
			{ card_id: 'order-1/0', type: 'gift_card' },
			{ card_id: 'order-1/1', type: 'credit_note' },
		]);

		expect(cards.map(({ card_id, type }) => [card_id, type])).toEqual([
			['order-1/0', 'gift_card'],
			['order-1/1', 'credit_note'],
		]);
		for (const card of cards) {
			expect(card).toMatchObject({
				id: expect.stringMatching(/^[0-9a-f-]{36}$/),
				status: 'inactive',
				amount: 0,
				amount_balance: 0,
				amount_available: 0,
				created_by: 'dintero-sandbox-client',
				created_at: expect.any(String),
			});
		}
	});

	it('carry a PIN and a card token generated per card, in the requested formats', async () => {
		const cards = await createCards(giftCards('fmt', 20), {
			pin: { format: { length: 6, symbols: false, characters: false } },
			card_token: {
				format: { length: 10, prefix: 'GIFT-', symbols: false, barcode: true },
			},
		});

		const pins = cards.map((card) => card.pin.pin.value as string);
		const tokens = cards.map((card) => card.card_token.token.value as string);
		for (const pin of pins) expect(pin).toMatch(/^\d{6}$/);
		for (const token of tokens) expect(token).toMatch(/^GIFT-[A-Za-z0-9]{10}$/);
		expect(new Set(tokens).size).toBe(20);
		expect(cards[0].pin.format).toMatchObject({ length: 6, numbers: true });
		expect(cards[0].card_token).toMatchObject({
			expires_in: expect.any(Number),
			token: { barcode_128: expect.stringMatching(/^data:image\/png;base64,/) },
		});
		expect(cards[0].pin.pin.barcode_128).toBeUndefined();
	});

	it('default to a DINCARD-prefixed UUID token and a 36-character PIN', async () => {
		const [card] = await createCards(giftCards('default', 1));

		expect(card.card_token.token.value).toMatch(
			/^DINCARD:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
		);
		expect(card.pin.pin.value).toHaveLength(36);
	});

	it('show PIN and token values only in the batch answer, never when read later', async () => {
		const created = await createCards(giftCards('once', 3));
		const secrets = created.flatMap((card) => [card.pin.pin.value, card.card_token.token.value]);

		const one = await client.get('/cards/once-1');
		const listed = await client.get('/cards', { params: { limit: 100 } });
		const later = JSON.stringify([one.data, listed.data, sandbox.admin.requests('dintero')]);

		for (const secret of secrets) expect(later).not.toContain(secret);
		expect(one.data.pin).toEqual({ format: expect.any(Object) });
		expect(one.data.tokens).toEqual([
			expect.objectContaining({ masked_code: expect.stringMatching(/^DINCARD:\*+[0-9a-f]{4}$/) }),
		]);
		expect(one.data.card_token).toBeUndefined();
	});
});

describe('duplicate card_id', () => {
	it('refuses the whole batch by default, naming the existing ids, and creates none of it', async () => {
		await createCards(giftCards('dup', 3));

		const response = await client.post('/cards/batch', {
			cards: [...giftCards('dup', 3).slice(1), { card_id: 'fresh', type: 'gift_card' }],
		});

		expect(response.status).toBe(400);
		expect(response.data.error.code).toBe('duplicate_card_id');
		expect(errorFields(response.data)).toEqual(['cards[0].card_id', 'cards[1].card_id']);
		expect((await client.get('/cards/fresh')).status).toBe(404);
		expect(counters()).toMatchObject({ cardsCreated: 3, duplicatesRefused: 2, batchesRefused: 1 });
	});

	it('with duplicateCardId "skipExisting", creates only the new ids and answers with those', async () => {
		sandbox.admin.dintero.configure({ duplicateCardId: 'skipExisting' });
		await createCards(giftCards('dup', 3));

		const cards = await createCards([
			...giftCards('dup', 3),
			{ card_id: 'fresh', type: 'gift_card' },
		]);

		expect(cards.map(({ card_id }) => card_id)).toEqual(['fresh']);
		expect(counters()).toMatchObject({ cardsCreated: 4, duplicatesRefused: 3, batchCalls: 2 });
	});

	it('is per account: the same card_id may exist on another account', async () => {
		await createCards(giftCards('shared', 1));
		const production = await walletClient(sandbox, 'P12345678');

		const response = await production.post('/cards/batch', { cards: giftCards('shared', 1) });

		expect(response.status).toBe(200);
	});
});

describe('a response lost after processing', () => {
	it('leaves the cards created; a lookup by card_id finds them and a re-post is refused', async () => {
		sandbox.admin.faults.add({
			kind: 'dropAfterProcessing',
			provider: 'dintero',
			method: 'POST',
			pathRegex: '/cards/batch$',
		});
		const chunk = giftCards('lost', 5);

		await expect(client.post('/cards/batch', { cards: chunk })).rejects.toThrow();

		const found = await client.get('/cards', {
			params: { card_id: chunk.map(({ card_id }) => card_id), limit: 100 },
			paramsSerializer: { indexes: null },
		});
		expect(found.data.cards.map((card: Card) => card.card_id)).toEqual(
			chunk.map(({ card_id }) => card_id),
		);
		const again = await client.post('/cards/batch', { cards: chunk });
		expect(again.status).toBe(400);
		expect(again.data.error.code).toBe('duplicate_card_id');
		expect(counters()).toMatchObject({ cardsCreated: 5, batchCalls: 1, duplicatesRefused: 5 });
		expect(sandbox.admin.counters().dintero.faultsInjected).toBe(1);
	});

	it('answers 429 in Dintero’s error shape through the shared rate limiter', async () => {
		sandbox.admin.rateLimits.set({ provider: 'dintero', limit: 1, windowMs: 60_000 });
		await client.get('/cards');

		const limited = await client.post('/cards/batch', { cards: giftCards('rl', 1) });

		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toEqual(expect.any(String));
		expect(limited.data).toEqual({
			error: { code: 'too_many_requests', message: expect.any(String) },
		});
		expect(counters()).toMatchObject({ cardsCreated: 0, rateLimited: 1 });
	});
});

describe('GET /accounts/{aid}/wallets/cards', () => {
	it('pages 10 by default with an opaque starting_after, oldest first, and returns all', async () => {
		await createCards(giftCards('page', 25));

		const first = await client.get('/cards');
		const all = await listAll({ limit: 7 });

		expect(first.data.cards).toHaveLength(10);
		expect(first.data.starting_after).toEqual(expect.any(String));
		expect(all.map(({ card_id }) => card_id)).toEqual(
			giftCards('page', 25).map(({ card_id }) => card_id),
		);
		const last = await client.get('/cards', { params: { limit: 100 } });
		expect(last.data.starting_after).toBeUndefined();
	});

	it.each([
		[{ limit: 0 }, ['limit']],
		[{ limit: 101 }, ['limit']],
		[{ starting_after: 'not-a-cursor' }, ['starting_after']],
		[{ status: 'active' }, ['status']],
		[{ card_id: ' spaced' }, ['card_id']],
	])('refuses %p', async (params, fields) => {
		const response = await client.get('/cards', { params });
		expect(response.status).toBe(400);
		expect(errorFields(response.data)).toEqual(fields);
	});

	it('filters by card_id (repeatable), status, type and customer_id', async () => {
		await createCards([...giftCards('f', 4), { card_id: 'note', type: 'credit_note' }]);
		await client.post('/cards/f-2/activate', {
			amount: 100,
			currency: 'NOK',
			customer_id: 'cust-1',
		});

		const ids = async (params: Record<string, unknown>) =>
			(await client.get('/cards', { params, paramsSerializer: { indexes: null } })).data.cards.map(
				(card: Card) => card.card_id,
			);

		expect(await ids({ card_id: ['f-3', 'f-0', 'missing'] })).toEqual(['f-0', 'f-3']);
		expect(await ids({ status: 'unused' })).toEqual(['f-2']);
		expect(await ids({ status: 'inactive', type: 'credit_note' })).toEqual(['note']);
		expect(await ids({ customer_id: 'cust-1' })).toEqual(['f-2']);
		const own = await client.get('/customers/cust-1/cards');
		expect(own.data.cards.map((card: Card) => card.card_id)).toEqual(['f-2']);
	});
});

describe('GET /accounts/{aid}/wallets/cards/{card_id}', () => {
	it('reads one card, also with characters that need URL encoding', async () => {
		await createCards([{ card_id: 'order 7/card #1', type: 'gift_card' }]);

		const response = await client.get(`/cards/${encodeURIComponent('order 7/card #1')}`);

		expect(response.status).toBe(200);
		expect(response.data).toMatchObject({ card_id: 'order 7/card #1', status: 'inactive' });
	});

	it('answers 404 in Dintero’s error shape for an unknown card', async () => {
		const response = await client.get('/cards/nope');
		expect(response.status).toBe(404);
		expect(response.data).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
	});
});

describe('POST /accounts/{aid}/wallets/cards/{card_id}/activate', () => {
	it('loads the amount, binds the customer and makes the card unused; a second activation is refused', async () => {
		await createCards(giftCards('act', 2));

		const response = await client.post('/cards/act-0/activate', {
			amount: 50000,
			currency: 'NOK',
			customer_id: 'employee-17',
			name: 'Welcome card',
		});

		expect(response.status).toBe(200);
		expect(response.data).toMatchObject({
			card_id: 'act-0',
			status: 'unused',
			customer_id: 'employee-17',
			name: 'Welcome card',
			amount: 50000,
			currency: 'NOK',
			amount_balance: 50000,
			amount_available: 50000,
			active_from: expect.any(String),
			tokens: [expect.objectContaining({ masked_code: expect.any(String) })],
		});
		expect(response.data.expires_at).toBeUndefined();
		const again = await client.post('/cards/act-0/activate', { amount: 50000, currency: 'NOK' });
		expect(again.status).toBe(400);
		expect(again.data.error.code).toBe('card_not_inactive');
		expect((await client.get('/cards/act-1')).data.status).toBe('inactive');
		expect(counters().activations).toBe(1);
	});

	it('lists every bad field and leaves the card inactive', async () => {
		await createCards(giftCards('bad', 1));

		const missing = await client.post('/cards/bad-0/activate', {});
		const wrong = await client.post('/cards/bad-0/activate', {
			amount: -1.5,
			currency: 'GBP',
			customer_id: ' x',
			originated_by: 'y'.repeat(256),
			metadata: 'm',
			expires_at: 'tomorrow',
		});

		expect(errorFields(missing.data)).toEqual(['amount', 'currency']);
		expect(errorFields(wrong.data)).toEqual(
			['amount', 'currency', 'customer_id', 'expires_at', 'metadata', 'originated_by'].sort(),
		);
		expect((await client.get('/cards/bad-0')).data.status).toBe('inactive');
		expect(
			(await client.post('/cards/missing/activate', { amount: 1, currency: 'EUR' })).status,
		).toBe(404);
	});

	it('expires the card at expires_at on the sandbox clock', async () => {
		await createCards(giftCards('exp', 1));
		const expiresAt = new Date(sandbox.admin.clock.now() + 60_000).toISOString();
		await client.post('/cards/exp-0/activate', {
			amount: 1,
			currency: 'EUR',
			expires_at: expiresAt,
		});

		sandbox.admin.clock.advance(60_000);
		client = await walletClient(sandbox);

		expect((await client.get('/cards/exp-0')).data).toMatchObject({
			status: 'expired',
			expires_at: expiresAt,
		});
	});
});

describe('admin', () => {
	it('configures over HTTP, refuses bad settings and resets to the start config', async () => {
		const admin = axios.create({
			baseURL: `${sandbox.url}/__admin/dintero`,
			validateStatus: () => true,
		});

		const bad = await admin.post('/config', {
			tokenLifetimeSeconds: 0,
			duplicateCardId: 'merge',
			clients: [{ accountId: 'X1', clientId: 'a', clientSecret: 'b' }],
			colour: 'red',
		});
		const good = await admin.post('/config', {
			clients: [{ accountId: 'T00000001', clientId: 'mine', clientSecret: 's3cret' }],
		});

		expect(bad.status).toBe(400);
		for (const key of ['tokenLifetimeSeconds', 'duplicateCardId', 'clients', 'colour']) {
			expect(bad.data.error.message).toContain(key);
		}
		expect(good.data.clients).toEqual([
			{ accountId: 'T00000001', clientId: 'mine', clientSecret: 's3cret' },
		]);
		expect((await admin.post('/tokens/revoke')).data).toEqual({ revoked: 1 });
		sandbox.admin.reset();
		expect(sandbox.admin.dintero.config().clients.map(({ accountId }) => accountId)).toEqual([
			TEST_ACCOUNT,
			'P12345678',
		]);
	});
});
