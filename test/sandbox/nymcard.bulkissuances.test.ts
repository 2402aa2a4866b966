import type { AxiosInstance } from 'axios';

import type { Sandbox } from '../../sandbox/server';
import {
	adminClient,
	bulkOrder,
	CARD_PRODUCT_ID,
	createBulk,
	fieldsOf,
	nymCardClient,
	startTestSandbox,
	submitBulk,
} from './helpers';
import { NYMCARD_GUIDE_EXAMPLE_ORDER } from '../fixtures/nymcardGuide';

let sandbox: Sandbox;
let client: AxiosInstance;

beforeAll(async () => {
	sandbox = await startTestSandbox({
		nymcard: { apiKeys: ['nymcard-sandbox-key', 'tenant64-second'] },
	});
	client = nymCardClient(sandbox);
});

afterAll(async () => {
	await sandbox.close();
});

beforeEach(() => {
	sandbox.admin.reset();
});

describe('authentication', () => {
	it('rejects a request without the apikey header', async () => {
		const response = await nymCardClient(sandbox, null).get('/bulkissuances');
		expect(response.status).toBe(401);
		expect(response.data.error.code).toBe('UNAUTHORIZED');
		expect(response.data.error.details).toEqual([]);
	});

	it('rejects an unknown key and accepts every configured key', async () => {
		expect((await nymCardClient(sandbox, 'wrong').get('/bulkissuances')).status).toBe(401);
		expect((await nymCardClient(sandbox, 'tenant64-second').get('/bulkissuances')).status).toBe(
			200,
		);
	});
});

describe('POST /bulkissuances', () => {
	it('creates a DRAFT bulk with its cards and counts them', async () => {
		const response = await client.post('/bulkissuances', bulkOrder({ number_of_cards: 50 }));

		expect(response.status).toBe(201);
		expect(response.data).toEqual({
			id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			card_product_id: CARD_PRODUCT_ID,
			number_of_cards: 50,
			amount: 100,
			currency: 'USD',
			name_on_card: 'Gift Card',
			shipping_address: {
				address_line1: '1 Branch Street',
				address_line2: null,
				city: 'Dubai',
				state: null,
				postal_code: '00000',
				country: 'AE',
			},
			dry_run: false,
			status: 'DRAFT',
			fulfillment_status: 'Created',
			created_at: expect.any(String),
			updated_at: expect.any(String),
		});
		expect(sandbox.admin.counters().nymcard).toMatchObject({ bulksCreated: 1, cardsCreated: 50 });
		const fetched = await client.get(`/bulkissuances/${response.data.id}`);
		expect(fetched.data).toEqual(response.data);
	});

	it('lists every field error of an invalid order at once', async () => {
		const response = await client.post('/bulkissuances', {
			card_product_id: '00000000-0000-4000-8000-000000000000',
			number_of_cards: 0,
			amount: 10.555,
			currency: 'usd',
			name_on_card: 'Name that is far too long for a card',
			shipping_address: { address_line2: 'x', country: 'ARE' },
			dry_run: 'no',
			colour: 'blue',
		});

		expect(response.status).toBe(400);
		expect(response.data.error.code).toBe('VALIDATION_ERROR');
		expect(fieldsOf(response.data)).toEqual(
			[
				'amount',
				'card_product_id',
				'colour',
				'currency',
				'dry_run',
				'name_on_card',
				'number_of_cards',
				'shipping_address.address_line1',
				'shipping_address.city',
				'shipping_address.country',
				'shipping_address.postal_code',
			].sort(),
		);
		expect(sandbox.admin.counters().nymcard.bulksCreated).toBe(0);
	});

	it("accepts NymCard's documented example order, which has no shipping address", async () => {
		const created = await client.post('/bulkissuances', NYMCARD_GUIDE_EXAMPLE_ORDER);
		expect(created.status).toBe(201);
		expect(created.data.shipping_address).toBeNull();
		expect(sandbox.admin.counters().nymcard.cardsCreated).toBe(50);
	});

	it('requires the shipping address when configured to, the currency of an amount and a JSON body', async () => {
		sandbox.admin.nymcard.configure({ requireShippingAddress: true });
		const withoutAddress = await client.post(
			'/bulkissuances',
			bulkOrder({ shipping_address: undefined, currency: undefined }),
		);
		expect(fieldsOf(withoutAddress.data)).toEqual(['currency', 'shipping_address']);

		const notJson = await client.post('/bulkissuances', '{"card_product_id":', {
			headers: { 'content-type': 'application/json' },
			transformRequest: [(data: string) => data],
		});
		expect(notJson.status).toBe(400);
		expect(notJson.data.error.code).toBe('VALIDATION_ERROR');
	});

	it('accepts 5000 cards and rejects 5001', async () => {
		const tooMany = await client.post('/bulkissuances', bulkOrder({ number_of_cards: 5001 }));
		expect(tooMany.status).toBe(400);
		expect(fieldsOf(tooMany.data)).toEqual(['number_of_cards']);

		const most = await client.post('/bulkissuances', bulkOrder({ number_of_cards: 5000 }));
		expect(most.status).toBe(201);
		expect(sandbox.admin.counters().nymcard.cardsCreated).toBe(5000);
	});

	it('creates nothing and counts nothing on a dry run', async () => {
		const response = await client.post('/bulkissuances', bulkOrder({ dry_run: true }));

		expect(response.status).toBe(200);
		expect(response.data).toMatchObject({
			id: null,
			dry_run: true,
			status: 'DRAFT',
			number_of_cards: 50,
		});
		expect(sandbox.admin.counters().nymcard).toMatchObject({ bulksCreated: 0, cardsCreated: 0 });
		expect((await client.get('/bulkissuances')).data.data).toEqual([]);
	});
});

