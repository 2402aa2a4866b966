import type { SandboxRequest } from './types';

/** The first value of a request header (names in lower case); `undefined` when absent or empty. */
export function headerValue(request: SandboxRequest, name: string): string | undefined {
	const raw = request.headers[name];
	const value = Array.isArray(raw) ? raw[0] : raw;
	return value === undefined || value === '' ? undefined : value;
}

export interface BasicCredentials {
	/** As decoded from base64, before any URL-decoding the provider may apply. */
	clientId: string;
	clientSecret: string;
}

/** `Authorization: Basic base64(id:secret)`, split at the first colon; `undefined` if malformed. */
export function basicCredentials(request: SandboxRequest): BasicCredentials | undefined {
	const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(headerValue(request, 'authorization') ?? '');
	if (match === null) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const separator = decoded.indexOf(':');
	if (separator < 0) return undefined;
	return { clientId: decoded.slice(0, separator), clientSecret: decoded.slice(separator + 1) };
}

/** The token of `Authorization: Bearer <token>`, or `undefined`. */
export function bearerToken(request: SandboxRequest): string | undefined {
	const match = /^Bearer\s+(\S+)$/i.exec(headerValue(request, 'authorization') ?? '');
	return match === null ? undefined : match[1];
}
