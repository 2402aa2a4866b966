import type { Sandbox } from '../../sandbox/server';
import { useTestSandbox } from './helpers';
import {
	accessToken,
	apiClient,
	basicAuth,
	BRAND,
	bulkPath,
	CLIENT_ID,
	CLIENT_SECRET,
	INVALID_CREDENTIALS,
	rawPaysafeClient,
	requestToken,
	sign,
	virtualOrder,
} from './paysafeHelpers';

let sandbox: Sandbox;
useTestSandbox((started) => (sandbox = started));

const counters = () => sandbox.admin.counters().paysafe;
const listCards = (token: string) =>
	rawPaysafeClient(sandbox).get('/customers/1231122232/prepaid/cards', {
		headers: { authorization: `Bearer ${token}` },
	});

describe('POST /auth/brands/{brand}/token', () => {
	it('grants a Bearer token for Basic url-encoded client credentials and a client_credentials form', async () => {
		const response = await requestToken(sandbox);

		expect(response.status).toBe(200);
		expect(response.data).toEqual({
			access_token: expect.any(String),
			expires_in: 36000,
			token_type: 'Bearer',
			scope: 'whitelabelWallet',
		});
		expect((await listCards(response.data.access_token)).status).toBe(200);
		expect(counters()).toMatchObject({ tokenRequests: 1, tokensIssued: 1 });
	});

	it('accepts credentials with special characters both url-encoded and as they are', async () => {
		const secret = 'p@ss:w/rd+%&=ü';
		sandbox.admin.paysafe.configure({ clientId: 'client id/1', clientSecret: secret });

		const encoded = await requestToken(sandbox, {
			authorization: basicAuth('client id/1', secret, true),
		});
		const plain = await requestToken(sandbox, {
			authorization: basicAuth('client id/1', secret, false),
		});

		expect(encoded.status).toBe(200);
		expect(plain.status).toBe(200);
		expect(counters().tokensIssued).toBe(2);
	});

	it.each([
		['a wrong secret', { authorization: basicAuth(CLIENT_ID, 'wrong') }],
		['a wrong client id', { authorization: basicAuth('someone', CLIENT_SECRET) }],
		['no Authorization header', { authorization: null }],
		['a Bearer header', { authorization: 'Bearer abc' }],
		['an unknown brand', { brand: 'other-brand' }],
	])('refuses %s with 401 5279', async (_case, options) => {
		const response = await requestToken(sandbox, options);

		expect(response.status).toBe(401);
		expect(response.data).toEqual(INVALID_CREDENTIALS);
		expect(JSON.stringify(response.data)).not.toContain(CLIENT_SECRET);
		expect(counters()).toMatchObject({
			tokenRequests: 1,
			tokensIssued: 0,
			tokenRequestsRefused: 1,
		});
	});

	it.each([
		['another grant', 'grant_type=password&username=a&password=b'],
		['no grant', 'scope=whitelabelWallet'],
	])('refuses %s with 400 in Paysafe shape', async (_case, body) => {
		const response = await requestToken(sandbox, { body });

		expect(response.status).toBe(400);
		expect(response.data.error).toMatchObject({
			code: '5068',
			message: 'Field error(s)',
			fieldErrors: [{ field: 'grant_type', error: expect.any(String) }],
		});
		expect(counters().tokensIssued).toBe(0);
	});

	it('refuses a JSON body (the endpoint takes a form)', async () => {
		const response = await rawPaysafeClient(sandbox).post(
			`/auth/brands/${BRAND}/token`,
			{ grant_type: 'client_credentials' },
			{ headers: { authorization: basicAuth(CLIENT_ID, CLIENT_SECRET) } },
		);

		expect(response.status).toBe(400);
		expect(response.data.error.code).toBe('5068');
	});

	it('issues tokens for the configured lifetime, which runs on the sandbox clock', async () => {
		sandbox.admin.paysafe.configure({ tokenLifetimeSeconds: 60 });
		const response = await requestToken(sandbox);
		expect(response.data.expires_in).toBe(60);
		const token = response.data.access_token as string;

		sandbox.admin.clock.advance(59_000);
		expect((await listCards(token)).status).toBe(200);
		sandbox.admin.clock.advance(1_000);
		const expired = await listCards(token);

		expect(expired.status).toBe(401);
		expect(expired.data).toEqual(INVALID_CREDENTIALS);
	});
});

