/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test-only header capture server on loopback, never published */
import { createServer, type IncomingHttpHeaders, type Server } from 'http';
import type { AddressInfo } from 'net';

import axios from 'axios';
import { Workflow, type ICredentialDataDecryptedObject, type INode } from 'n8n-workflow';

import { QontoApi } from '../../credentials/QontoApi.credentials';
import { QontoOAuth2Api } from '../../credentials/QontoOAuth2Api.credentials';
import {
	DEFAULT_QONTO_CLIENT_ID,
	DEFAULT_QONTO_CLIENT_SECRET,
	DEFAULT_QONTO_LOGIN,
	DEFAULT_QONTO_SECRET_KEY,
	DEFAULT_QONTO_STAGING_TOKEN,
} from '../../sandbox/providers/qonto';
import type { Sandbox } from '../../sandbox/server';
import { runCredentialTest } from '../harness/credentialTest';
import { startTestSandbox } from './helpers';

const REDIRECT_URI = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';

let sandbox: Sandbox;
let capture: Server;
let captured: IncomingHttpHeaders[] = [];

beforeAll(async () => {
	sandbox = await startTestSandbox();
	capture = createServer((req, res) => {
		captured.push(req.headers);
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ cards: [], meta: { current_page: 1 } }));
	});
	await new Promise<void>((resolve) => capture.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
	await sandbox.close();
	await new Promise((resolve) => capture.close(resolve));
});

beforeEach(() => {
	sandbox.admin.reset();
	captured = [];
});

const captureUrl = () => `http://127.0.0.1:${(capture.address() as AddressInfo).port}`;

function apiKeyCredential(
	overrides: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	return {
		login: DEFAULT_QONTO_LOGIN,
		secretKey: DEFAULT_QONTO_SECRET_KEY,
		environment: 'custom',
		baseUrl: `${sandbox.url}/qonto/`,
		stagingToken: DEFAULT_QONTO_STAGING_TOKEN,
		...overrides,
	};
}

/** The browser round trip and the code exchange as n8n makes it with `authentication: body`. */
async function oauthTokenData(): Promise<ICredentialDataDecryptedObject> {
	const authorize = await axios.get(`${sandbox.url}/qonto/oauth2/auth`, {
		params: {
			client_id: DEFAULT_QONTO_CLIENT_ID,
			redirect_uri: REDIRECT_URI,
			response_type: 'code',
			scope: new QontoOAuth2Api().properties.find((p) => p.name === 'scope')?.default,
			state: 'n8n-state',
		},
		maxRedirects: 0,
		validateStatus: (status) => status === 302,
	});
	const code = new URL(String(authorize.headers.location)).searchParams.get('code')!;
	const token = await axios.post(
		`${sandbox.url}/qonto/oauth2/token`,
		new URLSearchParams({
			grant_type: 'authorization_code',
			code,
			redirect_uri: REDIRECT_URI,
			client_id: DEFAULT_QONTO_CLIENT_ID,
			client_secret: DEFAULT_QONTO_CLIENT_SECRET,
		}).toString(),
		{
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				'X-Qonto-Staging-Token': DEFAULT_QONTO_STAGING_TOKEN,
			},
		},
	);
	return token.data as ICredentialDataDecryptedObject;
}

function oauthCredential(
	oauthTokenData: ICredentialDataDecryptedObject,
	overrides: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	return {
		grantType: 'authorizationCode',
		clientId: DEFAULT_QONTO_CLIENT_ID,
		clientSecret: DEFAULT_QONTO_CLIENT_SECRET,
		environment: 'custom',
		authBaseUrl: `${sandbox.url}/qonto`,
		baseUrl: `${sandbox.url}/qonto`,
		stagingToken: DEFAULT_QONTO_STAGING_TOKEN,
		accessTokenUrl: `${sandbox.url}/qonto/oauth2/token`,
		scope: 'card.read card.write offline_access',
		authentication: 'body',
		oauthTokenData,
		...overrides,
	};
}

