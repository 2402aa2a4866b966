import type { AxiosInstance } from 'axios';

import type { Sandbox } from '../../sandbox/server';
import { adminClient, useTestSandbox } from './helpers';
import {
	apiClient,
	bulkPath,
	cardSpecs,
	EU_ADDRESS,
	EU_CUSTOMER,
	fieldErrorsOf,
	fieldsOf,
	orderBulk,
	physicalOrder,
	US_ADDRESS,
	US_CUSTOMER,
	virtualOrder,
} from './paysafeHelpers';

let sandbox: Sandbox;
let client: AxiosInstance;
useTestSandbox((started) => (sandbox = started));
beforeEach(async () => {
	client = await apiClient(sandbox);
});

const counters = () => sandbox.admin.counters().paysafe;
const advance = (ms: number) => sandbox.admin.clock.advance(ms);
const getBulk = (id: string, query = '', customerId = EU_CUSTOMER) =>
	client.get(`${bulkPath(customerId)}/${id}${query}`);

describe('POST /customers/{customerId}/prepaid/cards/bulk', () => {
	it('accepts a PHYSICAL order with 202 and echoes it with a bulk id', async () => {
		const response = await client.post(bulkPath(), physicalOrder({ cards: cardSpecs('a', 2) }));

		expect(response.status).toBe(202);
		expect(response.data).toEqual({
			id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
			customerId: EU_CUSTOMER,
			quantity: 2,
			programName: 'PHYSICAL-MC-EEA',
			currency: 'EUR',
			mobile: '+359888333333',
			deliveryAddress: EU_ADDRESS,
		});
		expect(counters()).toMatchObject({ bulksAccepted: 1, cardsRequested: 2, cardsCreated: 0 });
	});

	it('omits what was not sent and keeps the nulls that were', async () => {
		const absent = await client.post(bulkPath(), virtualOrder());
		const nulls = await client.post(
			bulkPath(),
			virtualOrder({ mobile: null, deliveryAddress: null }),
		);

		expect(absent.data).toEqual({
			id: expect.any(String),
			customerId: EU_CUSTOMER,
			quantity: 2,
			programName: 'VIRTUAL-MC-EEA',
			currency: 'EUR',
		});
		expect(nulls.data).toMatchObject({ mobile: null, deliveryAddress: null });
	});

	it('answers 404 DW-NO-SUCH-CUSTOMER for an unknown customer', async () => {
		const response = await client.post(bulkPath('999'), virtualOrder());

		expect(response.status).toBe(404);
		expect(response.data).toEqual({
			error: {
				code: 'DW-NO-SUCH-CUSTOMER',
				message: 'Customer was not found',
				details: ['No customer matching the provided data was found.'],
			},
		});
	});

	it('lists every field problem at once as 400 5068', async () => {
		const response = await client.post(bulkPath(), {
			quantity: 51,
			programName: 'PHYSICAL-MC-EEA',
			currency: 'USD',
			mobile: '0888 333 333',
			userAgent: 'x'.repeat(201),
			deliveryAddress: {
				address1: 'abc',
				address2: 'x'.repeat(31),
				address3: 'y'.repeat(31),
				city: 'Sofia 1000',
				countryCode: 'bg',
				state: 'ABCD',
				postalCode: '',
			},
			cards: [
				{ externalId: '', nameOnCard: 'x'.repeat(28) },
				{ externalId: 'e'.repeat(41), nameOnCard: 'Zoë Dupont', cardPin: '12345' },
				'not an object',
				{ externalId: 'dup', nameOnCard: '', colour: 'red' },
				{ externalId: 'dup', cardPin: 1234 },
			],
		});

		expect(response.status).toBe(400);
		expect(response.data.error).toMatchObject({
			code: '5068',
			message: 'Field error(s)',
			details: [
				'Either you submitted a request that is missing a mandatory field or the value of a field does not match the format expected.',
			],
		});
		expect(fieldsOf(response.data)).toEqual(
			[
				'quantity',
				'currency',
				'mobile',
				'userAgent',
				'deliveryAddress.address1',
				'deliveryAddress.address2',
				'deliveryAddress.address3',
				'deliveryAddress.city',
				'deliveryAddress.countryCode',
				'deliveryAddress.state',
				'deliveryAddress.postalCode',
				'cards[0].externalId',
				'cards[0].nameOnCard',
				'cards[1].externalId',
				'cards[1].nameOnCard',
				'cards[1].cardPin',
				'cards[2]',
				'cards[3].colour',
				'cards[3].nameOnCard',
				'cards[4].externalId',
				'cards[4].cardPin',
			].sort(),
		);
		expect(fieldErrorsOf(response.data)).toContainEqual({
			field: 'cards[4].externalId',
			error: 'duplicate of cards[3].externalId',
		});
		expect(fieldErrorsOf(response.data)).toContainEqual({
			field: 'cards[3].colour',
			error: 'unknown field',
		});
		expect(counters()).toMatchObject({ bulksAccepted: 0, bulksRefused: 1 });
	});

	it('names the missing mandatory fields as the docs do ("must not be null")', async () => {
		const response = await client.post(bulkPath(), {});

		expect(response.status).toBe(400);
		expect(fieldErrorsOf(response.data)).toEqual([
			{ field: 'quantity', error: 'must not be null' },
			{ field: 'programName', error: 'must not be null' },
			{ field: 'currency', error: 'must not be null' },
			{ field: 'userAgent', error: 'must not be null' },
		]);
	});

	it.each([
		['not JSON', '{"quantity":'],
		['not an object', '[1, 2]'],
	])('refuses a body that is %s', async (_case, body) => {
		const response = await client.post(bulkPath(), body, {
			headers: { 'content-type': 'application/json' },
		});

		expect(response.status).toBe(400);
		expect(fieldsOf(response.data)).toEqual(['body']);
	});

	it.each([
		['quantity 0', { quantity: 0 }, 'quantity'],
		['a fractional quantity', { quantity: 1.5 }, 'quantity'],
		['a quantity as text', { quantity: '2' }, 'quantity'],
		['an unknown program', { programName: 'GOLD-MC-EEA' }, 'programName'],
		['a currency of 4 letters', { currency: 'EURO' }, 'currency'],
		['a blank userAgent', { userAgent: '' }, 'userAgent'],
		['a mobile without +', { mobile: '359888333333' }, 'mobile'],
		['cards that is not an array', { cards: { externalId: 'x' } }, 'cards'],
	])('refuses %s', async (_case, overrides, field) => {
		const response = await client.post(bulkPath(), virtualOrder(overrides));

		expect(response.status).toBe(400);
		expect(fieldsOf(response.data)).toEqual([field]);
	});

	it('refuses "unknown program" with that error', async () => {
		const response = await client.post(bulkPath(), virtualOrder({ programName: 'GOLD' }));
		expect(fieldErrorsOf(response.data)).toEqual([
			{ field: 'programName', error: 'unknown program' },
		]);
	});

	it.each([['+359888333333'], ['+1 5551234567']])('accepts the mobile %s', async (mobile) => {
		expect((await client.post(bulkPath(), virtualOrder({ mobile }))).status).toBe(202);
	});

	it('accepts any Unicode letters, spaces, hyphens and periods in the city', async () => {
		const order = physicalOrder({
			deliveryAddress: { ...EU_ADDRESS, city: 'St. Plovdiv-Пловдив' },
		});
		expect((await client.post(bulkPath(), order)).status).toBe(202);
	});

	it('refuses a currency other than the program currency', async () => {
		const response = await client.post(bulkPath(), virtualOrder({ currency: 'USD' }));

		expect(fieldErrorsOf(response.data)).toEqual([
			{ field: 'currency', error: 'must be EUR, the currency of program VIRTUAL-MC-EEA' },
		]);
	});

	it('refuses a delivery address for a VIRTUAL program', async () => {
		const response = await client.post(bulkPath(), virtualOrder({ deliveryAddress: EU_ADDRESS }));

		expect(response.status).toBe(400);
		expect(fieldsOf(response.data)).toEqual(['deliveryAddress']);
	});

	it.each([
		['absent', undefined],
		['null', null],
	])('refuses a PHYSICAL program whose delivery address is %s', async (_case, deliveryAddress) => {
		const response = await client.post(bulkPath(), physicalOrder({ deliveryAddress }));

		expect(response.status).toBe(400);
		expect(fieldsOf(response.data)).toEqual(['deliveryAddress']);
	});

	it('answers DW-PREPAID-CARDS-BULK-QUANTITY-MISMATCH when cards[] and quantity differ', async () => {
		const response = await client.post(
			bulkPath(),
			virtualOrder({ quantity: 3, cards: cardSpecs('m', 2) }),
		);

		expect(response.status).toBe(400);
		expect(response.data).toEqual({
			error: {
				code: 'DW-PREPAID-CARDS-BULK-QUANTITY-MISMATCH',
				message: 'Mismatch in the provided quantity field.',
				details: [
					"The provided quantity field doesn't match the number of elements in the cards array.",
				],
			},
		});
	});

	it('reports field errors rather than the mismatch when both apply', async () => {
		const response = await client.post(
			bulkPath(),
			virtualOrder({ quantity: 3, cards: [{ externalId: '' }] }),
		);

		expect(response.data.error.code).toBe('5068');
	});

	describe('EU customers', () => {
		it('accept a 4-digit PIN per card and never show it', async () => {
			const response = await client.post(
				bulkPath(),
				virtualOrder({ cards: cardSpecs('pin', 2, { cardPin: '0420' }) }),
			);
			advance(3000);
			const cards = sandbox.admin.paysafe.cards(EU_CUSTOMER);

			expect(response.status).toBe(202);
			expect(JSON.stringify(response.data)).not.toContain('0420');
			expect(cards).toHaveLength(2);
			expect(JSON.stringify(cards)).not.toContain('cardPin');
			const bulkLog = sandbox.admin
				.requests('paysafe')
				.filter(({ path }) => path.endsWith('/bulk'));
			expect(JSON.stringify(bulkLog)).not.toContain('0420');
			expect(bulkLog[0].body).toMatchObject({ cards: [{ cardPin: '***' }, { cardPin: '***' }] });
		});

		it.each([['123'], ['12a4'], ['12345']])('refuse the PIN %s', async (cardPin) => {
			const response = await client.post(
				bulkPath(),
				virtualOrder({ quantity: 1, cards: [{ externalId: 'x', cardPin }] }),
			);

			expect(fieldErrorsOf(response.data)).toEqual([
				{ field: 'cards[0].cardPin', error: 'must be exactly 4 digits' },
			]);
		});

		it('allow any postal code up to 16 characters and no state', async () => {
			const order = physicalOrder({
				deliveryAddress: { ...EU_ADDRESS, postalCode: 'SW1A 1AA/LONDON+' },
			});
			expect((await client.post(bulkPath(), order)).status).toBe(202);
		});
	});

	describe('US customers', () => {
		const usOrder = (overrides: Record<string, unknown> = {}) =>
			physicalOrder({
				programName: 'PHYSICAL-MC-US',
				currency: 'USD',
				mobile: '+15551234567',
				deliveryAddress: US_ADDRESS,
				...overrides,
			});

		it('accept an order with state and a US postal code', async () => {
			const response = await client.post(bulkPath(US_CUSTOMER), usOrder());
			expect(response.status).toBe(202);
			expect(response.data.customerId).toBe(US_CUSTOMER);
		});

		it('refuse a PIN: US customers set it in a separate call', async () => {
			const response = await client.post(
				bulkPath(US_CUSTOMER),
				usOrder({ quantity: 1, cards: [{ externalId: 'us-1', cardPin: '1234' }] }),
			);

			expect(fieldErrorsOf(response.data)).toEqual([
				{
					field: 'cards[0].cardPin',
					error: 'not allowed: US customers set the PIN in a separate call',
				},
			]);
		});

		it.each([
			['no state', { state: undefined }, 'deliveryAddress.state'],
			['a 1-letter state', { state: 'U' }, 'deliveryAddress.state'],
			['a 3-character postal code', { postalCode: '841' }, 'deliveryAddress.postalCode'],
			['an 11-character postal code', { postalCode: '84101-12345' }, 'deliveryAddress.postalCode'],
			['a postal code with a slash', { postalCode: '841/01' }, 'deliveryAddress.postalCode'],
		])('refuse %s', async (_case, change, field) => {
			const response = await client.post(
				bulkPath(US_CUSTOMER),
				usOrder({ deliveryAddress: { ...US_ADDRESS, ...change } }),
			);

			expect(response.status).toBe(400);
			expect(fieldsOf(response.data)).toEqual([field]);
		});

		it('accept a ZIP+4 with hyphen or space', async () => {
			for (const postalCode of ['84101-1234', '84101 1234']) {
				const order = usOrder({ deliveryAddress: { ...US_ADDRESS, postalCode } });
				expect((await client.post(bulkPath(US_CUSTOMER), order)).status).toBe(202);
			}
		});
	});
});

