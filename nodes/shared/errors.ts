import { NodeApiError, type IDataObject, type INode, type JsonObject } from 'n8n-workflow';

import { redact, redactText } from './redaction';
import { ProviderRequestError } from './request';

export interface ErrorContext {
	/** Provider name as users know it, e.g. "Acme Cards". */
	providerLabel: string;
	itemIndex: number;
	/** What the node was doing, e.g. "create bulk issuance chunk 2 of 3". */
	action: string;
	/** Values that must not appear in the message (API key, PAN…). */
	secrets?: readonly string[];
}

export interface ProviderFieldError {
	field: string;
	message: string;
}

/** The provider's own words from an error body, whatever its shape. */
export function extractProviderMessage(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim().slice(0, 300) || undefined;
	if (!isObject(body)) return undefined;
	const error = body.error;
	const candidates = [
		isObject(error) ? error.message : undefined,
		isObject(error) ? error.description : undefined,
		body.message,
		body.error_description,
		typeof error === 'string' ? error : undefined,
		body.detail,
		body.title,
	];
	const found = candidates.find((value) => typeof value === 'string' && value.trim() !== '');
	if (found) return (found as string).trim();
	const firstFieldError = extractFieldErrors(body)[0];
	return firstFieldError ? `${firstFieldError.field}: ${firstFieldError.message}` : undefined;
}

export function extractProviderCode(body: unknown): string | undefined {
	if (!isObject(body)) return undefined;
	const error = body.error;
	const code = (isObject(error) ? error.code : undefined) ?? body.code ?? body.error_code;
	return typeof code === 'string' || typeof code === 'number' ? String(code) : undefined;
}

/** Field-level errors from the common shapes: `error.details`, `errors`, `details`, `violations`. */
export function extractFieldErrors(body: unknown): ProviderFieldError[] {
	if (!isObject(body)) return [];
	const error = isObject(body.error) ? body.error : {};
	// A single error object where a list is usual (Qonto's 422 example) counts as a list of one.
	const asList = (value: unknown) => (isObject(value) ? [value] : value);
	const list = [
		error.fieldErrors,
		error.details,
		error.errors,
		body.errors,
		body.details,
		body.violations,
	]
		.map(asList)
		.find((value) => Array.isArray(value) && value.some(isObject)) as unknown[] | undefined;
	if (!list) return [];
	return list.filter(isObject).flatMap((entry) => {
		const source = isObject(entry.source) ? entry.source.pointer : undefined;
		const field =
			entry.field ?? entry.param ?? entry.property ?? entry.propertyPath ?? entry.name ?? source;
		const message = entry.message ?? entry.detail ?? entry.description ?? entry.error ?? entry.code;
		return typeof message === 'string'
			? [{ field: typeof field === 'string' ? field : '(request)', message }]
			: [];
	});
}

/** Explanations given as plain sentences beside the message (Paysafe: `error.details`). */
export function extractDetailTexts(body: unknown): string[] {
	if (!isObject(body)) return [];
	const error = isObject(body.error) ? body.error : {};
	const details = Array.isArray(error.details) ? error.details : [];
	return details.filter(
		(entry): entry is string => typeof entry === 'string' && entry.trim() !== '',
	);
}

/** The id a provider gives an error for its support desk (Qonto: `trace_id`), if any. */
export function extractTraceId(body: unknown): string | undefined {
	if (!isObject(body)) return undefined;
	const error = isObject(body.error) ? body.error : {};
	const id = [body.trace_id, body.traceId, body.request_id, body.requestId, error.trace_id].find(
		(value) => typeof value === 'string' && value !== '',
	);
	return id as string | undefined;
}

