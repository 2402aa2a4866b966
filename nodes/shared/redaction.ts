import type { INode, INodeProperties } from 'n8n-workflow';

export const REDACTED = '[redacted]';

/** Field names whose values are secrets wherever they appear (request echoes, error bodies). */
const SECRET_FIELD =
	/^(x-)?(api[-_]?key|apikey|authorization|password|secret|client[-_]?secret|secret[-_]?key|(access|refresh|id|session|sca[-_]?session|activation|card)[-_]?token|token|pan|card[-_]?number|cvv2?|cvc2?|(card[-_]?)?pin|expiry|expiry[-_]?date|exp[-_]?date)$/i;

export function isSecretField(name: string): boolean {
	return SECRET_FIELD.test(name);
}

/**
 * Deep copy of `value` where secret fields are masked and every known secret value (the API key,
 * a PAN the user typed…) is cut out of strings. Secrets shorter than 4 characters are matched only
 * as whole values, so that a CVV "123" does not mangle unrelated numbers.
 */
export function redact<T>(value: T, secretValues: readonly string[] = []): T {
	const secrets = secretValues.filter((secret) => typeof secret === 'string' && secret.length > 0);
	return redactValue(value, secrets, new WeakSet()) as T;
}

export function redactText(text: string, secretValues: readonly string[]): string {
	let result = text;
	for (const secret of secretValues) {
		if (!secret) continue;
		if (secret.length < 4) {
			if (result === secret) return REDACTED;
			continue;
		}
		result = result.split(secret).join(REDACTED);
	}
	return result;
}

function redactValue(value: unknown, secrets: readonly string[], seen: WeakSet<object>): unknown {
	if (typeof value === 'string') return redactText(value, secrets);
	if (value === null || typeof value !== 'object') return value;
	if (seen.has(value)) return '[circular]';
	seen.add(value);
	if (Array.isArray(value)) return value.map((entry) => redactValue(entry, secrets, seen));
	const copy: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value)) {
		copy[key] =
			isSecretField(key) && entry !== null && entry !== undefined && entry !== ''
				? REDACTED
				: redactValue(entry, secrets, seen);
	}
	return copy;
}

/** Names of the parameters the node shows as password fields (PAN, CVV2, tokens…). */
export function passwordParameterNames(properties: readonly INodeProperties[]): string[] {
	return properties
		.filter((property) => property.typeOptions?.password === true)
		.map((property) => property.name);
}

/**
 * A copy of the node whose password parameters are masked. Errors carry their node into the
 * execution data and logs; a card number typed into the node must not travel with them.
 */
export function withMaskedParameters(node: INode, names: readonly string[]): INode {
	const masked = { ...node.parameters };
	for (const name of names) {
		if (masked[name] !== undefined && masked[name] !== '') masked[name] = REDACTED;
	}
	return { ...node, parameters: masked };
}
