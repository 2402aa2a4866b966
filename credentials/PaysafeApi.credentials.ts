import { createHmac } from 'crypto';
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

// providers.md §3.1: the token endpoint and the business calls both sit under /digitalwallets/v1.
// The sandbox's full path is not published (unknown 20): it is our assumption, a README item.
export const PAYSAFE_BASE_URLS = {
	production: 'https://api.paysafe.com/digitalwallets/v1',
	sandbox: 'https://sandbox.paysafe.com/digitalwallets/v1',
} as const;

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** The API root of these credentials, or why it cannot be used. */
export function paysafeApiRoot(
	credentials: ICredentialDataDecryptedObject,
): { url: string } | { problem: string } {
	const environment = credentials.environment;
	if (environment === 'production' || environment === 'sandbox') {
		return { url: PAYSAFE_BASE_URLS[environment] };
	}
	const checked = checkBaseUrl(credentials.baseUrl);
	return checked.ok ? { url: checked.url } : { problem: checked.problem };
}

/**
 * Paysafe's request signature: base64 HMAC-SHA256 of the raw JSON body, or of the URL path when
 * there is no body (https://developer.paysafe.com/en/api-docs/embedded-wallets/request-signing/).
 * n8n's request helper sends an object body as `JSON.stringify(body)`, so these are the same bytes.
 */
export function paysafeSignature(hmacKey: string, request: IHttpRequestOptions): string {
	const body = request.body;
	const signed =
		body === undefined || body === null || body === ''
			? new URL(request.url, request.baseURL ?? 'http://localhost').pathname
			: typeof body === 'string'
				? body
				: JSON.stringify(body);
	return createHmac('sha256', hmacKey).update(signed, 'utf8').digest('base64');
}

/** Only the status and Paysafe's own message: the Basic header stays out of errors. */
function tokenFailure(error: unknown): Error {
	const failure = error as {
		httpCode?: string;
		response?: { status?: number; data?: { error?: { message?: unknown; code?: unknown } } };
		cause?: { response?: { status?: number; data?: { error?: { message?: unknown } } } };
	};
	const response = failure.response ?? failure.cause?.response;
	const status = response?.status ?? failure.httpCode;
	const message = response?.data?.error?.message;
	const detail = typeof message === 'string' ? `: ${message}` : '';
	return new Error(
		status === undefined
			? 'Could not reach Paysafe to get an access token'
			: `Paysafe refused the access-token request (HTTP ${status})${detail}. Check the client ID, client secret, brand and environment`,
	);
}

export class PaysafeApi implements ICredentialType {
	name = 'paysafeApi';

	displayName = 'Paysafe API';

	icon: Icon = { light: 'file:../icons/paysafe.svg', dark: 'file:../icons/paysafe.dark.svg' };

	documentationUrl = 'https://docs.paysafe.com/docs/embedded-wallets/authentication/business';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			required: true,
			default: '',
			description:
				'Of a "B2B Admin" API key from the Paysafe dashboard (APIs > API Keys > Embedded Wallet)',
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
			displayName: 'Brand',
			name: 'brand',
			type: 'string',
			required: true,
			default: '',
			description: 'The brand identifier that comes with your Paysafe API keys',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'production',
			options: [
				{ name: 'Production', value: 'production', description: PAYSAFE_BASE_URLS.production },
				{ name: 'Sandbox', value: 'sandbox', description: PAYSAFE_BASE_URLS.sandbox },
				{ name: 'Custom URL', value: 'custom', description: 'A proxy or a local simulator' },
			],
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://api.paysafe.com/digitalwallets/v1',
			description:
				'The full API root including the version path. Plain http is accepted only for loopback hosts (127.0.0.1, localhost).',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'HMAC Key',
			name: 'hmacSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional. When set, every write carries the Signature header Paysafe asks for on signed endpoints (HMAC keys are issued per region).',
		},
	];

	// The client-credentials pattern of n8n's own credentials (e.g. CrowdStrikeOAuth2Api in
	// n8n-io/n8n): n8n runs this when the hidden expirable field is empty and again after a 401,
	// and stores the token in the credential, so every execution and worker shares it.
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const root = paysafeApiRoot(credentials);
		if ('problem' in root) throw new Error(root.problem);
		const brand = String(credentials.brand ?? '').trim();
		if (brand === '') throw new Error('The Paysafe credential has no brand');
		// Client id and secret are each URL-encoded before the Basic encoding (issue-access-token page).
		const basic = btoa(
			`${encodeURIComponent(String(credentials.clientId ?? ''))}:${encodeURIComponent(String(credentials.clientSecret ?? ''))}`,
		);
		let answer: { access_token?: unknown };
		try {
			answer = (await this.helpers.httpRequest({
				method: 'POST',
				url: `${root.url}/auth/brands/${encodeURIComponent(brand)}/token`,
				headers: {
					Authorization: `Basic ${basic}`,
					'Content-Type': 'application/x-www-form-urlencoded',
				},
				body: 'grant_type=client_credentials',
				json: true,
			})) as { access_token?: unknown };
		} catch (error) {
			throw tokenFailure(error);
		}
		if (typeof answer?.access_token !== 'string' || answer.access_token === '') {
			throw new Error('Paysafe answered the access-token request without an access_token');
		}
		return { accessToken: answer.access_token };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		request: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers: IHttpRequestOptions['headers'] = { ...(request.headers ?? {}) };
		// Only the connection test brings Basic auth (to the token endpoint). A Bearer header is
		// replaced: after a 401, n8n authenticates the same request again with the new token.
		const basic = Object.entries(headers).some(
			([name, value]) => name.toLowerCase() === 'authorization' && /^Basic /.test(String(value)),
		);
		if (!basic) {
			for (const name of Object.keys(headers))
				if (name.toLowerCase() === 'authorization') delete headers[name];
			headers.Authorization = `Bearer ${String(credentials.accessToken ?? '')}`;
		}
		const hmacKey = typeof credentials.hmacSecret === 'string' ? credentials.hmacSecret : '';
		const method = String(request.method ?? 'GET').toUpperCase();
		if (hmacKey !== '' && WRITE_METHODS.has(method) && !basic)
			headers.Signature = paysafeSignature(hmacKey, request);
		return { ...request, headers };
	}

	// Paysafe has no business read that works without a customer id, so the test asks the token
	// endpoint for a token, exactly as preAuthentication does.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{$credentials.environment === "custom" ? $credentials.baseUrl.replace(/\\/+$/, "") : $credentials.environment === "sandbox" ? "${PAYSAFE_BASE_URLS.sandbox}" : "${PAYSAFE_BASE_URLS.production}"}}`,
			url: '=/auth/brands/{{encodeURIComponent($credentials.brand.trim())}}/token',
			method: 'POST',
			headers: {
				Authorization:
					'=Basic {{ (encodeURIComponent($credentials.clientId) + ":" + encodeURIComponent($credentials.clientSecret)).base64Encode() }}',
				'Content-Type': 'application/x-www-form-urlencoded',
			},
			body: 'grant_type=client_credentials',
		},
	};
}
