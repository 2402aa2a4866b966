import { randomUUID } from 'crypto';

import type { SandboxResponse } from '../../core/types';

/**
 * One entry of Qonto's JSON:API-style `errors[]` (providers.md §2.5). The codes themselves are
 * not published: the sandbox uses `required`, `invalid`, `not_found`, `unauthorized`, …
 */
export interface QontoErrorEntry {
	code: string;
	detail: string;
	source?: { pointer?: string; parameter?: string };
}

export interface QontoErrorBody {
	errors: QontoErrorEntry[];
	/** Always present on Business API errors; quoted to Qonto support. */
	trace_id: string;
}

const DEFAULTS_BY_STATUS: Record<number, QontoErrorEntry> = {
	400: { code: 'bad_request', detail: 'The request is invalid' },
	401: { code: 'unauthorized', detail: 'Authentication is missing or invalid' },
	403: { code: 'forbidden', detail: 'This action is not allowed with these credentials' },
	404: { code: 'not_found', detail: 'Not found' },
	405: { code: 'method_not_allowed', detail: 'Method not allowed' },
	409: { code: 'conflict', detail: 'Conflict' },
	412: { code: 'precondition_failed', detail: 'Precondition failed' },
	422: { code: 'unprocessable_entity', detail: 'The request could not be processed' },
	428: { code: 'sca_required', detail: 'Strong customer authentication is required' },
	429: { code: 'too_many_requests', detail: 'Too many requests' },
	500: { code: 'internal_server_error', detail: 'Internal server error' },
	502: { code: 'bad_gateway', detail: 'Bad gateway' },
	503: { code: 'service_unavailable', detail: 'Service unavailable' },
	504: { code: 'gateway_timeout', detail: 'Gateway timeout' },
};

export function traceId(): string {
	return randomUUID();
}

export function qontoErrors(status: number, errors: QontoErrorEntry[]): SandboxResponse {
	const body: QontoErrorBody = { errors, trace_id: traceId() };
	return { status, body };
}

export function qontoError(status: number, code: string, detail: string): SandboxResponse {
	return qontoErrors(status, [{ code, detail }]);
}

export function qontoErrorForStatus(status: number, detail?: string): SandboxResponse {
	const fallback = status >= 500 ? DEFAULTS_BY_STATUS[500] : DEFAULTS_BY_STATUS[400];
	const entry = DEFAULTS_BY_STATUS[status] ?? fallback;
	return qontoErrors(status, [{ code: entry.code, detail: detail ?? entry.detail }]);
}
