import type { AxiosInstance } from 'axios';

import { DEFAULT_QONTO_ORGANIZATION_ID } from '../../sandbox/providers/qonto';
import type { Sandbox } from '../../sandbox/server';
import { useTestSandbox } from './helpers';
import {
	BANK_ACCOUNT_ID,
	bulkBody,
	createWithSca,
	HOLDER_ID,
	idempotencyHeaders,
	oauthClient,
	OTHER_HOLDER_ID,
	physicalCard,
	pointersOf,
	qontoClient,
	virtualCard,
} from './qonto.helpers';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

let sandbox: Sandbox;
let client: AxiosInstance;

useTestSandbox((started) => (sandbox = started));

beforeEach(() => {
	client = oauthClient(sandbox);
});

function withoutSca() {
	sandbox.admin.qonto.configure({ scaMode: 'off' });
}

describe('POST /v2/cards/bulk validation', () => {
	beforeEach(withoutSca);

	it('refuses a body without 1..50 cards as a whole (400, nothing created)', async () => {
		for (const body of [{}, { cards: [] }, { cards: 'x' }, bulkBody(51)]) {
			const response = await client.post('/v2/cards/bulk', body);
			expect(response.status).toBe(400);
			expect(response.data.errors[0].source.pointer).toBe('/cards');
			expect(response.data.trace_id).toEqual(expect.any(String));
		}
		expect((await client.post('/v2/cards/bulk', bulkBody(50))).data.cards).toHaveLength(50);
		expect(sandbox.admin.counters().qonto.cardsCreated).toBe(50);
	});

	it('lists every bad field of a card, per card, and creates the valid ones', async () => {
		const response = await client.post('/v2/cards/bulk', {
			cards: [
				virtualCard(),
				{ card: { card_level: 'gold', holder_id: 'x', atm_option: 'yes', colour: 'red' } },
				physicalCard({
					ship_to_business: undefined,
					address: { first_line: '1 rue', country: 'France' },
				}),
				physicalCard({
					atm_monthly_limit: undefined,
					atm_daily_limit_option: true,
					atm_daily_limit: undefined,
					active_days: [0, 8],
				}),
				virtualCard({ type_of_print: 'embossed', payment_transaction_limit_option: true }),
				virtualCard({ holder_id: UNKNOWN_ID, bank_account_id: UNKNOWN_ID }),
				physicalCard({
					card_level: 'plus',
					type_of_print: 'embossed',
					ship_to_business: true,
					address: undefined,
				}),
			],
		});
		expect(response.status).toBe(200);
		const [ok, bad, physical, limits, virtualBad, unknown, plus] = response.data.cards;
		expect(ok.card).toMatchObject({
			status: 'pending',
			card_level: 'virtual',
			holder_id: HOLDER_ID,
		});
		expect(pointersOf(bad.errors)).toEqual([
			'/cards/1/card/atm_option',
			'/cards/1/card/bank_account_id',
			'/cards/1/card/card_level',
			'/cards/1/card/colour',
			'/cards/1/card/holder_id',
			'/cards/1/card/payment_monthly_limit',
		]);
		expect(
			bad.errors.find((e: { source: { pointer: string } }) =>
				e.source.pointer.endsWith('/holder_id'),
			),
		).toEqual({
			code: 'invalid',
			detail: 'holder_id must be a UUID',
			source: { pointer: '/cards/1/card/holder_id' },
		});
		expect(pointersOf(physical.errors)).toEqual([
			'/cards/2/card/address/city',
			'/cards/2/card/address/contact_name',
			'/cards/2/card/address/country',
			'/cards/2/card/address/zipcode',
			'/cards/2/card/ship_to_business',
		]);
		expect(pointersOf(limits.errors)).toEqual([
			'/cards/3/card/active_days',
			'/cards/3/card/atm_daily_limit',
			'/cards/3/card/atm_monthly_limit',
		]);
		expect(pointersOf(virtualBad.errors)).toEqual([
			'/cards/4/card/payment_transaction_limit',
			'/cards/4/card/type_of_print',
		]);
		expect(unknown.errors.map((e: { code: string }) => e.code)).toEqual(['not_found', 'not_found']);
		expect(plus.card).toMatchObject({
			card_level: 'plus',
			type_of_print: 'embossed',
			ship_to_business: true,
		});
		expect(sandbox.admin.counters().qonto).toMatchObject({
			cardsCreated: 2,
			cardErrors: 5,
			bulkCalls: 1,
		});
	});

	it('refuses virtual_partner (unconfirmed level) and an organization_id of another organisation', async () => {
		const response = await client.post('/v2/cards/bulk', {
			cards: [
				virtualCard({ card_level: 'virtual_partner' }),
				virtualCard({ organization_id: UNKNOWN_ID }),
				virtualCard({ organization_id: DEFAULT_QONTO_ORGANIZATION_ID }),
			],
		});
		expect(response.data.cards[0].errors[0].source.pointer).toBe('/cards/0/card/card_level');
		expect(response.data.cards[1].errors[0].source.pointer).toBe('/cards/1/card/organization_id');
		expect(response.data.cards[2].card.organization_id).toBe(DEFAULT_QONTO_ORGANIZATION_ID);
	});

	it('answers 404 not_found when the plan has no bulk creation', async () => {
		sandbox.admin.qonto.configure({ bulkCreationAvailable: false });
		const response = await client.post('/v2/cards/bulk', bulkBody(1));
		expect(response.status).toBe(404);
		expect(response.data.errors[0].code).toBe('not_found');
		expect(sandbox.admin.counters().qonto.cardsCreated).toBe(0);
	});
});

