import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import {
	QONTO_STAGING_TOKEN_HEADER,
	QONTO_URLS,
	qontoBaseUrlProperty,
	qontoCredentialTest,
	qontoEnvironmentProperty,
	qontoStagingTokenProperty,
} from './QontoApi.credentials';

export const QONTO_OAUTH_SCOPES = 'card.read card.write offline_access';

/** https, or plain http on a loopback host; anything else is replaced by an unresolvable host. */
const SAFE_ROOT =
	'(/^(https:\\/\\/|http:\\/\\/(localhost|127\\.\\d+\\.\\d+\\.\\d+|\\[::1\\])(:\\d+)?(\\/|$))/i.test(String($self["authBaseUrl"]).trim()) ? String($self["authBaseUrl"]).trim().replace(/\\/+$/, "") : "https://plain-http-is-only-for-loopback.invalid")';

function oauthUrl(path: string): string {
	return `={{$self["environment"] === "custom" ? ${SAFE_ROOT} + "${path}" : $self["environment"] === "sandbox" ? "${QONTO_URLS.oauth.sandbox}${path}" : "${QONTO_URLS.oauth.production}${path}"}}`;
}

/*
 * What n8n 2.41 does with an OAuth2 credential (read in n8n-io/n8n and in n8n-core 2.41.1):
 * - The code exchange (packages/cli/src/controllers/oauth/oauth2-credential.controller.ts) and the
 *   refresh (packages/core/src/execution-engine/node-execution-context/utils/request-helpers/oauth.ts
 *   → @n8n/client-oauth2 CodeFlow.getToken / ClientOAuth2Token.refresh) send only n8n's own headers:
 *   a credential cannot add X-Qonto-Staging-Token to the token call. Only the body can be extended
 *   (`additionalBodyProperties`), which Qonto's sandbox does not read.
 * - `requestOAuth2` (same oauth.ts) signs requests with the bearer token and never calls the
 *   credential's `authenticate`, so an `authenticate` here would be ignored: the node adds the
 *   staging header itself (see `qontoStagingToken` in QontoApi.credentials.ts), and the connection
 *   test below sends it through its request headers.
 */
export class QontoOAuth2Api implements ICredentialType {
	name = 'qontoOAuth2Api';

	displayName = 'Qonto OAuth2 API';

	extends = ['oAuth2Api'];

	icon: Icon = { light: 'file:../icons/qonto.svg', dark: 'file:../icons/qonto.dark.svg' };

	documentationUrl = 'https://docs.qonto.com/get-started/business-api/authentication/oauth';

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		qontoEnvironmentProperty,
		{
			displayName: 'OAuth Base URL',
			name: 'authBaseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'http://127.0.0.1:8787/qonto',
			description:
				'The OAuth server root, serving /oauth2/auth and /oauth2/token. Plain http is accepted only for loopback hosts (127.0.0.1, localhost).',
			displayOptions: { show: { environment: ['custom'] } },
		},
		qontoBaseUrlProperty,
		qontoStagingTokenProperty,
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: oauthUrl('/oauth2/auth'),
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: oauthUrl('/oauth2/token'),
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: QONTO_OAUTH_SCOPES,
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			// Qonto's token endpoint documents client_id and client_secret as form fields.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];

	test: ICredentialTestRequest = {
		...qontoCredentialTest,
		request: {
			...qontoCredentialTest.request,
			headers: {
				[QONTO_STAGING_TOKEN_HEADER]:
					'={{$credentials.environment !== "production" && $credentials.stagingToken ? $credentials.stagingToken : undefined}}',
			},
		},
	};
}