describe('Qonto API credential (login + secret key)', () => {
	it('passes its connection test against the sandbox', async () => {
		expect(await runCredentialTest(new QontoApi(), apiKeyCredential())).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(sandbox.admin.requests('qonto').map(({ path, query }) => [path, query])).toEqual([
			['/qonto/v2/cards', { per_page: '1' }],
		]);
	});

	it('fails on a wrong secret key, and says so when the staging token is missing', async () => {
		const wrong = await runCredentialTest(new QontoApi(), apiKeyCredential({ secretKey: 'nope' }));
		expect(wrong).toEqual({ status: 'Error', message: 'Received HTTP status code: 401' });
		const noStaging = await runCredentialTest(
			new QontoApi(),
			apiKeyCredential({ stagingToken: '' }),
		);
		expect(noStaging.status).toBe('Error');
		expect(noStaging.message).toMatch(/staging token/);
		expect(sandbox.admin.counters().qonto.stagingRefusals).toBe(1);
	});

	it('sends login:secret-key without prefix, and no staging header without a token', async () => {
		await runCredentialTest(
			new QontoApi(),
			apiKeyCredential({ baseUrl: captureUrl(), stagingToken: '' }),
		);
		expect(captured[0].authorization).toBe(`${DEFAULT_QONTO_LOGIN}:${DEFAULT_QONTO_SECRET_KEY}`);
		expect(captured[0]).not.toHaveProperty('x-qonto-staging-token');
	});
});

describe('Qonto OAuth2 API credential', () => {
	it('passes its connection test with a token from the sandbox, the staging header attached', async () => {
		const result = await runCredentialTest(
			new QontoOAuth2Api(),
			oauthCredential(await oauthTokenData()),
		);
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox.admin.counters().qonto).toMatchObject({
			stagingRefusals: 0,
			accessTokensIssued: 1,
		});
	});

	it('sends Bearer <token> and the staging token; no staging header without one', async () => {
		const tokenData = await oauthTokenData();
		await runCredentialTest(
			new QontoOAuth2Api(),
			oauthCredential(tokenData, { baseUrl: captureUrl() }),
		);
		expect(captured[0].authorization).toBe(`Bearer ${String(tokenData.access_token)}`);
		expect(captured[0]['x-qonto-staging-token']).toBe(DEFAULT_QONTO_STAGING_TOKEN);
		await runCredentialTest(
			new QontoOAuth2Api(),
			oauthCredential(tokenData, { baseUrl: captureUrl(), stagingToken: '' }),
		);
		expect(captured[1]).not.toHaveProperty('x-qonto-staging-token');
	});

	it('fails when the token is not accepted', async () => {
		const result = await runCredentialTest(
			new QontoOAuth2Api(),
			oauthCredential(
				{ access_token: 'revoked', token_type: 'bearer' },
				{ accessTokenUrl: captureUrl() },
			),
		);
		expect(result.status).toBe('Error');
	});

	it('resolves its OAuth URLs per environment, refusing plain http off loopback', () => {
		const credential = new QontoOAuth2Api();
		const defaultOf = (name: string) =>
			credential.properties.find((p) => p.name === name)!.default as string;
		const node: INode = {
			id: 'n',
			name: 'n',
			type: 't',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		};
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: {
				getByName: () => undefined as never,
				getByNameAndVersion: () => undefined as never,
				getKnownTypes: () => ({}),
			},
		});
		const resolve = (name: string, self: ICredentialDataDecryptedObject) =>
			workflow.expression.getParameterValue(
				defaultOf(name),
				null,
				0,
				0,
				'n',
				[],
				'internal',
				{},
				undefined,
				false,
				self,
			);
		expect(resolve('authUrl', { environment: 'production' })).toBe(
			'https://oauth.qonto.com/oauth2/auth',
		);
		expect(resolve('accessTokenUrl', { environment: 'sandbox' })).toBe(
			'https://oauth-sandbox.staging.qonto.co/oauth2/token',
		);
		expect(
			resolve('accessTokenUrl', {
				environment: 'custom',
				authBaseUrl: 'http://127.0.0.1:8787/qonto/',
			}),
		).toBe('http://127.0.0.1:8787/qonto/oauth2/token');
		expect(
			resolve('authUrl', { environment: 'custom', authBaseUrl: 'http://qonto.example.com' }),
		).toBe('https://plain-http-is-only-for-loopback.invalid/oauth2/auth');
	});
});
