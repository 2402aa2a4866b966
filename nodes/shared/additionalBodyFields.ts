import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ValidationReport } from './validation';

const FIELD_LABEL = 'Additional Body Fields (JSON)';

/**
 * `options.additionalBodyFields` on every create (and update): fields a provider added, or that
 * our guesses named wrongly, reach the provider without waiting for a release of this package.
 */
export const additionalBodyFieldsOption: INodeProperties = {
	displayName: FIELD_LABEL,
	name: 'additionalBodyFields',
	type: 'json',
	default: '{}',
	description:
		"A JSON object merged into the body of each request to the provider, for fields this node does not offer. The node's own fields win when both set the same top-level field.",
	hint: "Sent as written: check the names against the provider's API reference",
};

/**
 * Reads the option as a plain object. The editor gives a string; an expression may give an
 * object. Anything else is a field error, so the order is refused before a request is sent.
 */
export function readAdditionalBodyFields(report: ValidationReport, value: unknown): IDataObject {
	if (value === undefined || value === null) return {};
	let parsed: unknown = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return {};
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			report.add(FIELD_LABEL, `is not valid JSON (${(error as Error).message})`);
			return {};
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		report.add(
			FIELD_LABEL,
			`must be a JSON object such as {"field": "value"} (got ${Array.isArray(parsed) ? 'a list' : typeof parsed})`,
		);
		return {};
	}
	return parsed as IDataObject;
}

/** The request body: the user's additional fields under ours, so ours win on a clash. */
export function withAdditionalBodyFields(ours: IDataObject, additional: IDataObject): IDataObject {
	return { ...additional, ...ours };
}
