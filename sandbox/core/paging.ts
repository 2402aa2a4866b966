import type { FieldError } from './validation';

export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: FieldError };

export interface LimitRange {
	/** The page size when `limit` is absent. */
	defaultLimit?: number;
	max?: number;
}

export function parseLimit(raw: string | null, range: LimitRange = {}): Parsed<number> {
	const { defaultLimit = DEFAULT_PAGE_LIMIT, max = MAX_PAGE_LIMIT } = range;
	if (raw === null) return { ok: true, value: defaultLimit };
	const limit = /^\d+$/.test(raw) ? Number(raw) : NaN;
	if (!Number.isInteger(limit) || limit < 1 || limit > max) {
		return {
			ok: false,
			error: { field: 'limit', message: `must be an integer between 1 and ${max}` },
		};
	}
	return { ok: true, value: limit };
}

/** A 0-based position for offset paging (default 0). */
export function parseOffset(raw: string | null): Parsed<number> {
	if (raw === null) return { ok: true, value: 0 };
	if (!/^\d{1,15}$/.test(raw)) {
		return { ok: false, error: { field: 'offset', message: 'must be a non-negative integer' } };
	}
	return { ok: true, value: Number(raw) };
}

/** An opaque cursor: a scope (what is being listed) and a position, base64url-encoded. */
export function encodeCursor(scope: string, position: number): string {
	return Buffer.from(`${scope}|${position}`, 'utf8').toString('base64url');
}

export function decodeCursor(raw: string, scope: string): Parsed<number> {
	const invalid: Parsed<number> = {
		ok: false,
		error: { field: 'after', message: 'is not a valid cursor' },
	};
	if (!/^[A-Za-z0-9_-]+$/.test(raw)) return invalid;
	const decoded = Buffer.from(raw, 'base64url').toString('utf8');
	const separator = decoded.lastIndexOf('|');
	if (separator < 0 || decoded.slice(0, separator) !== scope) return invalid;
	const position = decoded.slice(separator + 1);
	if (!/^\d{1,15}$/.test(position)) return invalid;
	return { ok: true, value: Number(position) };
}
