import { NodeOperationError, type INode } from 'n8n-workflow';

export interface FieldError {
	/** The parameter as the user sees it, e.g. "Number of Cards" or "Shipping Address › City". */
	field: string;
	message: string;
}

/**
 * Providers show UUIDs for most ids but rarely promise the format: any plain identifier passes, so
 * that only values that cannot be an id (spaces, slashes, an expression's leftovers) are stopped
 * before they are put in a URL path.
 */
export const RESOURCE_ID_PATTERN = /^(?!\.{1,2}$)[A-Za-z0-9._:~-]{1,100}$/;

/** Collects every problem of one order so the user can fix them all at once. */
export class ValidationReport {
	readonly errors: FieldError[] = [];

	add(field: string, message: string): void {
		this.errors.push({ field, message });
	}

	get ok(): boolean {
		return this.errors.length === 0;
	}

	requireText(field: string, value: unknown, rules: TextRules = {}): string | undefined {
		// Text, or a number an expression gave (an id such as 12345); never an object, a list, a
		// boolean or NaN turned into "[object Object]", "a,b", "true" or "NaN".
		const usable =
			typeof value === 'string' ||
			value == null ||
			(typeof value === 'number' && Number.isFinite(value));
		if (!usable) {
			this.add(field, `must be text (got ${describe(value)})`);
			return undefined;
		}
		const text = typeof value === 'string' ? value.trim() : value == null ? '' : String(value);
		if (text === '') {
			if (rules.required !== false) this.add(field, 'is required');
			return undefined;
		}
		if (rules.maxLength !== undefined && text.length > rules.maxLength) {
			this.add(field, `must be at most ${rules.maxLength} characters (got ${text.length})`);
		}
		if (rules.minLength !== undefined && text.length < rules.minLength) {
			this.add(field, `must be at least ${rules.minLength} characters (got ${text.length})`);
		}
		if (rules.pattern && !rules.pattern.test(text)) {
			this.add(field, rules.patternHint ?? `has an invalid format`);
		}
		return text;
	}

	requireInteger(field: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER) {
		const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
		if (typeof number !== 'number' || !Number.isInteger(number)) {
			this.add(field, `must be a whole number (got ${describe(value)})`);
			return undefined;
		}
		if (number < min || number > max) {
			this.add(
				field,
				max === Number.MAX_SAFE_INTEGER
					? `must be at least ${min}`
					: `must be between ${min} and ${max}`,
			);
			return undefined;
		}
		return number;
	}

	/** An id that goes into a URL path; `whatItIs` completes "must be the id …". */
	requireId(field: string, value: unknown, whatItIs: string): string | undefined {
		return this.requireText(field, value, {
			pattern: RESOURCE_ID_PATTERN,
			patternHint: `must be the id ${whatItIs} (letters, digits, - _ . : ~)`,
		});
	}

	/** Throws one error that lists every field error, tied to the item that carried the order. */
	throwIfInvalid(node: INode, itemIndex: number, subject: string): void {
		if (this.ok) return;
		const count = this.errors.length;
		const error = new NodeOperationError(
			node,
			`${subject} has ${count} invalid field${count === 1 ? '' : 's'}; nothing was sent`,
			{
				itemIndex,
				description: this.errors.map((entry) => `• ${entry.field}: ${entry.message}`).join('\n'),
			},
		);
		error.context.fieldErrors = this.errors.map((entry) => ({ ...entry }));
		throw error;
	}
}

export interface TextRules {
	required?: boolean;
	maxLength?: number;
	minLength?: number;
	pattern?: RegExp;
	patternHint?: string;
}

function describe(value: unknown): string {
	if (value === undefined || value === null || value === '') return 'nothing';
	if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
	return JSON.stringify(value);
}

/** Text in capitals (a country or currency code); any other value as it is, for `requireText` to refuse. */
export function upperCased(value: unknown): unknown {
	return typeof value === 'string' ? value.toUpperCase() : value;
}

/** Ids given as a list (an expression) or as text separated by commas or spaces. */
export function readIdList(
	report: ValidationReport,
	field: string,
	value: unknown,
	required: boolean,
): string[] {
	const ids = (Array.isArray(value) ? value : String(value ?? '').split(/[\s,]+/))
		.map((id) => String(id).trim())
		.filter((id) => id !== '');
	if (required && ids.length === 0) report.add(field, 'is required');
	const bad = ids.filter((id) => !RESOURCE_ID_PATTERN.test(id));
	if (bad.length > 0) report.add(field, `${bad.length} value(s) cannot be ids, e.g. "${bad[0]}"`);
	return ids;
}
