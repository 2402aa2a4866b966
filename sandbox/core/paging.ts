import type { FieldError } from './validation';

export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: FieldError };

export function parseLimit(raw: string | null): Parsed<number> {
	if (raw === null) return { ok: true, value: DEFAULT_PAGE_LIMIT };
	const limit = /^\d+$/.test(raw) ? Number(raw) : NaN;
	if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
		return {
			ok: false,
			error: { field: 'limit', message: `must be an integer between 1 and ${MAX_PAGE_LIMIT}` },
		};
	}
	return { ok: true, value: limit };
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
