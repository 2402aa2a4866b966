import axios from 'axios';
import { createHmac } from 'crypto';
import {
	type ICredentialDataDecryptedObject,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
} from 'n8n-workflow';

import { PaysafeApi } from '../../credentials/PaysafeApi.credentials';
import type { Sandbox } from '../../sandbox/server';
import { runCredentialTest } from '../harness/credentialTest';
import { useTestSandbox } from './helpers';
import { BRAND, CLIENT_ID, CLIENT_SECRET, paysafeUrl } from './paysafeHelpers';

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
	it('tests the connection as n8n does: a token from the token endpoint, so a wrong secret fails even while a token is stored', async () => {
		const stored = { accessToken: 'a-token-fetched-earlier' };

		expect(await runCredentialTest(credentialType, credentialData(stored))).toMatchObject({
			status: 'OK',
		});
		expect(
			await runCredentialTest(credentialType, credentialData({ ...stored, clientSecret: 'wrong' })),
		).toMatchObject({ status: 'Error' });

		// Paysafe URL-encodes the client id and secret before the Basic encoding.
		sandbox.admin.paysafe.configure({ clientId: 'b2b:admin@acme', clientSecret: 'p&q=r s' });
		const special = credentialData({ clientId: 'b2b:admin@acme', clientSecret: 'p&q=r s' });
		expect(await runCredentialTest(credentialType, special)).toMatchObject({ status: 'OK' });
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
