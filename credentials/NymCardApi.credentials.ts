import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

// Hosts from secondary sources (docs.nymcard.com does not print them in a readable form);
// "Custom URL" covers regional tenants such as *.platform.my-1.nymcard.com.
const PRODUCTION_URL = 'https://api.nymcard.com/v1';
const SANDBOX_URL = 'https://api.sand.platform.nymcard.com/v1';

export const NYMCARD_BASE_URLS = { production: PRODUCTION_URL, sandbox: SANDBOX_URL } as const;

export class NymCardApi implements ICredentialType {
	name = 'nymCardApi';

	displayName = 'NymCard API';

	icon: Icon = { light: 'file:../icons/nymCard.svg', dark: 'file:../icons/nymCard.dark.svg' };

	documentationUrl = 'https://docs.nymcard.com/get-started/api-core-principles';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The nCore API key from your NymCard portal. It is sent in the "apikey" header of every request.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'production',
			options: [
				{ name: 'Production', value: 'production', description: PRODUCTION_URL },
				{ name: 'Sandbox', value: 'sandbox', description: SANDBOX_URL },
				{
					name: 'Custom URL',
					value: 'custom',
					description: 'A regional or staging nCore host, or a local simulator',
				},
			],
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://api.stg.platform.my-1.nymcard.com/v1',
			description:
				'The full API root including the version path. Plain http is accepted only for loopback hosts (127.0.0.1, localhost).',
			displayOptions: { show: { environment: ['custom'] } },
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { apikey: '={{$credentials.apiKey}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{$credentials.environment === "custom" ? $credentials.baseUrl.replace(/\\/+$/, "") : $credentials.environment === "sandbox" ? "${SANDBOX_URL}" : "${PRODUCTION_URL}"}}`,
			url: '/bulkissuances',
			qs: { limit: 1 },
			method: 'GET',
		},
	};
}