/** Turns a failed provider request into an error a non-developer can act on. */
export function toNodeApiError(
	node: INode,
	error: ProviderRequestError,
	context: ErrorContext,
): NodeApiError {
	const { failure } = error;
	const { providerLabel: provider } = context;
	const secrets = context.secrets ?? [];
	let message: string;
	let description: string;
	let httpCode: string | undefined;
	let failureCause: NodeApiError['failure'];
	let body: unknown;

	switch (failure.kind) {
		case 'network': {
			message = `Could not reach ${provider} (${failure.code}) while trying to ${context.action}`;
			description = failure.mayHaveReachedProvider
				? `The connection failed after the request was sent, so ${provider} may have received it. ` +
					`Check in ${provider} before repeating anything that creates or changes cards.`
				: `The request was never delivered. Check the credential's environment or Base URL and your network, then run again.`;
			failureCause = { cause: 'temporarily-unavailable' };
			break;
		}
		case 'retryAfterTooLong': {
			const seconds = Math.ceil(failure.retryAfterMs / 1000);
			message = `${provider} asked to wait ${seconds} s before the next request`;
			description = `That is longer than this node waits. Run the workflow again later, or lower "Requests per Second" in the node's options.`;
			failureCause = { cause: 'rate-limited', retryAfterMs: failure.retryAfterMs };
			break;
		}
		case 'notSent': {
			message = `The request to ${provider} was not sent (${context.action}): ${failure.message}`;
			description = failure.temporary
				? `Nothing reached ${provider}: getting an access token failed for a reason that may pass. Run again later; if it persists, check the ${provider} credential and ${provider}'s status.`
				: `Nothing reached ${provider}. Open the ${provider} credential, correct it, and run again.`;
			failureCause = failure.temporary
				? { cause: 'temporarily-unavailable' }
				: { cause: 'credential-invalid' };
			break;
		}
		case 'http': {
			body = failure.body;
			httpCode = String(failure.statusCode);
			({ message, description, failureCause } = describeHttpFailure(
				failure.statusCode,
				body,
				provider,
				context.action,
			));
			break;
		}
	}

	const attempts = failure.attempts > 1 ? ` (after ${failure.attempts} attempts)` : '';
	const errorResponse = redact(
		{
			provider,
			request: `${error.request.method} ${error.request.path}`,
			attempts: failure.attempts,
			...(body !== undefined ? { body } : {}),
		} as IDataObject,
		secrets,
	) as JsonObject;
	return new NodeApiError(node, errorResponse, {
		message: redactText(`${message}${attempts}`, secrets),
		description: redactText(description, secrets),
		httpCode,
		itemIndex: context.itemIndex,
		failure: failureCause,
	});
}

function describeHttpFailure(
	status: number,
	body: unknown,
	provider: string,
	action: string,
): { message: string; description: string; failureCause: NodeApiError['failure'] } {
	const said = extractProviderMessage(body);
	const code = extractProviderCode(body);
	const fieldErrors = extractFieldErrors(body);
	const providerWords = said ? `${provider} says: ${said}${code ? ` [${code}]` : ''}` : '';
	const detailLines = extractDetailTexts(body).join('\n');
	const fieldLines = fieldErrors.map((entry) => `• ${entry.field}: ${entry.message}`).join('\n');
	const traceId = extractTraceId(body);
	const traceLine = traceId ? `Quote trace id ${traceId} if you contact ${provider} support.` : '';
	const details = [providerWords, detailLines, fieldLines, traceLine].filter(Boolean).join('\n');
	const withDetails = (advice: string) => (details ? `${details}\n${advice}` : advice);

	if (status === 401) {
		return {
			message: `${provider} did not accept the credentials (HTTP 401)`,
			description: withDetails(
				`Check the ${provider} credential: its API key, or client ID and secret, and its environment (production, sandbox or custom URL).`,
			),
			failureCause: { cause: 'credential-invalid' },
		};
	}
	if (status === 403) {
		return {
			message: `${provider} refused to ${action} for this API key (HTTP 403)`,
			description: withDetails(
				`The key is valid but not allowed to do this; ask your ${provider} account manager to enable it.`,
			),
			failureCause: { cause: 'configuration-invalid' },
		};
	}
	if (status === 404) {
		return {
			message: `${provider} could not find what this step refers to (HTTP 404) while trying to ${action}${said ? `: ${said}` : ''}`,
			description: withDetails(
				'Check the ID in the node parameters, and that the credential points at the environment where it was created.',
			),
			failureCause: { cause: 'configuration-invalid' },
		};
	}
	if (status === 409) {
		return {
			message: `${provider} reports a conflict (HTTP 409) while trying to ${action}${said ? `: ${said}` : ''}`,
			description: withDetails(
				'The request clashes with an earlier one: an order reference already used for a different order, or a change the current status does not allow.',
			),
			failureCause: { cause: 'configuration-invalid' },
		};
	}
	if (status === 429) {
		return {
			message: `${provider} kept rate-limiting the requests (HTTP 429) while trying to ${action}`,
			description: withDetails(
				'Lower "Requests per Second" or "Max Concurrency" in the node options, or run again later.',
			),
			failureCause: { cause: 'rate-limited' },
		};
	}
	if (status >= 500) {
		return {
			message: `${provider} had a server error (HTTP ${status}) while trying to ${action}`,
			description: withDetails(
				`The problem is on ${provider}'s side. Run again later; if it persists, contact ${provider} support.`,
			),
			failureCause: { cause: 'temporarily-unavailable' },
		};
	}
	return {
		message: `${provider} rejected the request (HTTP ${status}) to ${action}${said ? `: ${said}` : ''}`,
		description: withDetails('Correct the values named above and run again.'),
		failureCause: { cause: 'configuration-invalid' },
	};
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
