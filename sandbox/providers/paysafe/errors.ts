import type { SandboxResponse } from '../../core/types';

export interface PaysafeFieldError {
	field: string;
	error: string;
}

/** Paysafe's error body (seed 003): `{error: {code, message, details[], fieldErrors[]?}}`. */
export interface PaysafeErrorBody {
	error: { code: string; message: string; details: string[]; fieldErrors?: PaysafeFieldError[] };
}

interface ErrorTemplate {
	code: string;
	message: string;
	details: string[];
}

/** Documented in seed 003 unless marked "invented" (the sandbox's own codes; see the README). */
const INVALID_CREDENTIALS: ErrorTemplate = {
	code: '5279',
	message: 'Invalid credentials',
	details: ['The authentication credentials are invalid.'],
};
const FIELD_ERRORS: ErrorTemplate = {
	code: '5068',
	message: 'Field error(s)',
	details: [
		'Either you submitted a request that is missing a mandatory field or the value of a field does not match the format expected.',
	],
};
const NO_SUCH_CUSTOMER: ErrorTemplate = {
	code: 'DW-NO-SUCH-CUSTOMER',
	message: 'Customer was not found',
	details: ['No customer matching the provided data was found.'],
};
const QUANTITY_MISMATCH: ErrorTemplate = {
	code: 'DW-PREPAID-CARDS-BULK-QUANTITY-MISMATCH',
	message: 'Mismatch in the provided quantity field.',
	details: ["The provided quantity field doesn't match the number of elements in the cards array."],
};
const INTERNAL_SERVER_ERROR: ErrorTemplate = {
	code: 'DW-INTERNAL-SERVER-ERROR',
	message: 'Internal Server Error',
	details: ['There was an error while processing the operation'],
};
const SERVICE_UNAVAILABLE: ErrorTemplate = {
	code: 'DW-SERVICE-UNAVAILABLE',
	message: 'Service Unavailable',
	details: ['Service Unavailable'],
};
/** Invented. */
const NO_SUCH_BULK: ErrorTemplate = {
	code: 'DW-NO-SUCH-BULK',
	message: 'Bulk was not found',
	details: ['No card bulk order matching the provided data was found.'],
};
/** Invented. */
const INVALID_SIGNATURE: ErrorTemplate = {
	code: 'DW-INVALID-SIGNATURE',
	message: 'Invalid signature',
	details: ['The Signature header is missing or does not match the request body.'],
};

/** For statuses a route does not answer itself (faults, rate limits, unknown routes); invented except 401, 500, 503. */
const BY_STATUS: Record<number, ErrorTemplate> = {
	400: { code: 'DW-BAD-REQUEST', message: 'Bad Request', details: ['The request is not valid.'] },
	401: INVALID_CREDENTIALS,
	403: { code: 'DW-FORBIDDEN', message: 'Forbidden', details: ['Access is denied.'] },
	404: { code: 'DW-NOT-FOUND', message: 'Not Found', details: ['The resource was not found.'] },
	405: {
		code: 'DW-METHOD-NOT-ALLOWED',
		message: 'Method Not Allowed',
		details: ['The method is not allowed on this resource.'],
	},
	429: {
		code: 'DW-TOO-MANY-REQUESTS',
		message: 'Too many requests',
		details: ['The request rate limit was exceeded; retry later.'],
	},
	500: INTERNAL_SERVER_ERROR,
	503: SERVICE_UNAVAILABLE,
};

function respond(
	status: number,
	template: ErrorTemplate,
	fieldErrors?: PaysafeFieldError[],
): SandboxResponse {
	const body: PaysafeErrorBody = {
		error: {
			code: template.code,
			message: template.message,
			details: [...template.details],
			...(fieldErrors === undefined ? {} : { fieldErrors }),
		},
	};
	return { status, body };
}

export function paysafeErrorForStatus(status: number, message?: string): SandboxResponse {
	const template = BY_STATUS[status] ?? (status >= 500 ? INTERNAL_SERVER_ERROR : BY_STATUS[400]);
	return respond(status, message === undefined ? template : { ...template, message });
}

export const invalidCredentials = () => respond(401, INVALID_CREDENTIALS);
export const invalidSignature = () => respond(401, INVALID_SIGNATURE);
export const noSuchCustomer = () => respond(404, NO_SUCH_CUSTOMER);
export const noSuchBulk = () => respond(404, NO_SUCH_BULK);
export const quantityMismatch = () => respond(400, QUANTITY_MISMATCH);
export const fieldErrors = (errors: PaysafeFieldError[]) => respond(400, FIELD_ERRORS, errors);
