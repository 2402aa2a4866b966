import axios from 'axios';
import { createHmac } from 'crypto';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
} from 'n8n-workflow';

import { PaysafeApi } from '../../credentials/PaysafeApi.credentials';
import { PaysafeCards } from '../../nodes/PaysafeCards/PaysafeCards.node';
import type { Sandbox } from '../../sandbox/server';
import { useTestSandbox } from './helpers';
import { basicAuth, BRAND, CLIENT_ID, CLIENT_SECRET, paysafeUrl } from './paysafeHelpers';

const credentialType = new PaysafeApi();
let sandbox: Sandbox;
useTestSandbox((started) => (sandbox = started));

function credentialData(changes: ICredentialDataDecryptedObject = {}) {
	return {
		accessToken: '',
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		brand: BRAND,
		environment: 'custom',
		baseUrl: `${paysafeUrl(sandbox)}/`,
		hmacSecret: '',
		...changes,
	};
}

/** The credential's `test` request with its expressions resolved, as n8n's credential tester does. */
function connectionTestRequest(data: ICredentialDataDecryptedObject) {
	const node: INode = {
		id: 'paysafe',
		name: 'Paysafe',
		type: 'n8n-nodes-bulk-cards.paysafeCards',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const nodeType = new PaysafeCards();
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		},
	});
	const resolve = (value: unknown) =>
		workflow.expression.getSimpleParameterValue(node, value as string, 'internal', {
			$credentials: data,
		} as never) as string;
	const { request } = credentialType.test;
	const headers = request.headers as Record<string, string>;
	return {
		method: request.method,
		url: `${resolve(request.baseURL)}${resolve(request.url)}`,
		headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, resolve(v)])),
		body: request.body as string,
	};
}

/** `preAuthentication` with n8n's plain request helper, as n8n-core gives it. */
const helper: IHttpRequestHelper = {
	helpers: {
		httpRequest: async (options: IHttpRequestOptions) => {
			const response = await axios.request({
				method: options.method,
				url: options.url,
				headers: options.headers as Record<string, string>,
				data: options.body,
			});
			return response.data;
		},
	},
} as unknown as IHttpRequestHelper;

describe('paysafeApi credential against the sandbox', () => {
	it('tests the connection by asking the token endpoint for a token with Basic auth of the URL-encoded id and secret', async () => {
		const request = connectionTestRequest(credentialData());

		expect(request).toMatchObject({
			method: 'POST',
			url: `${paysafeUrl(sandbox)}/auth/brands/${BRAND}/token`,
			headers: {
				Authorization: basicAuth(CLIENT_ID, CLIENT_SECRET),
				'Content-Type': 'application/x-www-form-urlencoded',
			},
			body: 'grant_type=client_credentials',
		});
		const answer = await axios.request({ ...request, data: request.body });
		expect(answer.data).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String) });

		const wrong = connectionTestRequest(credentialData({ clientSecret: 'wrong-secret' }));
		const refused = await axios.request({ ...wrong, data: wrong.body, validateStatus: () => true });
		expect(refused.status).toBe(401);

		const special = connectionTestRequest(
			credentialData({ clientId: 'a:b@c d', clientSecret: 'p&q=r' }),
		);
		expect(special.headers.Authorization).toBe(basicAuth('a:b@c d', 'p&q=r'));
		expect(connectionTestRequest(credentialData({ environment: 'production' })).url).toBe(
			`https://api.paysafe.com/digitalwallets/v1/auth/brands/${BRAND}/token`,
		);
	});

	it('gets a token by preAuthentication, and refuses without showing the secret', async () => {
		const token = await credentialType.preAuthentication.call(helper, credentialData());
		expect(token.accessToken).toEqual(expect.any(String));

		const failure = await credentialType.preAuthentication
			.call(helper, credentialData({ clientSecret: 'wrong-secret-value' }))
			.catch((error: Error) => error);
		expect((failure as Error).message).toBe(
			'Paysafe refused the access-token request (HTTP 401): Invalid credentials. Check the client ID, client secret, brand and environment',
		);
		expect(JSON.stringify(failure)).not.toContain('wrong-secret-value');

		const noUrl = await credentialType.preAuthentication
			.call(helper, credentialData({ baseUrl: 'http://cards.example.com/v1' }))
			.catch((error: Error) => error);
		expect((noUrl as Error).message).toContain('use https');
	});

	it('sends the token as Bearer, replaces a stale one, and signs writes only when an HMAC secret is set', async () => {
		const body = { quantity: 1, programName: 'PHYSICAL-MC-EEA' };
		const post: IHttpRequestOptions = {
			method: 'POST',
			url: '/customers/1/prepaid/cards/bulk',
			body,
			headers: { Authorization: 'Bearer old-token' },
		};

		const unsigned = await credentialType.authenticate(
			credentialData({ accessToken: 'new-token' }),
			post,
		);
		expect(unsigned.headers).toEqual({ Authorization: 'Bearer new-token' });

		const signed = await credentialType.authenticate(
			credentialData({ accessToken: 'new-token', hmacSecret: 'hmac-key' }),
			post,
		);
		expect(signed.headers?.Signature).toBe(
			createHmac('sha256', 'hmac-key').update(JSON.stringify(body)).digest('base64'),
		);
		const read = await credentialType.authenticate(
			credentialData({ accessToken: 'new-token', hmacSecret: 'hmac-key' }),
			{ method: 'GET', url: '/customers/1/prepaid/cards' },
		);
		expect(read.headers).toEqual({ Authorization: 'Bearer new-token' });
	});
});
