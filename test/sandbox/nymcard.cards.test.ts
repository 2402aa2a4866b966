import { createHash } from 'crypto';

import type { AxiosInstance } from 'axios';

import { activationToken, isLuhnValid } from '../../sandbox/providers/nymcard';
import type { Sandbox } from '../../sandbox/server';
import {
	adminClient,
	createBulk,
	fieldsOf,
	nymCardClient,
	startTestSandbox,
	submitBulk,
} from './helpers';

const USER_ID = '8009ace0-c16e-4d03-8a89-36010cf30b87';
const OTHER_USER_ID = '0b5f1c2e-6a3d-4e8f-9b7a-1c2d3e4f5a6b';
const DOCS_EXAMPLE_HASH =
	'4E8AACE317CBF21390FA7F9DB3F772E724DB1A50609F5592F3007E3AD54A463F9BD0B45A8EC1BC204C32655E8AE1B3964B67C2DAADFA0DA95B49C1CE83F86946';

let sandbox: Sandbox;
let client: AxiosInstance;

beforeAll(async () => {
	sandbox = await startTestSandbox();
	client = nymCardClient(sandbox);
});

afterAll(async () => {
	await sandbox.close();
});

beforeEach(() => {
	sandbox.admin.reset();
});

async function allCards(bulkId: string, limit: number): Promise<Array<Record<string, unknown>>> {
	const cards: Array<Record<string, unknown>> = [];
	let after: string | null = null;
	do {
		const params: Record<string, unknown> = { bulk_issuance_id: bulkId, limit };
		if (after !== null) params.after = after;
		const page = await client.get('/cards', { params });
		expect(page.status).toBe(200);
		cards.push(...page.data.data);
		after = page.data.paging.after;
	} while (after !== null);
	return cards;
}

describe('activation token', () => {
	it("matches the NymCard docs' example", () => {
		const input = '41224324423212342112453';
		expect(createHash('sha512').update(input).digest('hex').toUpperCase()).toBe(DOCS_EXAMPLE_HASH);
		expect(activationToken({ pan: '4122432442321234', expiry: '2112', cvv2: '453' })).toBe(
			DOCS_EXAMPLE_HASH,
		);
	});
});

describe('card secrets (admin)', () => {
	it('are deterministic, Luhn-valid, on BIN 412243, and the same over HTTP', async () => {
		const bulk = await createBulk(client, { number_of_cards: 3 });
		const secrets = [0, 1, 2].map((index) => sandbox.admin.nymcard.cardSecrets(bulk.id, index));

		for (const { pan, expiry, cvv2 } of secrets) {
			expect(pan).toMatch(/^412243\d{10}$/);
			expect(isLuhnValid(pan)).toBe(true);
			expect(expiry).toMatch(/^\d{2}(0[1-9]|1[0-2])$/);
			expect(cvv2).toMatch(/^\d{3}$/);
		}
		expect(new Set(secrets.map(({ pan }) => pan)).size).toBe(3);
		expect(sandbox.admin.nymcard.cardSecrets(bulk.id, 2)).toEqual(secrets[2]);
		expect([isLuhnValid('4111111111111111'), isLuhnValid('4111111111111112')]).toEqual([
			true,
			false,
		]);
		const overHttp = await adminClient(sandbox).get(`/nymcard/bulks/${bulk.id}/cards/1/secrets`);
		expect(overHttp.data).toEqual(secrets[1]);
	});

	it('answers 404 for an unknown bulk or an index outside it', async () => {
		const bulk = await createBulk(client, { number_of_cards: 3 });
		const admin = adminClient(sandbox);
		expect((await admin.get(`/nymcard/bulks/${bulk.id}/cards/3/secrets`)).status).toBe(404);
		expect((await admin.get('/nymcard/bulks/nope/cards/0/secrets')).status).toBe(404);
		expect(() => sandbox.admin.nymcard.cardSecrets(bulk.id, -1)).toThrow(/cards 0\.\.2/);
	});
});

describe('GET /cards', () => {
	it('pages through every card of a bulk once, without PAN or CVV2', async () => {
		const bulk = await createBulk(client, { number_of_cards: 250, name_on_card: 'Branch 7' });
		const cards = await allCards(bulk.id, 100);

		expect(cards).toHaveLength(250);
		expect(new Set(cards.map(({ id }) => id)).size).toBe(250);
		expect(cards[0]).toEqual({
			id: expect.stringMatching(
				/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
			),
			bulk_issuance_id: bulk.id,
			card_product_id: bulk.card_product_id,
			status: 'INACTIVE',
			fulfillment_status: 'Created',
			masked_pan: expect.stringMatching(/^412243\*{6}\d{4}$/),
			expiry_date: expect.stringMatching(/^\d{4}$/),
			name_on_card: 'Branch 7',
			user_id: null,
			created_at: bulk.created_at,
		});
		const secrets = sandbox.admin.nymcard.cardSecrets(bulk.id, 0);
		expect(cards[0].masked_pan).toBe(`412243******${secrets.pan.slice(-4)}`);
		expect(JSON.stringify(cards)).not.toContain(secrets.pan);
		expect(cards.every((card) => !('cvv2' in card) && !('pan' in card))).toBe(true);
	});

	it('needs a known bulk and rejects a cursor from another bulk', async () => {
		const first = await createBulk(client, { number_of_cards: 5 });
		const second = await createBulk(client, { number_of_cards: 5 });

		const missing = await client.get('/cards');
		expect(missing.status).toBe(400);
		expect(fieldsOf(missing.data)).toEqual(['bulk_issuance_id']);
		const unknown = await client.get('/cards', {
			params: { bulk_issuance_id: '3fa85f64-5717-4562-b3fc-2c963f66afa6' },
		});
		expect(unknown.status).toBe(404);

		const page = await client.get('/cards', { params: { bulk_issuance_id: first.id, limit: 2 } });
		const foreign = await client.get('/cards', {
			params: { bulk_issuance_id: second.id, after: page.data.paging.after },
		});
		expect(foreign.status).toBe(400);
		expect(fieldsOf(foreign.data)).toEqual(['after']);
	});

	it('creates bulks lazily: a million cards are counted and derivable without being stored', async () => {
		let lastBulkId = '';
		for (let bulk = 0; bulk < 200; bulk += 1) {
			lastBulkId = (await createBulk(client, { number_of_cards: 5000 })).id;
		}
		expect(sandbox.admin.counters().nymcard.cardsCreated).toBe(1_000_000);
		const pans = [0, 4999].map((index) => sandbox.admin.nymcard.cardSecrets(lastBulkId, index).pan);
		expect(pans.every(isLuhnValid)).toBe(true);
	});
});

