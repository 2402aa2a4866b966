import { parseLimit, parseOffset } from '../../core/paging';
import type { SandboxRequest } from '../../core/types';
import type { PaysafeFieldError } from './errors';

/** Paysafe's `limit` (1–50, default 10) and `offset` (default 0). */
export const DEFAULT_PAYSAFE_PAGE_LIMIT = 10;
export const MAX_PAYSAFE_PAGE_LIMIT = 50;

export type PagingCheck =
	| { ok: true; limit: number; offset: number }
	| { ok: false; errors: PaysafeFieldError[] };

export function readPaging(request: SandboxRequest): PagingCheck {
	const limit = parseLimit(request.query.get('limit'), {
		defaultLimit: DEFAULT_PAYSAFE_PAGE_LIMIT,
		max: MAX_PAYSAFE_PAGE_LIMIT,
	});
	const offset = parseOffset(request.query.get('offset'));
	const errors = [limit, offset].flatMap((parsed) =>
		parsed.ok ? [] : [{ field: parsed.error.field, error: parsed.error.message }],
	);
	if (!limit.ok || !offset.ok) return { ok: false, errors };
	return { ok: true, limit: limit.value, offset: offset.value };
}
