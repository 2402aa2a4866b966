import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { checkBaseUrl } from '../nodes/shared/baseUrl';
import {
	accessTokenProperty,
	readAccessToken,
	tokenRequestFailure,
	withBearerToken,
} from '../nodes/shared/clientCredentials';

// One host serves test (T…) and production (P…) accounts; the account id chooses (providers.md §4.1).
const DINTERO_URL = 'https://api.dintero.com/v1';
const ACCOUNT_ID_PATTERN = /^[PT]\d{8}$/;

export const DINTERO_BASE_URLS = { production: DINTERO_URL } as const;

/** Why `accountId` is unusable, in words a user can act on; `undefined` when it is fine. */
export function accountIdProblem(accountId: unknown): string | undefined {
	const text = typeof accountId === 'string' ? accountId.trim() : '';
	if (ACCOUNT_ID_PATTERN.test(text)) return undefined;
	return `The Dintero account ID "${text}" is not valid: use T followed by 8 digits for a test account (e.g. T12345678) or P followed by 8 digits for a production account`;
}

function apiRoot(credentials: ICredentialDataDecryptedObject): string {
	if (credentials.environment !== 'custom') return DINTERO_URL;
	const checked = checkBaseUrl(credentials.baseUrl);
	if (!checked.ok) throw new Error(checked.problem);
	return checked.url;
}

export class DinteroApi implements ICredentialType {
	name = 'dinteroApi';

	displayName = 'Dintero API';

	icon: Icon = { light: 'file:../icons/dintero.svg', dark: 'file:../icons/dintero.dark.svg' };

	documentationUrl = 'https://docs.dintero.com/docs/getting-started';

	properties: INodeProperties[] = [
		accessTokenProperty,
		{
			displayName: 'Account ID',
			name: 'accountId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'T12345678',
			description:
				'T followed by 8 digits for a test account, P followed by 8 digits for a production account. Checked before any request.',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			required: true,
			default: '',
			description:
				'Of an API client created in the Dintero Backoffice (Settings > API Clients) for this account',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'production',
			options: [
				{
					name: 'Dintero',
					value: 'production',
					description: `${DINTERO_URL} (test and production accounts alike)`,
				},
				{
					name: 'Custom URL',
					value: 'custom',
					description: 'A proxy or a local simulator',
				},
			],
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://api.dintero.com/v1',
			description:
				'The full API root including the version path. Plain http is accepted only for loopback hosts (127.0.0.1, localhost).',
			displayOptions: { show: { environment: ['custom'] } },
		},
	];

	// Pattern from n8n's own client-credentials credentials, e.g. packages/nodes-base/credentials/
	// CrowdStrikeOAuth2Api.credentials.ts (n8n-io/n8n): a hidden `expirable` field filled here.
	// n8n runs this when the field is empty, on a credential test, and again after a 401
	// (n8n-core request-helpers/authentication.ts), then stores the new token in the credential.
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const problem = accountIdProblem(credentials.accountId);
		if (problem !== undefined) throw new Error(problem);
		const accountId = (credentials.accountId as string).trim();
		const url = `${apiRoot(credentials)}/accounts/${accountId}/auth/token`;
		let answer: unknown;
		try {
			answer = await this.helpers.httpRequest({
				method: 'POST',
				url,
				auth: {
					username: credentials.clientId as string,
					password: credentials.clientSecret as string,
				},
				body: {
					grant_type: 'client_credentials',
					// The audience names the account on Dintero's API whatever host is called.
					audience: `${DINTERO_URL}/accounts/${accountId}`,
				},
				json: true,
			});
		} catch (error) {
			throw tokenRequestFailure('Dintero', error, 'the account ID, client ID and client secret');
		}
		return readAccessToken('Dintero', answer);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		request: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return withBearerToken(request, credentials.accessToken).request;
	}

	// The test asks the token endpoint for a token, as preAuthentication does, so that a wrong
	// secret fails it even while a token fetched earlier is still stored in the credential.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{$credentials.environment === "custom" ? $credentials.baseUrl.replace(/\\/+$/, "") : "${DINTERO_URL}"}}`,
			url: '=/accounts/{{$credentials.accountId.trim()}}/auth/token',
			method: 'POST',
			headers: {
				Authorization:
					'=Basic {{ ($credentials.clientId + ":" + $credentials.clientSecret).base64Encode() }}',
			},
			body: {
				grant_type: 'client_credentials',
				audience: `=${DINTERO_URL}/accounts/{{$credentials.accountId.trim()}}`,
			},
			json: true,
		},
	};
}