describe('idempotency (X-Qonto-Idempotency-Key)', () => {
	beforeEach(withoutSca);
	const key = idempotencyHeaders('6f1c2a4e-8b3d-4e5f-9a0b-1c2d3e4f5a6b');

	it('replays the first answer for 30 minutes of sandbox time, even for another body', async () => {
		const first = await client.post('/v2/cards/bulk', bulkBody(3), { headers: key });
		const again = await client.post('/v2/cards/bulk', bulkBody(3), { headers: key });
		const otherBody = await client.post('/v2/cards/bulk', bulkBody(5), { headers: key });
		expect(again.data).toEqual(first.data);
		expect(otherBody.data).toEqual(first.data);
		expect(sandbox.admin.counters().qonto).toMatchObject({
			cardsCreated: 3,
			idempotentReplays: 2,
			bulkCalls: 1,
		});
		sandbox.admin.clock.advance(30 * 60 * 1000);
		const later = await client.post('/v2/cards/bulk', bulkBody(3), { headers: key });
		expect(later.data.cards[0].card.id).not.toBe(first.data.cards[0].card.id);
		expect(sandbox.admin.counters().qonto.cardsCreated).toBe(6);
	});

	it('answers 422 for another body under the same key in "conflict" mode', async () => {
		sandbox.admin.qonto.configure({ idempotencyMismatch: 'conflict' });
		await client.post('/v2/cards/bulk', bulkBody(2), { headers: key });
		const conflict = await client.post('/v2/cards/bulk', bulkBody(4), { headers: key });
		expect(conflict.status).toBe(422);
		expect(conflict.data.errors[0].code).toBe('idempotency_key_reused');
		expect(sandbox.admin.counters().qonto).toMatchObject({
			cardsCreated: 2,
			idempotencyConflicts: 1,
		});
	});

	it('does not remember a refused request, so it can be corrected under the same key', async () => {
		expect((await client.post('/v2/cards/bulk', { cards: [] }, { headers: key })).status).toBe(400);
		expect((await client.post('/v2/cards/bulk', bulkBody(1), { headers: key })).status).toBe(200);
	});
});

