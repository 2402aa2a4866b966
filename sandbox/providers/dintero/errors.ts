import type { SandboxResponse } from '../../core/types';
import type { FieldError } from '../../core/validation';

/** Dintero's `Error` schema (seed 004): `message` required, `code` and nested `errors` optional. */
export interface DinteroErrorBody {
	error: { code?: string; message: string; errors?: FieldError[] };
}

const DEFAULTS_BY_STATUS: Record<number, { code: string; message: string }> = {
	400: { code: 'bad_request', message: 'Bad / Invalid request' },
	401: { code: 'unauthorized', message: 'Access forbidden, invalid JWT token' },
	403: { code: 'forbidden', message: 'Forbidden' },
	404: { code: 'not_found', message: 'Not found' },
	405: { code: 'method_not_allowed', message: 'Method not allowed' },
	429: { code: 'too_many_requests', message: 'Too many requests' },
	500: { code: 'internal_error', message: 'Unexpected Error' },
	502: { code: 'bad_gateway', message: 'Bad gateway' },
	503: { code: 'service_unavailable', message: 'Service unavailable' },
	504: { code: 'gateway_timeout', message: 'Gateway timeout' },
};

export function dinteroError(
	status: number,
	code: string,
	message: string,
	errors?: FieldError[],
): SandboxResponse {
	const body: DinteroErrorBody = {
		error: { code, message, ...(errors === undefined ? {} : { errors }) },
	};
	return { status, body };
}

export function dinteroErrorForStatus(status: number, message?: string): SandboxResponse {
	const fallback = status >= 500 ? DEFAULTS_BY_STATUS[500] : DEFAULTS_BY_STATUS[400];
	const { code, message: defaultMessage } = DEFAULTS_BY_STATUS[status] ?? fallback;
	return dinteroError(status, code, message ?? defaultMessage);
}

export function validationError(errors: FieldError[]): SandboxResponse {
	const count = errors.length === 1 ? '1 field error' : `${errors.length} field errors`;
	return dinteroError(400, 'validation_error', `Bad / Invalid request: ${count}`, errors);
}

export function cardNotFound(cardId: string): SandboxResponse {
	return dinteroError(404, 'not_found', `Card ${JSON.stringify(cardId)} not found`);
}