describe('progress on the sandbox clock', () => {
	it('goes PENDING → PROCESSING → COMPLETED and then shows the created cards', async () => {
		const bulk = await orderBulk(client, physicalOrder({ cards: cardSpecs('p', 2) }));

		const pending = await getBulk(bulk.id);
		expect(pending.status).toBe(200);
		expect(pending.data).toEqual({
			id: bulk.id,
			customerId: EU_CUSTOMER,
			quantity: 0,
			status: 'PENDING',
			programName: 'PHYSICAL-MC-EEA',
			currency: 'EUR',
			mobile: '+359888333333',
			deliveryAddress: EU_ADDRESS,
			createdDate: expect.any(String),
			cards: [],
			meta: { numberOfRecords: 0, limit: 10, page: 1 },
		});

		advance(1000);
		expect((await getBulk(bulk.id)).data).toMatchObject({ status: 'PROCESSING', quantity: 0 });

		advance(2000);
		const completed = await getBulk(bulk.id);
		expect(completed.data).toMatchObject({
			status: 'COMPLETED',
			quantity: 2,
			meta: { numberOfRecords: 2, limit: 10, page: 1 },
		});
		expect(completed.data.statusReason).toBeUndefined();
		const completedAt = sandbox.admin.clock.now();
		expect(completed.data.cards).toEqual([
			{
				cardId: expect.any(String),
				externalId: 'p-0',
				nameOnCard: 'Holder 0',
				status: 'ISSUED',
				expiry: { month: expect.any(Number), year: new Date(completedAt).getUTCFullYear() + 3 },
				bin: '535522',
				lastFour: expect.stringMatching(/^\d{4}$/),
				customerId: EU_CUSTOMER,
				cardType: 'PHYSICAL',
				programName: 'PHYSICAL-MC-EEA',
				currency: 'EUR',
				mobile: '+359888333333',
				createdDate: expect.any(String),
				accountId: expect.any(String),
				bulkId: bulk.id,
			},
			expect.objectContaining({ externalId: 'p-1' }),
		]);
		const created = Date.parse(completed.data.cards[0].createdDate);
		expect(Math.abs(created - completedAt)).toBeLessThan(1000);
		expect(counters()).toMatchObject({ cardsCreated: 2, duplicateExternalIds: 0 });
	});

	it('creates VIRTUAL cards ACTIVE, without externalId when no cards[] was sent', async () => {
		const bulk = await orderBulk(client, virtualOrder({ quantity: 3 }));
		advance(3000);

		const cards = (await getBulk(bulk.id)).data.cards as Array<Record<string, unknown>>;

		expect(cards).toHaveLength(3);
		for (const card of cards) {
			expect(card).toMatchObject({ status: 'ACTIVE', cardType: 'VIRTUAL' });
			expect(card).not.toHaveProperty('externalId');
			expect(card).not.toHaveProperty('nameOnCard');
			expect(card).not.toHaveProperty('mobile');
		}
		expect(new Set(cards.map(({ cardId }) => cardId)).size).toBe(3);
	});

	it('follows processingAfterMs and completeAfterMs from the config', async () => {
		await adminClient(sandbox).post('/paysafe/config', {
			processingAfterMs: 10_000,
			completeAfterMs: 60_000,
		});
		const bulk = await orderBulk(client, virtualOrder());

		// Real time runs too: leave it a margin.
		advance(9_000);
		expect((await getBulk(bulk.id)).data.status).toBe('PENDING');
		advance(1_000);
		expect((await getBulk(bulk.id)).data.status).toBe('PROCESSING');
		advance(50_000);
		expect((await getBulk(bulk.id)).data.status).toBe('COMPLETED');
	});

	it('takes partial and fail outcomes from the queue, then the default', async () => {
		const queued = await adminClient(sandbox).post('/paysafe/outcomes', {
			outcomes: ['partial', 'fail'],
		});
		expect(queued.data).toEqual({ outcomes: ['partial', 'fail'] });
		const partial = await orderBulk(
			client,
			virtualOrder({ quantity: 5, cards: cardSpecs('q', 5) }),
		);
		const failed = await orderBulk(client, virtualOrder({ quantity: 5 }));
		const complete = await orderBulk(client, virtualOrder({ quantity: 5 }));
		advance(3000);

		const partialView = (await getBulk(partial.id)).data;
		expect(partialView).toMatchObject({
			status: 'COMPLETED',
			quantity: 4,
			statusReason: '4 of 5 cards were created',
		});
		expect(partialView.cards.map(({ externalId }: { externalId: string }) => externalId)).toEqual([
			'q-0',
			'q-1',
			'q-2',
			'q-3',
		]);
		expect((await getBulk(failed.id)).data).toMatchObject({
			status: 'FAILED',
			statusReason: 'Card production failed',
			quantity: 0,
			cards: [],
		});
		expect((await getBulk(complete.id)).data).toMatchObject({ status: 'COMPLETED', quantity: 5 });
		expect(counters()).toMatchObject({ cardsRequested: 15, cardsCreated: 9 });
	});

	it('keeps at least one card and at least one missing for partial, whatever partialShortfall', async () => {
		sandbox.admin.paysafe.configure({ defaultOutcome: 'partial', partialShortfall: 10 });
		const big = await orderBulk(client, virtualOrder({ quantity: 4 }));
		sandbox.admin.paysafe.configure({ partialShortfall: 2 });
		const small = await orderBulk(client, virtualOrder({ quantity: 5 }));
		advance(3000);

		expect((await getBulk(big.id)).data.quantity).toBe(1);
		expect((await getBulk(small.id)).data.quantity).toBe(3);
	});

	it('refuses outcomes it does not know', async () => {
		const response = await adminClient(sandbox).post('/paysafe/outcomes', { outcomes: ['maybe'] });
		expect(response.status).toBe(400);
		expect(() => sandbox.admin.paysafe.queueOutcomes(['later' as 'fail'])).toThrow();
	});

	it('counts a created card whose externalId the customer already had', async () => {
		await orderBulk(client, virtualOrder({ quantity: 2, cards: cardSpecs('same', 2) }));
		await orderBulk(client, virtualOrder({ quantity: 2, cards: cardSpecs('same', 2) }));
		advance(3000);

		expect(counters()).toMatchObject({ cardsCreated: 4, duplicateExternalIds: 2 });
		expect(sandbox.admin.paysafe.cards(EU_CUSTOMER)).toHaveLength(4);
	});

	it('does not count the same externalId at two customers', async () => {
		await orderBulk(client, virtualOrder({ quantity: 1, cards: cardSpecs('x', 1) }));
		await orderBulk(
			client,
			virtualOrder({
				quantity: 1,
				programName: 'VIRTUAL-MC-US',
				currency: 'USD',
				cards: [{ externalId: 'x-0' }],
			}),
			US_CUSTOMER,
		);
		advance(3000);

		expect(counters()).toMatchObject({ cardsCreated: 2, duplicateExternalIds: 0 });
	});
});

