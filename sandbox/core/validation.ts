export interface FieldError {
	field: string;
	message: string;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
	return typeof value === 'string' && UUID_PATTERN.test(value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isNonEmptyString(value: unknown): value is string {
	return typeof value === 'string' && value.trim().length > 0;
}

/** Errors for every key of `object` that is not in `allowed`. */
export function unexpectedFields(
	object: Record<string, unknown>,
	allowed: ReadonlyArray<string>,
	prefix = '',
): FieldError[] {
	return Object.keys(object)
		.filter((key) => !allowed.includes(key))
		.map((key) => ({ field: `${prefix}${key}`, message: 'is not a known field' }));
}