describe('idempotency (x-nymos-idempotency-key)', () => {
	const withKey = (key: string) => ({ headers: { 'x-nymos-idempotency-key': key } });

	it('replays the original answer for the same key and body and creates nothing more', async () => {
		const first = await client.post('/bulkissuances', bulkOrder(), withKey('order-1/chunk-0'));
		await submitBulk(client, first.data.id);
		const reordered = Object.fromEntries(Object.entries(bulkOrder()).reverse());
		const replay = await client.post('/bulkissuances', reordered, withKey('order-1/chunk-0'));

		expect(replay.status).toBe(201);
		expect(replay.data).toEqual(first.data);
		expect(sandbox.admin.counters().nymcard).toMatchObject({
			bulksCreated: 1,
			cardsCreated: 50,
			idempotentReplays: 1,
		});
	});

	it('answers 409 DUPLICATE_REQUEST when the key comes back with another body', async () => {
		await client.post('/bulkissuances', bulkOrder(), withKey('order-2'));
		const other = await client.post(
			'/bulkissuances',
			bulkOrder({ number_of_cards: 51 }),
			withKey('order-2'),
		);

		expect(other.status).toBe(409);
		expect(other.data.error.code).toBe('DUPLICATE_REQUEST');
		expect(sandbox.admin.counters().nymcard).toMatchObject({
			bulksCreated: 1,
			idempotencyConflicts: 1,
		});
	});

	it('forgets a key after 24 hours of sandbox time', async () => {
		const first = await client.post('/bulkissuances', bulkOrder(), withKey('order-3'));
		sandbox.admin.clock.advance(24 * 60 * 60 * 1000);
		const later = await client.post('/bulkissuances', bulkOrder(), withKey('order-3'));

		expect(later.status).toBe(201);
		expect(later.data.id).not.toBe(first.data.id);
		expect(sandbox.admin.counters().nymcard.bulksCreated).toBe(2);
	});

	it('does not remember a rejected request, so it can be corrected under the same key', async () => {
		const rejected = await client.post(
			'/bulkissuances',
			bulkOrder({ number_of_cards: 0 }),
			withKey('k'),
		);
		const corrected = await client.post('/bulkissuances', bulkOrder(), withKey('k'));
		expect([rejected.status, corrected.status]).toEqual([400, 201]);
	});
});

describe('GET /bulkissuances', () => {
	it('pages newest first through every bulk with no duplicates or gaps', async () => {
		const created: string[] = [];
		for (let index = 0; index < 25; index += 1) created.push((await createBulk(client)).id);

		const seen: string[] = [];
		let after: string | null = null;
		let pages = 0;
		do {
			const params: Record<string, unknown> = { limit: 10, ...(after === null ? {} : { after }) };
			const page = await client.get('/bulkissuances', { params });
			expect(page.status).toBe(200);
			seen.push(...page.data.data.map((bulk: { id: string }) => bulk.id));
			expect(page.data.paging.has_more).toBe(page.data.paging.after !== null);
			after = page.data.paging.after;
			pages += 1;
		} while (after !== null);

		expect(pages).toBe(3);
		expect(seen).toEqual([...created].reverse());
	});

	it('defaults to 20 and rejects limits out of range and foreign cursors', async () => {
		for (let index = 0; index < 21; index += 1) await createBulk(client, { number_of_cards: 1 });
		const first = await client.get('/bulkissuances');
		expect(first.data.data).toHaveLength(20);
		expect(first.data.paging.has_more).toBe(true);

		for (const limit of ['0', '101', 'ten', '2.5']) {
			const response = await client.get('/bulkissuances', { params: { limit } });
			expect(response.status).toBe(400);
			expect(fieldsOf(response.data)).toEqual(['limit']);
		}
		const forged = await client.get('/bulkissuances', { params: { after: 'not-a-cursor' } });
		expect(fieldsOf(forged.data)).toEqual(['after']);
	});

	it('answers 404 for an unknown bulk', async () => {
		const response = await client.get('/bulkissuances/3fa85f64-5717-4562-b3fc-2c963f66afa6');
		expect(response.status).toBe(404);
		expect(response.data.error.code).toBe('NOT_FOUND');
	});
});

