import axios from 'axios';

import {
	DEFAULT_QONTO_CLIENT_ID,
	DEFAULT_QONTO_CLIENT_SECRET,
	DEFAULT_QONTO_STAGING_TOKEN,
} from '../../sandbox/providers/qonto';
import type { Sandbox } from '../../sandbox/server';
import { useTestSandbox } from './helpers';
import { API_KEY_AUTHORIZATION, qontoClient } from './qonto.helpers';

const REDIRECT_URI = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';
const BASIC = `Basic ${Buffer.from(`${DEFAULT_QONTO_CLIENT_ID}:${DEFAULT_QONTO_CLIENT_SECRET}`).toString('base64')}`;

let sandbox: Sandbox;
useTestSandbox((started) => (sandbox = started));

function oauth(path: string) {
	return `${sandbox.url}/qonto${path}`;
}

async function authorize(scope = 'card.read card.write offline_access', state = 'xyz') {
	const response = await axios.get(oauth('/oauth2/auth'), {
		params: {
			client_id: DEFAULT_QONTO_CLIENT_ID,
			redirect_uri: REDIRECT_URI,
			response_type: 'code',
			scope,
			state,
		},
		maxRedirects: 0,
		validateStatus: () => true,
	});
	return {
		response,
		location: new URL(String(response.headers.location ?? 'http://invalid.invalid/')),
	};
}

function tokenCall(fields: Record<string, string>, headers: Record<string, string> = {}) {
	return axios.post(oauth('/oauth2/token'), new URLSearchParams(fields).toString(), {
		headers: {
			'Content-Type': 'application/x-www-form-urlencoded',
			'X-Qonto-Staging-Token': DEFAULT_QONTO_STAGING_TOKEN,
			...headers,
		},
		validateStatus: () => true,
	});
}

