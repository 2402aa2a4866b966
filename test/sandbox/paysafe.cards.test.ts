import type { AxiosInstance } from 'axios';

import type { Sandbox } from '../../sandbox/server';
import { adminClient, useTestSandbox } from './helpers';
import {
	apiClient,
	cardSpecs,
	EU_CUSTOMER,
	fieldsOf,
	orderBulk,
	physicalOrder,
	US_CUSTOMER,
	virtualOrder,
} from './paysafeHelpers';

let sandbox: Sandbox;
let client: AxiosInstance;
useTestSandbox((started) => (sandbox = started));
beforeEach(async () => {
	client = await apiClient(sandbox);
});

const advance = (ms: number) => sandbox.admin.clock.advance(ms);
const listCards = (query = '', customerId = EU_CUSTOMER) =>
	client.get(`/customers/${customerId}/prepaid/cards${query}`);
const externalIds = (cards: Array<{ externalId?: string }>) =>
	cards.map(({ externalId }) => externalId);

describe('GET /customers/{customerId}/prepaid/cards', () => {
	it('lists nothing before the bulks complete, then the cards in creation order', async () => {
		await orderBulk(client, physicalOrder({ quantity: 2, cards: cardSpecs('a', 2) }));
		await orderBulk(client, virtualOrder({ quantity: 3, cards: cardSpecs('b', 3) }));

		const before = await listCards();
		expect(before.status).toBe(200);
		expect(before.data).toEqual({ cards: [], meta: { numberOfRecords: 0, limit: 10, page: 1 } });

		advance(3000);
		const after = await listCards();

		expect(after.data.meta).toEqual({ numberOfRecords: 5, limit: 10, page: 1 });
		expect(externalIds(after.data.cards)).toEqual(['a-0', 'a-1', 'b-0', 'b-1', 'b-2']);
		expect(after.data.cards[0]).toMatchObject({ status: 'ISSUED', cardType: 'PHYSICAL' });
		expect(after.data.cards[2]).toMatchObject({ status: 'ACTIVE', cardType: 'VIRTUAL' });
		expect((await listCards('', US_CUSTOMER)).data.meta.numberOfRecords).toBe(0);
	});

	it('pages with limit and offset, stable while new cards are created', async () => {
		await orderBulk(client, virtualOrder({ quantity: 20, cards: cardSpecs('first', 20) }));
		advance(3000);
		const firstPage = await listCards('?limit=15&offset=0');
		await orderBulk(client, virtualOrder({ quantity: 20, cards: cardSpecs('second', 20) }));
		advance(3000);
		const secondPage = await listCards('?limit=15&offset=15');

		expect(externalIds(firstPage.data.cards)).toEqual(
			Array.from({ length: 15 }, (_, index) => `first-${index}`),
		);
		expect(externalIds(secondPage.data.cards)).toEqual([
			...Array.from({ length: 5 }, (_, index) => `first-${index + 15}`),
			...Array.from({ length: 10 }, (_, index) => `second-${index}`),
		]);
		expect(secondPage.data.meta).toEqual({ numberOfRecords: 40, limit: 15, page: 2 });
	});

	it('filters by status (comma list) and cardType', async () => {
		await orderBulk(client, physicalOrder({ quantity: 2, cards: cardSpecs('p', 2) }));
		await orderBulk(client, virtualOrder({ quantity: 3, cards: cardSpecs('v', 3) }));
		await orderBulk(client, physicalOrder({ quantity: 1, cards: cardSpecs('q', 1) }));
		advance(3000);

		const issued = await listCards('?status=ISSUED');
		const both = await listCards('?status=ACTIVE,ISSUED&limit=2&offset=1');
		const virtual = await listCards('?cardType=VIRTUAL');
		const none = await listCards('?status=ACTIVE&cardType=PHYSICAL');
		const locked = await listCards('?status=LOCKED,CANCELLED');

		expect(externalIds(issued.data.cards)).toEqual(['p-0', 'p-1', 'q-0']);
		expect(issued.data.meta.numberOfRecords).toBe(3);
		expect(externalIds(both.data.cards)).toEqual(['p-1', 'v-0']);
		expect(both.data.meta).toEqual({ numberOfRecords: 6, limit: 2, page: 1 });
		expect(externalIds(virtual.data.cards)).toEqual(['v-0', 'v-1', 'v-2']);
		expect(none.data.meta.numberOfRecords).toBe(0);
		expect(locked.data.cards).toEqual([]);
	});

	it('accepts include=TOKENIZATIONS,AVAILABLE_ACTIONS', async () => {
		expect((await listCards('?include=TOKENIZATIONS,AVAILABLE_ACTIONS')).status).toBe(200);
	});

	it('refuses unknown filters and bad paging with 400 5068, listing each', async () => {
		const response = await listCards(
			'?status=ACTIVE,BROKEN&cardType=PLASTIC&include=ALL&limit=60&offset=x',
		);

		expect(response.status).toBe(400);
		expect(response.data.error.code).toBe('5068');
		expect(fieldsOf(response.data)).toEqual(['cardType', 'include', 'limit', 'offset', 'status']);
	});

	it('answers 404 DW-NO-SUCH-CUSTOMER for an unknown customer', async () => {
		const response = await listCards('', '42');

		expect(response.status).toBe(404);
		expect(response.data.error.code).toBe('DW-NO-SUCH-CUSTOMER');
	});

	it('is what the admin cards(customerId) call returns, also over HTTP', async () => {
		await orderBulk(client, virtualOrder({ quantity: 2 }));
		advance(3000);

		const listed = (await listCards()).data.cards;
		expect(sandbox.admin.paysafe.cards(EU_CUSTOMER)).toEqual(listed);
		const overHttp = await adminClient(sandbox).get(`/paysafe/customers/${EU_CUSTOMER}/cards`);
		expect(overHttp.data).toEqual({ cards: listed });
	});

	it('stays cheap with 2,000 bulks of 50 for one customer (page 2,000 of 100,000 cards)', async () => {
		let bulks = 0;
		const post = () => {
			const prefix = `bulk${bulks++}`;
			return client.post(
				`/customers/${EU_CUSTOMER}/prepaid/cards/bulk`,
				virtualOrder({ quantity: 50, cards: cardSpecs(prefix, 50) }),
			);
		};
		// 20 at a time; the last one alone, so that the last page is known to be its cards.
		for (let batch = 0; batch < 100; batch += 1) {
			const answers = await Promise.all(Array.from({ length: batch === 99 ? 19 : 20 }, post));
			expect(answers.every(({ status }) => status === 202)).toBe(true);
		}
		expect((await post()).status).toBe(202);
		advance(3000);

		const last = await listCards('?limit=50&offset=99950');
		const filtered = await listCards('?status=ACTIVE&cardType=VIRTUAL&limit=50&offset=99950');

		expect(last.data.meta).toEqual({ numberOfRecords: 100_000, limit: 50, page: 2000 });
		expect(externalIds(last.data.cards)).toEqual(
			Array.from({ length: 50 }, (_, index) => `bulk1999-${index}`),
		);
		expect(filtered.data.cards).toEqual(last.data.cards);
		expect(sandbox.admin.counters().paysafe).toMatchObject({
			bulksAccepted: 2000,
			cardsRequested: 100_000,
			cardsCreated: 100_000,
			duplicateExternalIds: 0,
		});
	});
});
