import { basicCredentials } from '../../core/credentials';
import type { Route, SandboxRequest, SandboxResponse } from '../../core/types';
import { isPlainObject } from '../../core/validation';
import { ACCOUNT_ID_PATTERN, knownAccounts } from './config';
import { type DinteroContext, firstHeader, jsonBody } from './context';
import { dinteroError, validationError } from './errors';

function refuse(context: DinteroContext, response: SandboxResponse): SandboxResponse {
	context.counters.tokenRequestsRefused += 1;
	return response;
}

/**
 * `POST /accounts/{aid}/auth/token`: Basic client_id:client_secret and a JSON body
 * `{grant_type: "client_credentials", audience}`. Dintero's docs send the audience
 * `https://api.dintero.com/v1/accounts/{aid}`; the sandbox accepts any URL ending in
 * `/accounts/{aid}` so that a client pointed at another host may name that host instead.
 */
function issueToken(
	context: DinteroContext,
	request: SandboxRequest,
	aid: string,
): SandboxResponse {
	context.counters.tokenRequests += 1;
	if (!ACCOUNT_ID_PATTERN.test(aid)) {
		return refuse(
			context,
			validationError([{ field: 'aid', message: 'must be T or P followed by 8 digits' }]),
		);
	}
	const config = context.config();
	if (!knownAccounts(config).has(aid)) {
		return refuse(context, dinteroError(404, 'not_found', `Account ${aid} not found`));
	}
	const basic = basicCredentials(request);
	const client = config.clients.find(
		({ accountId, clientId, clientSecret }) =>
			accountId === aid && clientId === basic?.clientId && clientSecret === basic.clientSecret,
	);
	if (client === undefined) {
		return refuse(
			context,
			dinteroError(
				401,
				'unauthorized',
				basic === undefined
					? 'Basic authentication with the API client id and secret is required'
					: 'Invalid client credentials for this account',
			),
		);
	}
	const body = jsonBody(request);
	if (!body.ok) return refuse(context, body.response);
	if (!isPlainObject(body.value)) {
		return refuse(context, validationError([{ field: 'body', message: 'must be a JSON object' }]));
	}
	const { grant_type: grantType, audience } = body.value;
	const errors = [];
	if (grantType !== 'client_credentials') {
		errors.push({ field: 'grant_type', message: 'must be client_credentials' });
	}
	if (typeof audience !== 'string' || !audience.endsWith(`/accounts/${aid}`)) {
		errors.push({
			field: 'audience',
			message: `must be the account's API URL, e.g. https://api.dintero.com/v1/accounts/${aid}`,
		});
	}
	if (errors.length > 0) return refuse(context, validationError(errors));

	const issued = context.tokens.issue(
		{ accountId: aid, clientId: client.clientId, audience: audience as string },
		context.clock.now(),
		config.tokenLifetimeSeconds,
	);
	context.counters.tokensIssued += 1;
	return {
		status: 200,
		body: { access_token: issued.accessToken, token_type: 'Bearer', expires_in: issued.expiresIn },
	};
}

export const TOKEN_ROUTE_PATH = '/accounts/{aid}/auth/token';

export function authRoutes(context: DinteroContext): Route[] {
	return [
		{
			method: 'POST',
			path: TOKEN_ROUTE_PATH,
			handle: (request, { aid }) => issueToken(context, request, aid),
		},
	];
}

/** The calling client when the bearer token opens account `aid`, else the 400/401/403 to answer. */
export function authorize(
	context: DinteroContext,
	request: SandboxRequest,
	aid: string,
): { clientId: string } | SandboxResponse {
	if (!ACCOUNT_ID_PATTERN.test(aid)) {
		return validationError([{ field: 'aid', message: 'must be T or P followed by 8 digits' }]);
	}
	const check = context.tokens.check(
		firstHeader(request.headers.authorization),
		aid,
		context.clock.now(),
	);
	if (check.kind === 'valid') return { clientId: check.clientId };
	if (check.kind === 'otherAccount') {
		return dinteroError(403, 'forbidden', `The access token was issued for another account`);
	}
	context.counters.unauthorized += 1;
	const reason =
		check.kind === 'expired'
			? 'the token has expired'
			: check.kind === 'missing'
				? 'no Bearer token was sent'
				: 'the token is not known';
	return dinteroError(401, 'unauthorized', `Access forbidden, invalid JWT token: ${reason}`);
}