describe('POST /cards:link', () => {
	async function submittedCard(index = 0): Promise<{ bulkId: string; token: string }> {
		const bulk = await createBulk(client, { number_of_cards: 10 });
		await submitBulk(client, bulk.id);
		return {
			bulkId: bulk.id,
			token: activationToken(sandbox.admin.nymcard.cardSecrets(bulk.id, index)),
		};
	}

	it('links the card whose PAN, expiry and CVV2 give the token, and activates it', async () => {
		const { bulkId, token } = await submittedCard(3);
		const response = await client.post('/cards:link', {
			activation_token: token,
			user_id: USER_ID,
		});

		expect(response.status).toBe(200);
		expect(response.data).toMatchObject({
			bulk_issuance_id: bulkId,
			status: 'ACTIVE',
			user_id: USER_ID,
		});
		const cards = await allCards(bulkId, 100);
		expect(cards.filter((card) => card.status === 'ACTIVE').map((card) => card.id)).toEqual([
			response.data.id,
		]);
		expect(cards[3].id).toBe(response.data.id);
		expect(sandbox.admin.counters().nymcard.cardsLinked).toBe(1);
	});

	it('accepts the same link twice and refuses another user', async () => {
		const { token } = await submittedCard();
		const first = await client.post('/cards:link', { activation_token: token, user_id: USER_ID });
		const again = await client.post('/cards:link', { activation_token: token, user_id: USER_ID });
		const other = await client.post('/cards:link', {
			activation_token: token,
			user_id: OTHER_USER_ID,
		});

		expect(again.status).toBe(200);
		expect(again.data).toEqual(first.data);
		expect(other.status).toBe(409);
		expect(other.data.error.code).toBe('CARD_ALREADY_LINKED');
		expect(sandbox.admin.counters().nymcard.cardsLinked).toBe(1);
	});

	it('refuses a card of a bulk that is not submitted', async () => {
		const bulk = await createBulk(client, { number_of_cards: 1 });
		const token = activationToken(sandbox.admin.nymcard.cardSecrets(bulk.id, 0));
		const response = await client.post('/cards:link', {
			activation_token: token,
			user_id: USER_ID,
		});
		expect(response.status).toBe(409);
		expect(response.data.error.code).toBe('BULK_NOT_SUBMITTED');
	});

	it('validates the token format and the user id, and answers 404 for an unknown token', async () => {
		const { token } = await submittedCard();
		const lowercase = await client.post('/cards:link', {
			activation_token: token.toLowerCase(),
			user_id: 'user-1',
		});
		expect(lowercase.status).toBe(400);
		expect(fieldsOf(lowercase.data)).toEqual(['activation_token', 'user_id']);
		const short = await client.post('/cards:link', {
			activation_token: token.slice(1),
			user_id: USER_ID,
		});
		expect(fieldsOf(short.data)).toEqual(['activation_token']);

		const unknown = await client.post('/cards:link', {
			activation_token: DOCS_EXAMPLE_HASH,
			user_id: USER_ID,
		});
		expect(unknown.status).toBe(404);
		expect(unknown.data.error.code).toBe('CARD_NOT_FOUND');
	});

	it('honours the idempotency key and logs only the start of the token', async () => {
		const { token } = await submittedCard();
		const headers = { 'x-nymos-idempotency-key': 'link-1' };
		const first = await client.post(
			'/cards:link',
			{ activation_token: token, user_id: USER_ID },
			{ headers },
		);
		const replay = await client.post(
			'/cards:link',
			{ activation_token: token, user_id: USER_ID },
			{ headers },
		);
		const reuse = await client.post(
			'/cards:link',
			{ activation_token: token, user_id: OTHER_USER_ID },
			{ headers },
		);

		expect(replay.data).toEqual(first.data);
		expect(reuse.status).toBe(409);
		expect(reuse.data.error.code).toBe('DUPLICATE_REQUEST');
		expect(sandbox.admin.counters().nymcard).toMatchObject({
			idempotentReplays: 1,
			cardsLinked: 1,
		});

		const log = (await adminClient(sandbox).get('/requests', { params: { provider: 'nymcard' } }))
			.data;
		const links = log.filter((entry: { path: string }) => entry.path === '/nymcard/v1/cards:link');
		expect(links).toHaveLength(3);
		expect(links[0]).toMatchObject({
			method: 'POST',
			idempotencyKey: 'link-1',
			status: 200,
			body: { activation_token: token.slice(0, 8), user_id: USER_ID },
		});
		expect(JSON.stringify(log)).not.toContain(token);
		expect(JSON.stringify(log)).not.toContain('nymcard-sandbox-key');
	});
});