describe('strong customer authentication', () => {
	it('answers 428 with a session token, then creates once on the approved identical replay', async () => {
		const body = bulkBody(4);
		const first = await client.post('/v2/cards/bulk', body);
		expect(first.status).toBe(428);
		const token = first.data.sca_session_token;
		expect(token).toEqual(expect.any(String));
		expect((await client.get(`/v2/sca_sessions/${token}`)).data).toEqual({ result: 'waiting' });
		const early = await client.post('/v2/cards/bulk', body, {
			headers: { 'X-Qonto-Sca-Session-Token': token },
		});
		expect(early.status).toBe(412);
		expect(sandbox.admin.counters().qonto.cardsCreated).toBe(0);

		const decided = await client.post(`/v2/mocked_sca_sessions/${token}/allow`);
		expect(decided.data).toEqual({ message: 'Success' });
		expect((await client.get(`/v2/mocked_sca_sessions/${token}`)).data).toEqual({
			result: 'allow',
			canceled_at: null,
		});

		const replay = await client.post('/v2/cards/bulk', body, {
			headers: { 'X-Qonto-Sca-Session-Token': token },
		});
		expect(replay.status).toBe(200);
		expect(replay.data.cards).toHaveLength(4);
		const reused = await client.post('/v2/cards/bulk', body, {
			headers: { 'X-Qonto-Sca-Session-Token': token },
		});
		expect(reused.status).toBe(412);
		expect(reused.data.errors[0].code).toBe('sca_session_used');
		expect(sandbox.admin.counters().qonto).toMatchObject({
			cardsCreated: 4,
			bulkCalls: 1,
			scaSessionsCreated: 1,
			scaSessionsApproved: 1,
		});
	});

	it('creates nothing for a denied session or a different request', async () => {
		const body = bulkBody(2);
		const token = (await client.post('/v2/cards/bulk', body)).data.sca_session_token;
		const other = await client.post('/v2/cards/bulk', bulkBody(3), {
			headers: { 'X-Qonto-Sca-Session-Token': token },
		});
		expect(other.status).toBe(412);
		sandbox.admin.qonto.sca.deny(token);
		const denied = await client.post('/v2/cards/bulk', body, {
			headers: { 'X-Qonto-Sca-Session-Token': token },
		});
		expect(denied.status).toBe(412);
		expect(denied.data.errors[0].code).toBe('sca_session_denied');
		expect(() => sandbox.admin.qonto.sca.approve(token)).toThrow(/already decided/);
		expect(sandbox.admin.counters().qonto).toMatchObject({ cardsCreated: 0, scaSessionsDenied: 1 });
	});

	it('turns a session to deny after 15 minutes, and can auto-approve after N ms', async () => {
		const body = bulkBody(1);
		const token = (await client.post('/v2/cards/bulk', body)).data.sca_session_token;
		sandbox.admin.clock.advance(15 * 60 * 1000);
		const expired = (await client.get(`/v2/mocked_sca_sessions/${token}`)).data;
		expect(expired).toEqual({ result: 'deny', canceled_at: expect.any(String) });

		sandbox.admin.qonto.configure({ scaAutoApproveAfterMs: 2000 });
		const auto = (await client.post('/v2/cards/bulk', body)).data.sca_session_token;
		expect(sandbox.admin.qonto.sca.list().find((s) => s.token === auto)?.result).toBe('waiting');
		sandbox.admin.clock.advance(2000);
		const replay = await client.post('/v2/cards/bulk', body, {
			headers: { 'X-Qonto-Sca-Session-Token': auto },
		});
		expect(replay.status).toBe(200);
		expect(sandbox.admin.counters().qonto).toMatchObject({
			scaSessionsExpired: 1,
			scaSessionsApproved: 1,
			cardsCreated: 1,
		});
	});

	it('keeps the 2FA preference part of the identical request', async () => {
		const body = bulkBody(1);
		const headers = { 'X-Qonto-2fa-Preference': 'passkey' };
		const token = (await client.post('/v2/cards/bulk', body, { headers })).data.sca_session_token;
		sandbox.admin.qonto.sca.approve(token);
		const without = await client.post('/v2/cards/bulk', body, {
			headers: { 'X-Qonto-Sca-Session-Token': token },
		});
		expect(without.status).toBe(412);
		const withIt = await client.post('/v2/cards/bulk', body, {
			headers: { ...headers, 'X-Qonto-Sca-Session-Token': token },
		});
		expect(withIt.status).toBe(200);
	});

	it('replays an idempotent success without asking for SCA again', async () => {
		const headers = idempotencyHeaders('b7e1f0c2-1d2e-4f3a-8b4c-5d6e7f8a9b0c');
		const created = await createWithSca(sandbox, client, bulkBody(2), headers);
		const again = await client.post('/v2/cards/bulk', bulkBody(2), { headers });
		expect(again.status).toBe(200);
		expect(again.data).toEqual(created.data);
		expect(sandbox.admin.counters().qonto).toMatchObject({
			cardsCreated: 2,
			scaSessionsCreated: 1,
			idempotentReplays: 1,
		});
	});
});