describe('PUT /bulkissuances/{id}', () => {
	it('updates fields of a DRAFT and submits it', async () => {
		const bulk = await createBulk(client);
		const updated = await client.put(`/bulkissuances/${bulk.id}`, {
			name_on_card: 'Branch 7',
			amount: 25.5,
		});
		expect(updated.data).toMatchObject({ name_on_card: 'Branch 7', amount: 25.5, status: 'DRAFT' });

		const submitted = await client.put(`/bulkissuances/${bulk.id}`, {
			currency: 'USD',
			status: 'SUBMITTED',
		});
		expect(submitted.status).toBe(200);
		expect(submitted.data).toMatchObject({ status: 'SUBMITTED', fulfillment_status: 'Created' });
		expect(sandbox.admin.counters().nymcard.bulksSubmitted).toBe(1);
	});

	it('is safe to retry a submit, and refuses changes once submitted', async () => {
		const bulk = await createBulk(client);
		const first = await client.put(`/bulkissuances/${bulk.id}`, {
			currency: 'USD',
			status: 'SUBMITTED',
		});
		sandbox.admin.clock.advance(1000);
		const retry = await client.put(`/bulkissuances/${bulk.id}`, {
			currency: 'USD',
			status: 'SUBMITTED',
		});
		expect(retry.status).toBe(200);
		expect(retry.data).toEqual(first.data);
		expect(sandbox.admin.counters().nymcard.bulksSubmitted).toBe(1);

		const change = await client.put(`/bulkissuances/${bulk.id}`, { currency: 'EUR' });
		expect(change.status).toBe(409);
		expect(change.data.error.code).toBe('BULK_NOT_EDITABLE');
	});

	it('validates like create and answers 404 for an unknown bulk', async () => {
		const bulk = await createBulk(client);
		const invalid = await client.put(`/bulkissuances/${bulk.id}`, {
			status: 'COMPLETED',
			currency: 'dollars',
			number_of_cards: 10,
		});
		expect(invalid.status).toBe(400);
		expect(fieldsOf(invalid.data)).toEqual(['currency', 'number_of_cards', 'status']);

		const clearingCurrency = await client.put(`/bulkissuances/${bulk.id}`, { currency: null });
		expect(fieldsOf(clearingCurrency.data)).toEqual(['currency']);

		const missing = await client.put('/bulkissuances/3fa85f64-5717-4562-b3fc-2c963f66afa6', {
			status: 'SUBMITTED',
		});
		expect(missing.status).toBe(404);
	});
});

describe('status progression on the sandbox clock', () => {
	const statusOf = async (id: string) => {
		const { data } = await client.get(`/bulkissuances/${id}`);
		return [data.status, data.fulfillment_status];
	};

	it('moves SUBMITTED → PROCESSING → COMPLETED as the clock advances', async () => {
		const bulk = await createBulk(client);
		sandbox.admin.clock.advance(3_600_000);
		expect(await statusOf(bulk.id)).toEqual(['DRAFT', 'Created']);

		await submitBulk(client, bulk.id);
		// Sandbox time also flows with real time, hence the margin before the 30 s boundary.
		sandbox.admin.clock.advance(29_000);
		expect(await statusOf(bulk.id)).toEqual(['SUBMITTED', 'Created']);
		sandbox.admin.clock.advance(1000);
		expect(await statusOf(bulk.id)).toEqual(['PROCESSING', 'Ordered']);
		sandbox.admin.clock.advance(120_000);
		expect(await statusOf(bulk.id)).toEqual(['COMPLETED', 'Shipped']);
	});

	it('follows the timing and failures configured over HTTP', async () => {
		const admin = adminClient(sandbox);
		const failing = await createBulk(client);
		const passing = await createBulk(client);
		const config = await admin.post('/nymcard/config', {
			processingAfterMs: 1000,
			completedAfterMs: 2000,
			failBulkIds: [failing.id],
		});
		expect(config.status).toBe(200);
		expect(config.data).toMatchObject({ processingAfterMs: 1000, completedAfterMs: 2000 });

		await submitBulk(client, failing.id);
		await submitBulk(client, passing.id);
		await admin.post('/clock/advance', { ms: 3000 });

		expect(await statusOf(failing.id)).toEqual(['FAILED', 'Failed']);
		expect(await statusOf(passing.id)).toEqual(['COMPLETED', 'Shipped']);
		const listed = await client.get('/bulkissuances');
		expect(listed.data.data.map((bulk: { status: string }) => bulk.status)).toEqual([
			'COMPLETED',
			'FAILED',
		]);
	});

	it('rejects an invalid configuration', async () => {
		const response = await adminClient(sandbox).post('/nymcard/config', {
			processingAfterMs: -1,
			speed: 2,
		});
		expect(response.status).toBe(400);
		expect(response.data.error.message).toMatch(/processingAfterMs.*speed/);
	});
});
