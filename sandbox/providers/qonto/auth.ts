import type { SandboxRequest, SandboxResponse } from '../../core/types';
import type { QontoContext } from './context';
import { qontoError } from './errors';

export const STAGING_TOKEN_HEADER = 'x-qonto-staging-token';
const ONELOGIN_URL = 'https://qonto.onelogin.com/login2';

/** What the real sandbox shows to a request without its staging token: a login page, not JSON. */
const ONELOGIN_PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Qonto - Sign in</title></head>
<body><form action="${ONELOGIN_URL}" method="post"><h1>Sign in to Qonto</h1>
<label>Email <input name="username" type="email"></label><button type="submit">Continue</button>
</form><p>Powered by OneLogin</p></body></html>
`;

export function header(request: SandboxRequest, name: string): string | undefined {
	const raw = request.headers[name];
	const value = Array.isArray(raw) ? raw[0] : raw;
	return value === undefined || value === '' ? undefined : value;
}

/** `undefined` when the request may pass; otherwise the OneLogin page or redirect. */
export function stagingRefusal(
	context: QontoContext,
	request: SandboxRequest,
): SandboxResponse | undefined {
	const { stagingTokens, stagingRefusal: mode } = context.config();
	if (stagingTokens.length === 0) return undefined;
	const given = header(request, STAGING_TOKEN_HEADER);
	if (given !== undefined && stagingTokens.includes(given)) return undefined;
	context.counters.stagingRefusals += 1;
	if (mode === 'redirect') return { status: 302, headers: { location: ONELOGIN_URL } };
	return {
		status: 200,
		headers: { 'content-type': 'text/html; charset=utf-8' },
		rawBody: ONELOGIN_PAGE,
	};
}

export type Principal =
	| { kind: 'apiKey'; login: string }
	| { kind: 'oauth'; clientId: string; scopes: string[] };

export type Authenticated =
	| { ok: true; principal: Principal }
	| { ok: false; response: SandboxResponse };

/**
 * `Authorization: <login>:<secret-key>` (no prefix, no base64) or `Authorization: Bearer <token>`
 * from the sandbox's OAuth server (providers.md §2.2).
 */
export function authenticate(context: QontoContext, request: SandboxRequest): Authenticated {
	const value = header(request, 'authorization');
	const unauthorized = (detail: string): Authenticated => ({
		ok: false,
		response: qontoError(401, 'unauthorized', detail),
	});
	if (value === undefined) return unauthorized('The Authorization header is missing');
	const bearer = /^Bearer\s+(\S+)$/i.exec(value);
	if (bearer) {
		if (context.config().demoAccessTokens.includes(bearer[1])) {
			return {
				ok: true,
				principal: { kind: 'oauth', clientId: 'demo', scopes: ['card.read', 'card.write'] },
			};
		}
		const token = context.oauth.accessToken(bearer[1], context.clock.now());
		if (token === undefined) return unauthorized('The access token is invalid or expired');
		return {
			ok: true,
			principal: { kind: 'oauth', clientId: token.clientId, scopes: token.scopes },
		};
	}
	const separator = value.indexOf(':');
	if (separator > 0 && !/^(Basic|Bearer)\s/i.test(value)) {
		const login = value.slice(0, separator);
		const secretKey = value.slice(separator + 1);
		const known = context
			.config()
			.apiKeys.some((key) => key.login === login && key.secretKey === secretKey);
		if (known) return { ok: true, principal: { kind: 'apiKey', login } };
	}
	return unauthorized('The login or secret key is invalid');
}

/** OAuth tokens need the scope; an API key reaches read endpoints only. */
export function requireScope(
	principal: Principal,
	scope: string,
	apiKeyAllowed: boolean,
): SandboxResponse | undefined {
	if (principal.kind === 'apiKey') {
		return apiKeyAllowed
			? undefined
			: qontoError(
					403,
					'forbidden',
					'This endpoint needs an OAuth access token; an API key cannot use it',
				);
	}
	if (principal.scopes.includes(scope)) return undefined;
	return qontoError(403, 'insufficient_scope', `The access token lacks the ${scope} scope`);
}