describe('GET /v2/cards', () => {
	async function seed(): Promise<string[]> {
		withoutSca();
		const response = await client.post('/v2/cards/bulk', {
			cards: [
				virtualCard(),
				physicalCard(),
				virtualCard({ holder_id: OTHER_HOLDER_ID }),
				virtualCard({ card_level: 'flash' }),
				physicalCard({ card_level: 'metal', holder_id: OTHER_HOLDER_ID }),
			],
		});
		return response.data.cards.map((item: { card: { id: string } }) => item.card.id);
	}

	it('filters by ids[], holder_ids[], card_levels[], bank_account_ids[], statuses[] and query', async () => {
		const ids = await seed();
		const reader = qontoClient(sandbox, { apiKey: true });
		const idsOf = async (params: string) =>
			((await reader.get(`/v2/cards?${params}`)).data.cards as Array<{ id: string }>)
				.map(({ id }) => id)
				.sort();
		expect(await idsOf(`ids[]=${ids[0]}&ids[]=${ids[3]}`)).toEqual([ids[0], ids[3]].sort());
		expect(await idsOf(`holder_ids[]=${OTHER_HOLDER_ID}`)).toEqual([ids[2], ids[4]].sort());
		expect(await idsOf('card_levels[]=standard&card_levels[]=metal')).toEqual(
			[ids[1], ids[4]].sort(),
		);
		expect(await idsOf(`bank_account_ids[]=${BANK_ACCOUNT_ID}`)).toHaveLength(5);
		expect(await idsOf('statuses[]=live')).toEqual([]);
		expect(await idsOf('query=camille')).toEqual([ids[2], ids[4]].sort());
		expect(await idsOf(`query=${ids[1].slice(0, 8)}`)).toEqual([ids[1]]);
	});

	it('pages with meta and sorts by created_at', async () => {
		const ids = await seed();
		const page1 = await client.get('/v2/cards', {
			params: { per_page: 2, sort_by: 'created_at:asc' },
		});
		expect(page1.data.meta).toEqual({
			current_page: 1,
			next_page: 2,
			prev_page: null,
			total_pages: 3,
			total_count: 5,
			per_page: 2,
		});
		expect(page1.data.cards.map((card: { id: string }) => card.id)).toEqual(ids.slice(0, 2));
		const page3 = await client.get('/v2/cards', {
			params: { per_page: 2, page: 3, sort_by: 'created_at:asc' },
		});
		expect(page3.data.meta).toMatchObject({ current_page: 3, next_page: null, prev_page: 2 });
		expect(page3.data.cards.map((card: { id: string }) => card.id)).toEqual([ids[4]]);
		const newest = await client.get('/v2/cards', { params: { per_page: 1 } });
		expect(newest.data.cards[0].id).toBe(ids[4]);
	});

	it('refuses bad parameters with errors[].source.parameter', async () => {
		const response = await client.get(
			'/v2/cards?per_page=101&page=0&statuses[]=active&sort_by=name:up&ids[]=x',
		);
		expect(response.status).toBe(400);
		expect(
			response.data.errors.map((e: { source: { parameter: string } }) => e.source.parameter).sort(),
		).toEqual(['ids[]', 'page', 'per_page', 'sort_by', 'statuses[]']);
	});

	it('moves cards from pending to live on the sandbox clock; onhold holders stay onhold', async () => {
		sandbox.admin.qonto.configure({ onholdHolderIds: [OTHER_HOLDER_ID] });
		await seed();
		const statusesAfter = async () =>
			(
				(await client.get('/v2/cards', { params: { sort_by: 'created_at:asc' } })).data
					.cards as Array<{ status: string }>
			).map(({ status }) => status);
		expect(await statusesAfter()).toEqual(['pending', 'pending', 'onhold', 'pending', 'onhold']);
		sandbox.admin.clock.advance(30_000);
		expect(await statusesAfter()).toEqual(['live', 'pending', 'onhold', 'live', 'onhold']);
		sandbox.admin.clock.advance(5 * 60 * 1000);
		expect(await statusesAfter()).toEqual(['live', 'live', 'onhold', 'live', 'onhold']);
		const live = await client.get('/v2/cards', { params: { 'statuses[]': 'live' } });
		expect(live.data.meta.total_count).toBe(3);
	});
});

describe('rate limits and faults', () => {
	it("answers 429 in Qonto's error shape through the shared limiter", async () => {
		sandbox.admin.rateLimits.set({ provider: 'qonto', limit: 2, windowMs: 10_000 });
		const reader = qontoClient(sandbox, { apiKey: true });
		const statuses = [];
		for (let i = 0; i < 3; i++) statuses.push((await reader.get('/v2/cards')).status);
		expect(statuses).toEqual([200, 200, 429]);
		const limited = await reader.get('/v2/cards');
		expect(limited.data.errors[0].code).toBe('too_many_requests');
		expect(limited.headers['retry-after']).toEqual(expect.any(String));
		expect(sandbox.admin.counters().qonto.rateLimited).toBe(2);
	});
});