describe('GET /customers/{customerId}/prepaid/cards/bulk/{bulkId}', () => {
	it('pages the created cards with limit and offset', async () => {
		const bulk = await orderBulk(client, virtualOrder({ quantity: 25, cards: cardSpecs('g', 25) }));
		advance(3000);

		const second = await getBulk(bulk.id, '?limit=10&offset=10');
		const last = await getBulk(bulk.id, '?limit=10&offset=20');

		expect(second.data.meta).toEqual({ numberOfRecords: 25, limit: 10, page: 2 });
		expect(second.data.cards.map(({ externalId }: { externalId: string }) => externalId)).toEqual(
			Array.from({ length: 10 }, (_, index) => `g-${index + 10}`),
		);
		expect(last.data.cards).toHaveLength(5);
		expect(last.data.meta.page).toBe(3);
		expect((await getBulk(bulk.id, '?limit=50')).data.cards).toHaveLength(25);
	});

	it.each([['?limit=0'], ['?limit=51'], ['?limit=abc'], ['?offset=-1'], ['?offset=1.5']])(
		'refuses %s with 400 5068',
		async (query) => {
			const bulk = await orderBulk(client, virtualOrder());
			const response = await getBulk(bulk.id, query);

			expect(response.status).toBe(400);
			expect(response.data.error.code).toBe('5068');
		},
	);

	it("answers 404 DW-NO-SUCH-BULK for an unknown bulk or another customer's bulk", async () => {
		const bulk = await orderBulk(client, virtualOrder());

		const unknown = await getBulk('497f6eca-6276-4993-bfeb-53cbbbba6f08');
		const otherCustomer = await getBulk(bulk.id, '', US_CUSTOMER);

		expect(unknown.status).toBe(404);
		expect(unknown.data.error.code).toBe('DW-NO-SUCH-BULK');
		expect(otherCustomer.status).toBe(404);
		expect(otherCustomer.data.error.code).toBe('DW-NO-SUCH-BULK');
		expect((await getBulk(bulk.id, '', '999')).data.error.code).toBe('DW-NO-SUCH-CUSTOMER');
	});
});

