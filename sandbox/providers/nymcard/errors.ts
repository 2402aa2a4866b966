import type { SandboxResponse } from '../../core/types';
import type { FieldError } from '../../core/validation';

/** NymCard's real error body is undocumented; the sandbox uses this one shape everywhere. */
export interface NymCardErrorBody {
	error: { code: string; message: string; details: FieldError[] };
}

const DEFAULTS_BY_STATUS: Record<number, { code: string; message: string }> = {
	400: { code: 'VALIDATION_ERROR', message: 'The request is invalid' },
	401: { code: 'UNAUTHORIZED', message: 'Invalid or missing API key' },
	403: { code: 'FORBIDDEN', message: 'Forbidden' },
	404: { code: 'NOT_FOUND', message: 'Resource does not exist' },
	405: { code: 'METHOD_NOT_ALLOWED', message: 'Method not allowed' },
	408: { code: 'TIMEOUT', message: 'Request timeout' },
	409: { code: 'DUPLICATE_REQUEST', message: 'Duplicate Request' },
	429: { code: 'RATE_LIMITED', message: 'Request Attempt Exceed' },
	500: { code: 'INTERNAL_ERROR', message: 'Internal server error' },
	501: { code: 'NOT_IMPLEMENTED', message: 'Not implemented' },
	502: { code: 'BAD_GATEWAY', message: 'Bad gateway' },
	503: { code: 'SERVICE_UNAVAILABLE', message: 'Service unavailable' },
	504: { code: 'GATEWAY_TIMEOUT', message: 'Gateway timeout' },
};

export function nymCardError(
	status: number,
	code: string,
	message: string,
	details: FieldError[] = [],
): SandboxResponse {
	const body: NymCardErrorBody = { error: { code, message, details } };
	return { status, body };
}

export function nymCardErrorForStatus(status: number, message?: string): SandboxResponse {
	const fallback = status >= 500 ? DEFAULTS_BY_STATUS[500] : DEFAULTS_BY_STATUS[400];
	const { code, message: defaultMessage } = DEFAULTS_BY_STATUS[status] ?? fallback;
	return nymCardError(status, code, message ?? defaultMessage);
}

export function validationError(details: FieldError[]): SandboxResponse {
	const count = details.length === 1 ? '1 field error' : `${details.length} field errors`;
	return nymCardError(400, 'VALIDATION_ERROR', `The request is invalid: ${count}`, details);
}

export function notFound(what: string): SandboxResponse {
	return nymCardError(404, 'NOT_FOUND', `${what} does not exist`);
}
