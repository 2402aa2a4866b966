import type { Route, SandboxRequest, SandboxResponse } from '../../core/types';
import { isPlainObject } from '../../core/validation';
import { header } from './auth';
import type { QontoContext } from './context';

/** Scopes the sandbox's OAuth server grants (a subset of Qonto's published list). */
export const KNOWN_SCOPES = [
	'openid',
	'offline_access',
	'card.read',
	'card.write',
	'organization.read',
	'membership.read',
	'membership.write',
	'payment.write',
	'internal_transfer.write',
	'attachment.write',
];

function oauthError(status: number, error: string, description: string): SandboxResponse {
	return { status, body: { error, error_description: description } };
}

function redirectTo(
	redirectUri: string,
	params: Record<string, string | undefined>,
): SandboxResponse {
	const target = new URL(redirectUri);
	for (const [name, value] of Object.entries(params)) {
		if (value !== undefined) target.searchParams.set(name, value);
	}
	return { status: 302, headers: { location: target.toString() } };
}

/**
 * `GET /oauth2/auth`: no login page and no consent screen — the mocked user answers at once
 * (config `oauthConsent`) and the browser is sent back to `redirect_uri` with a code.
 */
function authorize(context: QontoContext, request: SandboxRequest): SandboxResponse {
	const config = context.config();
	const query = request.query;
	const clientId = query.get('client_id') ?? '';
	if (!config.oauthClients.some((client) => client.clientId === clientId)) {
		return oauthError(400, 'invalid_client', 'Unknown client_id');
	}
	const redirectUri = query.get('redirect_uri') ?? '';
	let parsed: URL | undefined;
	try {
		parsed = new URL(redirectUri);
	} catch {
		parsed = undefined;
	}
	if (
		parsed === undefined ||
		(config.redirectUris.length > 0 && !config.redirectUris.includes(redirectUri))
	) {
		return oauthError(
			400,
			'invalid_request',
			'redirect_uri is missing or not registered for this client',
		);
	}
	const state = query.get('state') ?? undefined;
	if (query.get('response_type') !== 'code') {
		return redirectTo(redirectUri, { error: 'unsupported_response_type', state });
	}
	const scopes = (query.get('scope') ?? '').split(/[\s,]+/).filter((scope) => scope !== '');
	const unknown = scopes.filter((scope) => !KNOWN_SCOPES.includes(scope));
	if (unknown.length > 0) {
		return redirectTo(redirectUri, {
			error: 'invalid_scope',
			error_description: `Unknown scope ${unknown.join(' ')}`,
			state,
		});
	}
	if (config.oauthConsent === 'deny') {
		return redirectTo(redirectUri, {
			error: 'access_denied',
			error_description: 'The user denied the request',
			state,
		});
	}
	const code = context.oauth.issueCode(clientId, redirectUri, scopes, context.clock.now(), config);
	context.counters.authorizationCodesIssued += 1;
	return redirectTo(redirectUri, { code, scope: scopes.join(' '), state });
}

/** The form fields of a token request (a JSON object is tolerated too). */
function formFields(request: SandboxRequest): Record<string, string> {
	const { body } = request;
	if (body.kind === 'invalid') return Object.fromEntries(new URLSearchParams(body.raw));
	if (body.kind === 'json' && isPlainObject(body.value)) {
		return Object.fromEntries(
			Object.entries(body.value).map(([key, value]) => [
				key,
				typeof value === 'string' ? value : String(value),
			]),
		);
	}
	return {};
}

function decodeFormComponent(text: string): string {
	try {
		return decodeURIComponent(text.replace(/\+/g, ' '));
	} catch {
		return text;
	}
}

/** client_secret_basic (Authorization: Basic) or client_secret_post (form fields): both accepted. */
function clientOf(context: QontoContext, request: SandboxRequest, fields: Record<string, string>) {
	const basic = /^Basic\s+(\S+)$/i.exec(header(request, 'authorization') ?? '');
	let clientId = fields.client_id;
	let clientSecret = fields.client_secret;
	if (basic) {
		const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
		const separator = decoded.indexOf(':');
		if (separator >= 0) {
			clientId = decodeFormComponent(decoded.slice(0, separator));
			clientSecret = decodeFormComponent(decoded.slice(separator + 1));
		}
	}
	return context
		.config()
		.oauthClients.find(
			(client) => client.clientId === clientId && client.clientSecret === clientSecret,
		);
}

/** `POST /oauth2/token`: authorization_code and refresh_token grants (providers.md §2.2). */
function token(context: QontoContext, request: SandboxRequest): SandboxResponse {
	const fields = formFields(request);
	const client = clientOf(context, request, fields);
	if (client === undefined)
		return oauthError(401, 'invalid_client', 'Client authentication failed');
	const config = context.config();
	const now = context.clock.now();
	if (fields.grant_type === 'authorization_code') {
		if (!fields.code) return oauthError(400, 'invalid_request', 'code is required');
		const grant = context.oauth.redeemCode(fields.code, client.clientId, now);
		if (grant === undefined) {
			return oauthError(
				400,
				'invalid_grant',
				'The authorization code is invalid, expired or already used',
			);
		}
		if (fields.redirect_uri !== grant.redirectUri) {
			return oauthError(
				400,
				'invalid_grant',
				'redirect_uri does not match the authorization request',
			);
		}
		context.counters.accessTokensIssued += 1;
		return {
			status: 200,
			body: context.oauth.issueTokens(client.clientId, grant.scopes, now, config),
		};
	}
	if (fields.grant_type === 'refresh_token') {
		if (!fields.refresh_token)
			return oauthError(400, 'invalid_request', 'refresh_token is required');
		const pair = context.oauth.refresh(fields.refresh_token, client.clientId, now, config);
		if (pair === undefined) {
			return oauthError(
				400,
				'invalid_grant',
				'The refresh token is invalid, expired or already used',
			);
		}
		context.counters.accessTokensIssued += 1;
		context.counters.tokenRefreshes += 1;
		return { status: 200, body: pair };
	}
	return oauthError(
		400,
		'unsupported_grant_type',
		'grant_type must be authorization_code or refresh_token',
	);
}

export const AUTHORIZE_PATH = '/oauth2/auth';
export const TOKEN_PATH = '/oauth2/token';

export function oauthRoutes(context: QontoContext): Route[] {
	return [
		{ method: 'GET', path: AUTHORIZE_PATH, handle: (request) => authorize(context, request) },
		{ method: 'POST', path: TOKEN_PATH, handle: (request) => token(context, request) },
	];
}