describe('faults and rate limits', () => {
	it('still creates the bulk when the answer to the order is dropped', async () => {
		sandbox.admin.faults.add({
			kind: 'dropAfterProcessing',
			provider: 'paysafe',
			method: 'POST',
			pathPrefix: '/customers/',
		});

		await expect(client.post(bulkPath(), virtualOrder({ quantity: 3 }))).rejects.toThrow();
		advance(3000);

		expect(counters()).toMatchObject({ bulksAccepted: 1, cardsCreated: 3, faultsInjected: 1 });
		expect(sandbox.admin.paysafe.cards(EU_CUSTOMER)).toHaveLength(3);
	});

	it.each([
		[500, 'DW-INTERNAL-SERVER-ERROR', 'Internal Server Error'],
		[503, 'DW-SERVICE-UNAVAILABLE', 'Service Unavailable'],
	])("answers an injected %i with Paysafe's documented body", async (status, code, message) => {
		sandbox.admin.faults.add({ kind: 'status', status, provider: 'paysafe' });

		const response = await client.post(bulkPath(), virtualOrder());

		expect(response.status).toBe(status);
		expect(response.data).toEqual({ error: { code, message, details: [expect.any(String)] } });
		expect(counters().bulksAccepted).toBe(0);
	});

	it('answers 429 DW-TOO-MANY-REQUESTS with Retry-After from the rate limiter', async () => {
		sandbox.admin.rateLimits.set({
			provider: 'paysafe',
			limit: 1,
			windowMs: 10_000,
			retryAfterSeconds: 7,
		});

		expect((await client.post(bulkPath(), virtualOrder())).status).toBe(202);
		const limited = await client.post(bulkPath(), virtualOrder());

		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBe('7');
		expect(limited.data.error).toMatchObject({
			code: 'DW-TOO-MANY-REQUESTS',
			message: 'Too many requests',
		});
		expect(counters()).toMatchObject({ bulksAccepted: 1, rateLimited: 1 });
	});

	it('answers unknown routes and wrong methods in Paysafe shape', async () => {
		const missing = await client.get('/customers/1231122232/nothing');
		const wrongMethod = await client.get(bulkPath());

		expect(missing.status).toBe(404);
		expect(missing.data.error.code).toBe('DW-NOT-FOUND');
		expect(wrongMethod.status).toBe(405);
		expect(wrongMethod.headers.allow).toBe('POST');
	});
});
