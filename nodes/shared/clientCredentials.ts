import type { IDataObject, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

/**
 * What the client-credentials credentials (a token fetched by `preAuthentication`) share: the
 * hidden expirable field n8n fills and refreshes after a 401, and how a failed token request is
 * told. The pattern is that of n8n's own such credentials, e.g.
 * packages/nodes-base/credentials/CrowdStrikeOAuth2Api.credentials.ts (n8n-io/n8n).
 */
export const accessTokenProperty: INodeProperties = {
	displayName: 'Access Token',
	name: 'accessToken',
	type: 'hidden',
	typeOptions: { expirable: true, password: true },
	default: '',
};

type HttpFailure = {
	httpCode?: string;
	response?: { status?: number; data?: { error?: { message?: unknown } } };
	cause?: { response?: { status?: number; data?: { error?: { message?: unknown } } } };
};

/**
 * A refused or failed token request in words: only the status and the provider's own message, so
 * that the request (with its Basic header) stays out of the error.
 */
export function tokenRequestFailure(provider: string, error: unknown, whatToCheck: string): Error {
	const failure = error as HttpFailure;
	const response = failure.response ?? failure.cause?.response;
	const status = response?.status ?? failure.httpCode;
	const message = response?.data?.error?.message;
	const detail = typeof message === 'string' ? `: ${message}` : '';
	// No answer, a timeout, a rate limit or a server error may pass: the request can be retried.
	const temporary =
		status === undefined || [408, 429].includes(Number(status)) || Number(status) >= 500;
	const refusal = new Error(
		status === undefined
			? `Could not reach ${provider} to get an access token`
			: temporary
				? `${provider} could not give an access token for now (HTTP ${status})${detail}`
				: `${provider} refused the access-token request (HTTP ${status})${detail}. Check ${whatToCheck}`,
	);
	return temporary ? Object.assign(refusal, { temporary: true }) : refusal;
}

/** The `access_token` of a token answer, as the credential stores it. */
export function readAccessToken(provider: string, answer: unknown): { accessToken: string } {
	const token = (answer as IDataObject | undefined)?.access_token;
	if (typeof token !== 'string' || token === '') {
		throw new Error(`${provider} answered the access-token request without an access_token`);
	}
	return { accessToken: token };
}

/**
 * `request` carrying the stored token as Bearer. A Bearer it already has is replaced (after a 401,
 * n8n authenticates the same request again with the new token); a Basic header is kept: only the
 * connection test brings one, to the token endpoint, so that a wrong secret fails the test even
 * while a token fetched earlier is still stored.
 */
export function withBearerToken(
	request: IHttpRequestOptions,
	token: unknown,
): { request: IHttpRequestOptions; tokenRequest: boolean } {
	const headers: IDataObject = { ...(request.headers ?? {}) };
	const tokenRequest = Object.entries(headers).some(
		([name, value]) => name.toLowerCase() === 'authorization' && /^Basic /.test(String(value)),
	);
	if (!tokenRequest) {
		for (const name of Object.keys(headers))
			if (name.toLowerCase() === 'authorization') delete headers[name];
		headers.Authorization = `Bearer ${typeof token === 'string' ? token : ''}`;
	}
	return { request: { ...request, headers }, tokenRequest };
}
