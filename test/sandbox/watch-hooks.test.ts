import axios from 'axios';

import {
	DEFAULT_QONTO_SECRET_KEY,
	DEFAULT_QONTO_LOGIN,
	DEFAULT_QONTO_STAGING_TOKEN,
} from '../../sandbox/providers/qonto';
import type { Sandbox } from '../../sandbox/server';
import { walletClient } from './dinteroHelpers';
import { adminClient, createBulk, nymCardClient, submitBulk, useTestSandbox } from './helpers';

// What the Bulk Card Trigger's tests need from the sandbox: statuses that change on demand, and
// thousands of cards without thousands of create calls.
let sandbox: Sandbox;
useTestSandbox((started) => (sandbox = started));

function qontoClient() {
	return axios.create({
		baseURL: `${sandbox.url}/qonto/v2`,
		headers: {
			authorization: `${DEFAULT_QONTO_LOGIN}:${DEFAULT_QONTO_SECRET_KEY}`,
			'x-qonto-staging-token': DEFAULT_QONTO_STAGING_TOKEN,
		},
		validateStatus: () => true,
	});
}

describe('NymCard card status hook', () => {
	it('shows a status set through the admin API, in-process or over HTTP', async () => {
		const client = nymCardClient(sandbox);
		const bulk = await createBulk(client, { number_of_cards: 3 });
		await submitBulk(client, bulk.id);
		sandbox.admin.nymcard.setCardStatus(bulk.id, 1, 'SUSPENDED');
		const http = await adminClient(sandbox).post(`/nymcard/bulks/${bulk.id}/cards/2/status`, {
			status: 'TERMINATED',
		});
		expect(http.status).toBe(200);
		const page = await client.get('/cards', { params: { bulk_issuance_id: bulk.id } });
		expect(page.data.data.map((card: { status: string }) => card.status)).toEqual([
			'INACTIVE',
			'SUSPENDED',
			'TERMINATED',
		]);
	});

	it('refuses an unknown status or card', async () => {
		const bulk = await createBulk(nymCardClient(sandbox), { number_of_cards: 1 });
		const admin = adminClient(sandbox);
		expect(
			(await admin.post(`/nymcard/bulks/${bulk.id}/cards/0/status`, { status: 'LOST' })).status,
		).toBe(400);
		expect(
			(await admin.post(`/nymcard/bulks/${bulk.id}/cards/5/status`, { status: 'ACTIVE' })).status,
		).toBe(404);
	});
});

describe('Qonto card hooks', () => {
	it('seeds cards in bulk, listed oldest first on request', async () => {
		const ids = sandbox.admin.qonto.seedCards(250);
		expect(new Set(ids).size).toBe(250);
		const page = await qontoClient().get('/cards', {
			params: { per_page: 100, page: 3, sort_by: 'created_at:asc' },
		});
		expect(page.status).toBe(200);
		expect(page.data.cards.map((card: { id: string }) => card.id)).toEqual(ids.slice(200));
		expect(page.data.meta).toMatchObject({ total_count: 250, next_page: null });
	});

	it('moves a card to a status set through the admin API', async () => {
		const [id] = sandbox.admin.qonto.seedCards(1);
		const http = await adminClient(sandbox).post(`/qonto/cards/${id}/status`, { status: 'lost' });
		expect(http.status).toBe(200);
		const page = await qontoClient().get('/cards', { params: { 'ids[]': id } });
		expect(page.data.cards[0].status).toBe('lost');
		expect(
			(await adminClient(sandbox).post(`/qonto/cards/${id}/status`, { status: 'gone' })).status,
		).toBe(400);
	});

	it('seeds over HTTP with card overrides', async () => {
		const response = await adminClient(sandbox).post('/qonto/cards/seed', {
			count: 2,
			card: { card_level: 'flash' },
		});
		expect(response.status).toBe(201);
		expect(response.data.ids).toHaveLength(2);
	});
});

describe('Dintero card hooks', () => {
	it('seeds inactive cards in bulk, listed oldest first, not counted as created', async () => {
		const ids = sandbox.admin.dintero.seedCards(150, { prefix: 'WATCH-' });
		expect(ids.slice(0, 2)).toEqual(['WATCH-1', 'WATCH-2']);
		const wallet = await walletClient(sandbox);
		const first = await wallet.get('/cards', { params: { limit: 100 } });
		expect(first.data.cards).toHaveLength(100);
		const second = await wallet.get('/cards', {
			params: { limit: 100, starting_after: first.data.starting_after },
		});
		expect(
			[...first.data.cards, ...second.data.cards].map((card: { card_id: string }) => card.card_id),
		).toEqual(ids);
		expect(second.data.starting_after).toBeUndefined();
		expect(second.data.cards[0]).toMatchObject({ status: 'inactive', type: 'gift_card' });
		expect(sandbox.admin.counters().dintero.cardsCreated).toBe(0);
		// The next seed goes on counting, so its ids never collide.
		expect(sandbox.admin.dintero.seedCards(1, { prefix: 'WATCH-' })).toEqual(['WATCH-151']);
	});

	it("seeds a customer's activated cards, and holds a status set through the admin API", async () => {
		const [mine] = sandbox.admin.dintero.seedCards(1, { customerId: 'cust-1' });
		const [other] = sandbox.admin.dintero.seedCards(1);
		const wallet = await walletClient(sandbox);
		const customer = await wallet.get('/customers/cust-1/cards');
		expect(customer.data.cards).toEqual([
			expect.objectContaining({ card_id: mine, status: 'unused', customer_id: 'cust-1' }),
		]);
		const http = await adminClient(sandbox).post(`/dintero/cards/${other}/status`, {
			status: 'expired',
		});
		expect(http.status).toBe(200);
		expect((await wallet.get(`/cards/${other}`)).data.status).toBe('expired');
		sandbox.admin.dintero.setCardStatus(other, null);
		expect((await wallet.get(`/cards/${other}`)).data.status).toBe('inactive');
		const admin = adminClient(sandbox);
		expect((await admin.post(`/dintero/cards/${other}/status`, { status: 'lost' })).status).toBe(
			400,
		);
		expect((await admin.post('/dintero/cards/nope/status', { status: 'used' })).status).toBe(404);
		const seeded = await admin.post('/dintero/cards/seed', { count: 2, prefix: 'H-' });
		expect(seeded.status).toBe(201);
		expect(seeded.data.cardIds).toEqual(['H-3', 'H-4']);
	});
});
