import { createHmac, timingSafeEqual } from 'crypto';

import { basicCredentials, bearerToken, headerValue } from '../../core/credentials';
import type { Route, RouteHandler, SandboxRequest, SandboxResponse } from '../../core/types';
import type { PaysafeContext } from './context';
import { fieldErrors, invalidCredentials, invalidSignature } from './errors';

export const TOKEN_ROUTE_PATH = '/auth/brands/{brand}/token';
export const TOKEN_SCOPE = 'whitelabelWallet';

function urlDecoded(text: string): string {
	try {
		return decodeURIComponent(text.replace(/\+/g, ' '));
	} catch {
		return text;
	}
}

/** Paysafe URL-encodes id and secret before base64; a client that does not is accepted too. */
function matches(sent: string, expected: string): boolean {
	return sent === expected || urlDecoded(sent) === expected;
}

function refuse(context: PaysafeContext, response: SandboxResponse): SandboxResponse {
	context.counters.tokenRequestsRefused += 1;
	return response;
}

/**
 * `POST /auth/brands/{brand}/token` with `Authorization: Basic base64(urlencode(id):urlencode(secret))`
 * and the form body `grant_type=client_credentials` (providers.md §3.2). Client authentication is
 * checked first (401 5279, also for an unknown brand), then the grant (400 5068).
 */
function issueToken(
	context: PaysafeContext,
	request: SandboxRequest,
	brand: string,
): SandboxResponse {
	context.counters.tokenRequests += 1;
	const config = context.config();
	const basic = basicCredentials(request);
	if (
		brand !== config.brand ||
		basic === undefined ||
		!matches(basic.clientId, config.clientId) ||
		!matches(basic.clientSecret, config.clientSecret)
	) {
		return refuse(context, invalidCredentials());
	}
	const contentType = headerValue(request, 'content-type') ?? '';
	if (!/^application\/x-www-form-urlencoded\b/i.test(contentType)) {
		return refuse(
			context,
			fieldErrors([{ field: 'Content-Type', error: 'must be application/x-www-form-urlencoded' }]),
		);
	}
	const grantType = new URLSearchParams(request.rawBody.toString('utf8')).get('grant_type');
	if (grantType !== 'client_credentials') {
		return refuse(
			context,
			fieldErrors([
				{
					field: 'grant_type',
					error:
						grantType === null
							? 'must not be null'
							: 'unsupported grant type: the sandbox issues client_credentials tokens only',
				},
			]),
		);
	}
	const lifetime = config.tokenLifetimeSeconds;
	const accessToken = context.tokens.issue(brand, context.clock.now(), lifetime);
	context.counters.tokensIssued += 1;
	return {
		status: 200,
		body: {
			access_token: accessToken,
			expires_in: lifetime,
			token_type: 'Bearer',
			scope: TOKEN_SCOPE,
		},
	};
}

export function authRoutes(context: PaysafeContext): Route[] {
	return [
		{
			method: 'POST',
			path: TOKEN_ROUTE_PATH,
			handle: (request, { brand }) => issueToken(context, request, brand),
		},
	];
}

/** Runs `handler` only for a live Bearer token; otherwise 401 5279. */
export function withToken(context: PaysafeContext, handler: RouteHandler): RouteHandler {
	return (request, params) => {
		const check = context.tokens.check(bearerToken(request), context.clock.now());
		if (check !== 'valid') {
			context.counters.unauthorized += 1;
			return invalidCredentials();
		}
		return handler(request, params);
	};
}

export function signatureOf(hmacKey: string, body: Buffer): string {
	return createHmac('sha256', hmacKey).update(body).digest('base64');
}

/**
 * With `hmacKey` configured, the request needs `Signature: base64(HMAC-SHA256(hmacKey, raw body))`;
 * `undefined` when it passes, else the 401 DW-INVALID-SIGNATURE to answer.
 */
export function checkSignature(
	context: PaysafeContext,
	request: SandboxRequest,
): SandboxResponse | undefined {
	const { hmacKey } = context.config();
	if (hmacKey === undefined) return undefined;
	const sent = Buffer.from(headerValue(request, 'signature') ?? '', 'utf8');
	const expected = Buffer.from(signatureOf(hmacKey, request.rawBody), 'utf8');
	if (sent.length === expected.length && timingSafeEqual(sent, expected)) return undefined;
	context.counters.invalidSignatures += 1;
	return invalidSignature();
}