describe('staging token rule', () => {
	it('answers the OneLogin HTML page (200, no JSON) without the staging token', async () => {
		const response = await qontoClient(sandbox, { apiKey: true }, null).get('/v2/cards');
		expect(response.status).toBe(200);
		expect(String(response.headers['content-type'])).toMatch(/^text\/html/);
		expect(String(response.data)).toContain('OneLogin');
		expect(sandbox.admin.counters().qonto.stagingRefusals).toBe(1);
	});

	it('answers a 302 to OneLogin when so configured, and refuses a wrong token too', async () => {
		sandbox.admin.qonto.configure({ stagingRefusal: 'redirect' });
		const response = await qontoClient(sandbox, { apiKey: true }, 'wrong-token').get('/v2/cards');
		expect(response.status).toBe(302);
		expect(response.headers.location).toMatch(/^https:\/\/qonto\.onelogin\.com\//);
		expect(response.data).toBe('');
	});

	it('also guards the OAuth token endpoint, unless switched off for n8n', async () => {
		const { location } = await authorize();
		const fields = {
			grant_type: 'authorization_code',
			code: location.searchParams.get('code')!,
			redirect_uri: REDIRECT_URI,
		};
		const refused = await tokenCall(fields, { Authorization: BASIC, 'X-Qonto-Staging-Token': '' });
		expect(String(refused.headers['content-type'])).toMatch(/^text\/html/);
		sandbox.admin.qonto.configure({ stagingTokenOnTokenEndpoint: false });
		const accepted = await axios.post(
			oauth('/oauth2/token'),
			new URLSearchParams(fields).toString(),
			{
				headers: { Authorization: BASIC },
			},
		);
		expect(accepted.data.access_token).toEqual(expect.any(String));
	});

	it('needs no staging token when none is configured (production-like)', async () => {
		sandbox.admin.qonto.configure({ stagingTokens: [] });
		const response = await qontoClient(sandbox, { apiKey: true }, null).get('/v2/cards');
		expect(response.status).toBe(200);
	});
});

describe('API key and bearer authentication', () => {
	it('accepts login:secret-key without prefix on GET /v2/cards', async () => {
		const response = await qontoClient(sandbox, { apiKey: true }).get('/v2/cards');
		expect(response.status).toBe(200);
		expect(response.data).toEqual({
			cards: [],
			meta: {
				current_page: 1,
				next_page: null,
				prev_page: null,
				total_pages: 0,
				total_count: 0,
				per_page: 100,
			},
		});
	});

	it.each([
		['no header', null],
		['a wrong secret', { authorization: 'acme-sandbox-1234:nope' }],
		[
			'Basic-encoded login:secret',
			{ authorization: `Basic ${Buffer.from(API_KEY_AUTHORIZATION).toString('base64')}` },
		],
		['an unknown bearer token', { bearer: 'not-a-token' }],
	] as const)("answers 401 in Qonto's error shape for %s", async (_name, auth) => {
		const response = await qontoClient(sandbox, auth).get('/v2/cards');
		expect(response.status).toBe(401);
		expect(response.data).toEqual({
			errors: [{ code: 'unauthorized', detail: expect.any(String) }],
			trace_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
		});
	});

	it('refuses bulk creation with an API key (403) and without card.write (403)', async () => {
		const body = { cards: [{ card: {} }] };
		const withKey = await qontoClient(sandbox, { apiKey: true }).post('/v2/cards/bulk', body);
		expect(withKey.status).toBe(403);
		const token = sandbox.admin.qonto.issueTokens(['card.read']).access_token;
		const readOnly = await qontoClient(sandbox, { bearer: token }).post('/v2/cards/bulk', body);
		expect(readOnly.status).toBe(403);
		expect(readOnly.data.errors[0].code).toBe('insufficient_scope');
	});

	it('expires access tokens after an hour of sandbox time', async () => {
		const token = sandbox.admin.qonto.issueTokens().access_token;
		expect((await qontoClient(sandbox, { bearer: token }).get('/v2/cards')).status).toBe(200);
		sandbox.admin.clock.advance(60 * 60 * 1000);
		expect((await qontoClient(sandbox, { bearer: token }).get('/v2/cards')).status).toBe(401);
	});
});

describe('OAuth authorization-code flow', () => {
	it('redirects back with a code and the state, without a login page', async () => {
		const { response, location } = await authorize();
		expect(response.status).toBe(302);
		expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
		expect(location.searchParams.get('state')).toBe('xyz');
		expect(location.searchParams.get('code')).toEqual(expect.any(String));
	});

	it('exchanges the code (Basic or body client auth), then refreshes with rotation and a grace period', async () => {
		const { location } = await authorize();
		const code = location.searchParams.get('code')!;
		const tokens = await tokenCall(
			{ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI },
			{ Authorization: BASIC },
		);
		expect(tokens.status).toBe(200);
		expect(tokens.data).toEqual({
			access_token: expect.any(String),
			token_type: 'bearer',
			expires_in: 3600,
			refresh_token: expect.any(String),
			scope: 'card.read card.write offline_access',
		});
		expect(
			(await qontoClient(sandbox, { bearer: tokens.data.access_token }).get('/v2/cards')).status,
		).toBe(200);

		const reused = await tokenCall(
			{ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI },
			{ Authorization: BASIC },
		);
		expect(reused.status).toBe(400);
		expect(reused.data.error).toBe('invalid_grant');

		const refreshFields = {
			grant_type: 'refresh_token',
			refresh_token: tokens.data.refresh_token,
			client_id: DEFAULT_QONTO_CLIENT_ID,
			client_secret: DEFAULT_QONTO_CLIENT_SECRET,
		};
		const refreshed = await tokenCall(refreshFields);
		expect(refreshed.status).toBe(200);
		expect(refreshed.data.refresh_token).not.toBe(tokens.data.refresh_token);
		expect(
			(await qontoClient(sandbox, { bearer: refreshed.data.access_token }).get('/v2/cards')).status,
		).toBe(200);

		expect((await tokenCall(refreshFields)).status).toBe(200);
		sandbox.admin.clock.advance(60_000);
		const late = await tokenCall(refreshFields);
		expect(late.status).toBe(400);
		expect(late.data.error).toBe('invalid_grant');
		expect(sandbox.admin.counters().qonto).toMatchObject({
			authorizationCodesIssued: 1,
			accessTokensIssued: 3,
			tokenRefreshes: 2,
		});
	});

	it('refuses a wrong client secret, an expired code and a mismatched redirect_uri', async () => {
		const first = (await authorize()).location.searchParams.get('code')!;
		const wrongSecret = await tokenCall({
			grant_type: 'authorization_code',
			code: first,
			redirect_uri: REDIRECT_URI,
			client_id: DEFAULT_QONTO_CLIENT_ID,
			client_secret: 'nope',
		});
		expect(wrongSecret.status).toBe(401);
		expect(wrongSecret.data.error).toBe('invalid_client');

		const mismatch = await tokenCall(
			{ grant_type: 'authorization_code', code: first, redirect_uri: 'http://127.0.0.1/other' },
			{ Authorization: BASIC },
		);
		expect(mismatch.data.error).toBe('invalid_grant');

		const second = (await authorize()).location.searchParams.get('code')!;
		sandbox.admin.clock.advance(10 * 60 * 1000);
		const expired = await tokenCall(
			{ grant_type: 'authorization_code', code: second, redirect_uri: REDIRECT_URI },
			{ Authorization: BASIC },
		);
		expect(expired.data.error).toBe('invalid_grant');
	});

	it('issues no refresh token without offline_access, and redirects errors back', async () => {
		const { location } = await authorize('card.read');
		const tokens = await tokenCall(
			{
				grant_type: 'authorization_code',
				code: location.searchParams.get('code')!,
				redirect_uri: REDIRECT_URI,
			},
			{ Authorization: BASIC },
		);
		expect(tokens.data.refresh_token).toBeUndefined();

		expect((await authorize('card.read nonsense')).location.searchParams.get('error')).toBe(
			'invalid_scope',
		);
		sandbox.admin.qonto.configure({ oauthConsent: 'deny' });
		const denied = (await authorize()).location;
		expect(denied.searchParams.get('error')).toBe('access_denied');
		expect(denied.searchParams.get('state')).toBe('xyz');
	});

	it('keeps client secrets, codes and refresh tokens out of the request log', async () => {
		const { location } = await authorize();
		await tokenCall({
			grant_type: 'authorization_code',
			code: location.searchParams.get('code')!,
			redirect_uri: REDIRECT_URI,
			client_id: DEFAULT_QONTO_CLIENT_ID,
			client_secret: DEFAULT_QONTO_CLIENT_SECRET,
		});
		const logged = JSON.stringify(sandbox.admin.requests('qonto'));
		expect(logged).not.toContain(DEFAULT_QONTO_CLIENT_SECRET);
		expect(logged).not.toContain(location.searchParams.get('code')!);
	});
});
