import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

// providers.md §2.1 (docs.qonto.com, "Sandbox" and the OpenAPI `servers` blocks).
const PRODUCTION_API_URL = 'https://thirdparty.qonto.com';
const SANDBOX_API_URL = 'https://thirdparty-sandbox.staging.qonto.co';
const PRODUCTION_OAUTH_URL = 'https://oauth.qonto.com';
const SANDBOX_OAUTH_URL = 'https://oauth-sandbox.staging.qonto.co';

/** API roots (paths start `/v2/...`) and OAuth server roots (`/oauth2/auth`, `/oauth2/token`). */
export const QONTO_URLS = {
	api: { production: PRODUCTION_API_URL, sandbox: SANDBOX_API_URL },
	oauth: { production: PRODUCTION_OAUTH_URL, sandbox: SANDBOX_OAUTH_URL },
} as const;

export const QONTO_STAGING_TOKEN_HEADER = 'X-Qonto-Staging-Token';

/**
 * The staging token to send, if any: never in production (Qonto refuses the header there),
 * always in the sandbox, and in a custom environment when one is filled in.
 */
export function qontoStagingToken(credentials: ICredentialDataDecryptedObject): string | undefined {
	if (credentials.environment === 'production') return undefined;
	const token = typeof credentials.stagingToken === 'string' ? credentials.stagingToken.trim() : '';
	return token === '' ? undefined : token;
}

/** `={{…}}` expression of the API root for an `environment` / `baseUrl` pair of fields. */
export const QONTO_API_BASE_URL_EXPRESSION = `={{$credentials.environment === "custom" ? String($credentials.baseUrl).trim().replace(/\\/+$/, "") : $credentials.environment === "sandbox" ? "${SANDBOX_API_URL}" : "${PRODUCTION_API_URL}"}}`;

export const qontoEnvironmentProperty: INodeProperties = {
	displayName: 'Environment',
	name: 'environment',
	type: 'options',
	default: 'production',
	options: [
		{ name: 'Production', value: 'production', description: PRODUCTION_API_URL },
		{ name: 'Sandbox', value: 'sandbox', description: SANDBOX_API_URL },
		{ name: 'Custom URL', value: 'custom', description: 'A local simulator or another Qonto host' },
	],
};

export const qontoBaseUrlProperty: INodeProperties = {
	displayName: 'API Base URL',
	name: 'baseUrl',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'http://127.0.0.1:8787/qonto',
	description:
		'The API root, without /v2. Plain http is accepted only for loopback hosts (127.0.0.1, localhost).',
	displayOptions: { show: { environment: ['custom'] } },
};

export const qontoStagingTokenProperty: INodeProperties = {
	displayName: 'Staging Token',
	name: 'stagingToken',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	description:
		'Your personal staging token from the Qonto Developer Portal, sent as the X-Qonto-Staging-Token header. The sandbox answers every request without it with a login page instead of JSON.',
	displayOptions: { show: { environment: ['sandbox', 'custom'] } },
};

/** Lists one card: works with an API key or an OAuth token holding `card.read`. */
export const qontoCredentialTest: ICredentialTestRequest = {
	request: {
		baseURL: QONTO_API_BASE_URL_EXPRESSION,
		url: '/v2/cards',
		qs: { per_page: 1 },
		method: 'GET',
	},
	rules: [
		{
			// The sandbox answers a request without the right staging token with a login page (200).
			type: 'responseSuccessBody',
			properties: {
				key: 'meta',
				value: undefined,
				message:
					'Qonto did not answer with JSON: check the staging token (sandbox) or the API base URL',
			},
		},
	],
};

export class QontoApi implements ICredentialType {
	name = 'qontoApi';

	displayName = 'Qonto API';

	icon: Icon = { light: 'file:../icons/qonto.svg', dark: 'file:../icons/qonto.dark.svg' };

	documentationUrl = 'https://docs.qonto.com/get-started/business-api/authentication/api-key';

	properties: INodeProperties[] = [
		{
			displayName: 'Login',
			name: 'login',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'acme-corp-1234',
			description: 'The login shown in Qonto under Integrations and Partnerships > API key',
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The secret key shown next to the login. An API key can read cards but cannot order them: bulk ordering needs the Qonto OAuth2 API credential.',
		},
		qontoEnvironmentProperty,
		qontoBaseUrlProperty,
		qontoStagingTokenProperty,
	];

	/** `Authorization: <login>:<secret-key>` — no prefix, no base64 (providers.md §2.2). */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const stagingToken = qontoStagingToken(credentials);
		return {
			...requestOptions,
			headers: {
				...requestOptions.headers,
				Authorization: `${String(credentials.login)}:${String(credentials.secretKey)}`,
				...(stagingToken === undefined ? {} : { [QONTO_STAGING_TOKEN_HEADER]: stagingToken }),
			},
		};
	}

	test: ICredentialTestRequest = qontoCredentialTest;
}