describe('Bearer tokens', () => {
	it.each([
		['no token', undefined],
		['an unknown token', 'Bearer not-a-token'],
		['a Basic header', basicAuth(CLIENT_ID, CLIENT_SECRET)],
	])('refuses %s with 401 5279', async (_case, authorization) => {
		const response = await rawPaysafeClient(sandbox).get('/customers/1231122232/prepaid/cards', {
			headers: authorization === undefined ? {} : { authorization },
		});

		expect(response.status).toBe(401);
		expect(response.data).toEqual(INVALID_CREDENTIALS);
		expect(counters().unauthorized).toBe(1);
	});

	it('refuses every token after revokeTokens(), and a new token works', async () => {
		const first = await accessToken(sandbox);
		const second = await accessToken(sandbox);

		expect(sandbox.admin.paysafe.revokeTokens()).toBe(2);

		expect((await listCards(first)).status).toBe(401);
		expect((await listCards(second)).data).toEqual(INVALID_CREDENTIALS);
		expect((await listCards(await accessToken(sandbox))).status).toBe(200);
	});

	it('refuses every token after expireTokens() (expired token refreshed once and retried)', async () => {
		const token = await accessToken(sandbox);
		expect(sandbox.admin.paysafe.expireTokens()).toBe(1);

		const expired = await listCards(token);
		expect(expired.status).toBe(401);
		expect(expired.data).toEqual(INVALID_CREDENTIALS);
		const refreshed = await accessToken(sandbox);
		expect((await listCards(refreshed)).status).toBe(200);
		expect(counters()).toMatchObject({ tokensIssued: 2, unauthorized: 1 });
	});

	it('offers revoke and expire over the HTTP admin API', async () => {
		const token = await accessToken(sandbox);
		const admin = rawPaysafeClient(sandbox);
		const expire = await admin.post(`${sandbox.url}/__admin/paysafe/tokens/expire`);
		expect(expire.data).toEqual({ expired: 1 });
		expect((await listCards(token)).status).toBe(401);

		const revoke = await admin.post(`${sandbox.url}/__admin/paysafe/tokens/revoke`);
		expect(revoke.data).toEqual({ revoked: 1 });
	});
});

describe('HMAC Signature on bulk orders', () => {
	const HMAC_KEY = 'paysafe-sandbox-hmac-key';

	it('does not check signatures while no hmacKey is configured', async () => {
		const client = await apiClient(sandbox);
		const response = await client.post(bulkPath(), virtualOrder());
		expect(response.status).toBe(202);
	});

	it('accepts the base64 HMAC-SHA256 of the raw body bytes exactly as sent', async () => {
		sandbox.admin.paysafe.configure({ hmacKey: HMAC_KEY });
		const client = await apiClient(sandbox);
		// Deliberately not what JSON.stringify would produce: the signature covers the bytes sent.
		const body = `{ "quantity": 1, "programName": "VIRTUAL-MC-EEA", "currency": "EUR", "userAgent": "Zürich test" }`;

		const response = await client.post(bulkPath(), body, {
			headers: { 'content-type': 'application/json', signature: sign(HMAC_KEY, body) },
		});

		expect(response.status).toBe(202);
	});

	it.each([
		['no Signature header', undefined],
		['a signature made with another key', sign('other-key', JSON.stringify(virtualOrder()))],
		[
			'the signature of another body',
			sign(HMAC_KEY, JSON.stringify(virtualOrder({ quantity: 3 }))),
		],
	])('refuses %s with 401 DW-INVALID-SIGNATURE', async (_case, signature) => {
		sandbox.admin.paysafe.configure({ hmacKey: HMAC_KEY });
		const client = await apiClient(sandbox);
		const body = JSON.stringify(virtualOrder());

		const response = await client.post(bulkPath(), body, {
			headers: {
				'content-type': 'application/json',
				...(signature === undefined ? {} : { signature }),
			},
		});

		expect(response.status).toBe(401);
		expect(response.data.error).toMatchObject({ code: 'DW-INVALID-SIGNATURE' });
		expect(counters()).toMatchObject({ invalidSignatures: 1, bulksAccepted: 0 });
	});

	it('does not ask for a signature on GET requests, and can be switched off again', async () => {
		await rawPaysafeClient(sandbox).post(`${sandbox.url}/__admin/paysafe/config`, {
			hmacKey: HMAC_KEY,
		});
		const client = await apiClient(sandbox);
		expect((await client.get('/customers/1231122232/prepaid/cards')).status).toBe(200);

		sandbox.admin.paysafe.configure({ hmacKey: null });
		expect(sandbox.admin.paysafe.config().hmacKey).toBeUndefined();
		expect((await client.post(bulkPath(), virtualOrder())).status).toBe(202);
	});
});
