import type { Sandbox } from '../../sandbox/server';
import {
	basicAuth,
	CLIENT_ID,
	CLIENT_SECRET,
	errorFields,
	PRODUCTION_ACCOUNT,
	rawDinteroClient,
	requestToken,
	TEST_ACCOUNT,
	walletClient,
} from './dinteroHelpers';
import { useTestSandbox } from './helpers';

let sandbox: Sandbox;
useTestSandbox((started) => (sandbox = started));

const counters = () => sandbox.admin.counters().dintero;
const listCards = (token: string, account = TEST_ACCOUNT) =>
	rawDinteroClient(sandbox).get(`/accounts/${account}/wallets/cards`, {
		headers: { authorization: `Bearer ${token}` },
	});

describe('POST /accounts/{aid}/auth/token', () => {
	it('grants a Bearer JWT for Basic client credentials and a JSON client_credentials body', async () => {
		const response = await requestToken(sandbox);

		expect(response.status).toBe(200);
		expect(response.data).toEqual({
			access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
			token_type: 'Bearer',
			expires_in: 4 * 60 * 60,
		});
		const payload = JSON.parse(
			Buffer.from(response.data.access_token.split('.')[1], 'base64url').toString('utf8'),
		);
		expect(payload).toMatchObject({
			sub: CLIENT_ID,
			aud: `https://api.dintero.com/v1/accounts/${TEST_ACCOUNT}`,
		});
		expect((await listCards(response.data.access_token)).status).toBe(200);
		expect(counters()).toMatchObject({ tokenRequests: 1, tokensIssued: 1 });
	});

	it.each([
		['a wrong secret', TEST_ACCOUNT, basicAuth(CLIENT_ID, 'wrong'), 401, 'unauthorized'],
		['no Basic header', TEST_ACCOUNT, undefined, 401, 'unauthorized'],
		[
			"another account's client",
			PRODUCTION_ACCOUNT,
			basicAuth(CLIENT_ID, CLIENT_SECRET),
			401,
			'unauthorized',
		],
		['an unknown account', 'T99999999', basicAuth(CLIENT_ID, CLIENT_SECRET), 404, 'not_found'],
		[
			'a malformed account id',
			'X12345678',
			basicAuth(CLIENT_ID, CLIENT_SECRET),
			400,
			'validation_error',
		],
	])('refuses %s', async (_case, account, authorization, status, code) => {
		const response = await rawDinteroClient(sandbox).post(
			`/accounts/${account}/auth/token`,
			{
				grant_type: 'client_credentials',
				audience: `https://api.dintero.com/v1/accounts/${account}`,
			},
			{ headers: authorization === undefined ? {} : { authorization } },
		);

		expect(response.status).toBe(status);
		expect(response.data.error).toMatchObject({ code, message: expect.any(String) });
		expect(JSON.stringify(response.data)).not.toContain(CLIENT_SECRET);
		expect(counters()).toMatchObject({
			tokenRequests: 1,
			tokensIssued: 0,
			tokenRequestsRefused: 1,
		});
	});

	it('lists every problem of the body: grant_type and audience', async () => {
		const response = await rawDinteroClient(sandbox).post(
			`/accounts/${TEST_ACCOUNT}/auth/token`,
			{ grant_type: 'password', audience: 'https://api.dintero.com/v1/accounts/T00000000' },
			{ headers: { authorization: basicAuth(CLIENT_ID, CLIENT_SECRET) } },
		);

		expect(response.status).toBe(400);
		expect(errorFields(response.data)).toEqual(['audience', 'grant_type']);
	});
});

describe('Bearer tokens on wallet calls', () => {
	it('work until expires_in has passed on the sandbox clock, then answer 401', async () => {
		sandbox.admin.dintero.configure({ tokenLifetimeSeconds: 600 });
		const { data } = await requestToken(sandbox);
		expect(data.expires_in).toBe(600);

		sandbox.admin.clock.advance(599_000);
		expect((await listCards(data.access_token)).status).toBe(200);
		sandbox.admin.clock.advance(1_000);
		const expired = await listCards(data.access_token);

		expect(expired.status).toBe(401);
		expect(expired.data.error).toMatchObject({
			code: 'unauthorized',
			message: expect.stringContaining('expired'),
		});
		expect(counters().unauthorized).toBe(1);
	});

	it('answer 401 without a token, with an unknown token, and after revocation', async () => {
		const { data } = await requestToken(sandbox);
		const none = await rawDinteroClient(sandbox).get(`/accounts/${TEST_ACCOUNT}/wallets/cards`);
		const unknown = await listCards('a.b.c');
		expect(sandbox.admin.dintero.revokeTokens()).toBe(1);
		const revoked = await listCards(data.access_token);

		expect([none.status, unknown.status, revoked.status]).toEqual([401, 401, 401]);
	});

	it("answer 403 for another account's wallet", async () => {
		const { data } = await requestToken(sandbox);
		const response = await listCards(data.access_token, PRODUCTION_ACCOUNT);

		expect(response.status).toBe(403);
		expect(response.data.error.code).toBe('forbidden');
	});

	it('keep the Basic credentials out of the request log', async () => {
		const client = await walletClient(sandbox);
		await client.get('/cards');

		const log = JSON.stringify(sandbox.admin.requests('dintero'));
		expect(log).toContain('/dintero/v1/accounts/T12345678/auth/token');
		expect(log).not.toContain(CLIENT_SECRET);
		expect(log).not.toContain(Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64'));
	});
});
