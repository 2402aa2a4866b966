import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

import type { Clock } from './clock';
import type { PacingBudget } from './pacing';
import { backoffDelayMs, parseRetryAfterMs, type RetryPolicy } from './retry';

export type RequestContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

export interface ProviderRequest {
	method: IHttpRequestMethods;
	/** Path below the credential's base URL, starting with "/". */
	path: string;
	qs?: IDataObject;
	/** How lists in `qs` are written, e.g. `brackets`: `ids[]=a&ids[]=b` (n8n's default: indices). */
	arrayFormat?: IHttpRequestOptions['arrayFormat'];
	body?: IDataObject;
	headers?: IDataObject;
	/**
	 * Sent in the provider's idempotency header by the client; a request that carries one is safe
	 * to retry, since the provider answers a repeat with the original result.
	 */
	idempotencyKey?: string;
	/**
	 * Whether sending the request again cannot repeat its effect. Default: true for GET, HEAD, PUT
	 * and DELETE and for requests with an idempotency key, false otherwise. Unsafe requests are
	 * retried only when the failure proves the provider never received them.
	 */
	safeToRetry?: boolean;
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

export function isSafeToRetry(request: ProviderRequest): boolean {
	return (
		request.safeToRetry ??
		(request.idempotencyKey !== undefined || IDEMPOTENT_METHODS.has(request.method.toUpperCase()))
	);
}

export interface ProviderResponse<T = unknown> {
	statusCode: number;
	headers: IDataObject;
	body: T;
	attempts: number;
}

export type RequestFailure =
	| { kind: 'http'; statusCode: number; headers: IDataObject; body: unknown; attempts: number }
	| {
			kind: 'network';
			code: string;
			/** False only when the connection was never opened, so the provider cannot have acted. */
			mayHaveReachedProvider: boolean;
			attempts: number;
	  }
	| { kind: 'retryAfterTooLong'; retryAfterMs: number; attempts: number }
	| {
			/**
			 * n8n failed the request before any HTTP exchange: the error is not the HTTP client's
			 * (no response, no network code), e.g. the credential could not get an access token
			 * (`preAuthentication`). Not retried: the same step would fail the same way.
			 */
			kind: 'notSent';
			message: string;
			attempts: number;
			/** Getting the access token failed for a reason that may pass (no answer, 429, 5xx). */
			temporary?: true;
	  };

/** A request that did not succeed; turned into a `NodeApiError` by `toNodeApiError`. */
export class ProviderRequestError extends Error {
	constructor(
		readonly failure: RequestFailure,
		readonly request: Pick<ProviderRequest, 'method' | 'path'>,
		/** An earlier attempt failed in a way that may have reached the provider. */
		private readonly earlierAttemptMayHaveActed = false,
	) {
		super(`${request.method} ${request.path} failed (${describeFailure(failure)})`);
		this.name = 'ProviderRequestError';
	}

	/**
	 * Whether the provider may have carried out the request although no attempt saw a success:
	 * a final 429 or 400 does not undo an earlier attempt whose response was lost.
	 */
	get ambiguous(): boolean {
		return this.earlierAttemptMayHaveActed || mayHaveActed(this.failure);
	}
}

export interface ProviderClientConfig {
	credentialType: string;
	baseUrl: string;
	/** The provider's idempotency header; requests with an `idempotencyKey` need one. */
	idempotencyHeader?: string;
	/** Headers every request carries (e.g. a sandbox's access header from the credential). */
	headers?: IDataObject;
	retry: RetryPolicy;
	timeoutMs: number;
	pacing: PacingBudget;
	clock: Clock;
	random?: () => number;
}

const NEVER_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);
const RETRYABLE_STATUS = new Set([408, 500, 502, 503, 504]);

/**
 * The one path to a provider: n8n's `httpRequestWithAuthentication`, paced, with timeouts and
 * the retry rules above. Never retries what could duplicate an order.
 */
export class ProviderClient {
	constructor(
		private readonly context: RequestContext,
		private readonly config: ProviderClientConfig,
	) {}

	async request<T = unknown>(request: ProviderRequest): Promise<ProviderResponse<T>> {
		const { retry, clock } = this.config;
		if (request.idempotencyKey !== undefined && !this.config.idempotencyHeader) {
			throw new Error(`${request.method} ${request.path}: this provider has no idempotency header`);
		}
		let earlierAttemptMayHaveActed = false;
		for (let attempt = 0; ; attempt++) {
			const attempts = attempt + 1;
			await this.config.pacing.acquire();
			const outcome = await this.sendOnce(request);
			if (outcome.kind === 'response')
				this.config.pacing.observe(outcome.statusCode, outcome.headers);
			if (outcome.kind === 'response' && outcome.statusCode >= 200 && outcome.statusCode < 300) {
				return {
					statusCode: outcome.statusCode,
					headers: outcome.headers,
					body: outcome.body as T,
					attempts,
				};
			}
			if (outcome.kind === 'notSent') {
				// The request itself was never sent: waiting and trying again is safe for any method.
				if (outcome.temporary && attempt < retry.maxRetries) {
					await clock.sleep(backoffDelayMs(attempt, retry, this.config.random));
					continue;
				}
				throw new ProviderRequestError(
					{
						kind: 'notSent',
						message: outcome.message,
						attempts,
						...(outcome.temporary ? { temporary: true as const } : {}),
					},
					request,
					earlierAttemptMayHaveActed,
				);
			}
			const failure: RequestFailure =
				outcome.kind === 'response'
					? {
							kind: 'http',
							statusCode: outcome.statusCode,
							headers: outcome.headers,
							body: outcome.body,
							attempts,
						}
					: {
							kind: 'network',
							code: outcome.code,
							mayHaveReachedProvider: !NEVER_SENT_CODES.has(outcome.code),
							attempts,
						};

			const delay = this.retryDelay(failure, request, attempt, earlierAttemptMayHaveActed);
			if (delay === undefined || attempt >= retry.maxRetries) {
				throw new ProviderRequestError(failure, request, earlierAttemptMayHaveActed);
			}
			if ('retryAfterTooLong' in delay) {
				throw new ProviderRequestError(
					{ kind: 'retryAfterTooLong', retryAfterMs: delay.retryAfterTooLong, attempts },
					request,
					earlierAttemptMayHaveActed,
				);
			}
			earlierAttemptMayHaveActed ||= mayHaveActed(failure);
			await clock.sleep(delay.waitMs);
		}
	}

	private retryDelay(
		failure: RequestFailure,
		request: ProviderRequest,
		attempt: number,
		earlierAttemptMayHaveActed: boolean,
	): { waitMs: number } | { retryAfterTooLong: number } | undefined {
		const { retry, clock, random } = this.config;
		const backoff = () => ({ waitMs: backoffDelayMs(attempt, retry, random) });
		if (failure.kind === 'network') {
			if (failure.code === 'ERR_CANCELED') return undefined;
			return isSafeToRetry(request) || !failure.mayHaveReachedProvider ? backoff() : undefined;
		}
		if (failure.kind !== 'http') return undefined;
		if (failure.statusCode === 429) {
			// A 429 means the provider refused the request without acting on it: safe for any method.
			const retryAfter = parseRetryAfterMs(
				headerValue(failure.headers, 'retry-after'),
				clock.now(),
			);
			if (retryAfter !== undefined && retryAfter > retry.maxRetryAfterMs) {
				return { retryAfterTooLong: retryAfter };
			}
			const waitMs = retryAfter ?? backoff().waitMs;
			this.config.pacing.pauseUntil(clock.now() + waitMs);
			return { waitMs };
		}
		// A 409 right after an attempt that may have reached the provider is most likely that
		// attempt still in progress under the same idempotency key; its result can be replayed later.
		if (failure.statusCode === 409 && isSafeToRetry(request) && earlierAttemptMayHaveActed) {
			return backoff();
		}
		if (RETRYABLE_STATUS.has(failure.statusCode) && isSafeToRetry(request)) {
			const retryAfter = parseRetryAfterMs(
				headerValue(failure.headers, 'retry-after'),
				clock.now(),
			);
			return retryAfter !== undefined && retryAfter <= retry.maxRetryAfterMs
				? { waitMs: Math.max(retryAfter, backoff().waitMs) }
				: backoff();
		}
		return undefined;
	}

	private async sendOnce(
		request: ProviderRequest,
	): Promise<
		| { kind: 'response'; statusCode: number; headers: IDataObject; body: unknown }
		| { kind: 'network'; code: string }
		| { kind: 'notSent'; message: string; temporary?: boolean }
	> {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${this.config.baseUrl}${request.path}`,
			qs: request.qs,
			...(request.arrayFormat ? { arrayFormat: request.arrayFormat } : {}),
			body: request.body,
			headers: {
				accept: 'application/json',
				...(this.config.headers ?? {}),
				...(request.headers ?? {}),
				...(request.idempotencyKey !== undefined && this.config.idempotencyHeader
					? { [this.config.idempotencyHeader]: request.idempotencyKey }
					: {}),
			},
			json: true,
			timeout: this.config.timeoutMs,
			returnFullResponse: true,
			// 401 still throws so that n8n's pre-authentication can refresh an expired token.
			ignoreHttpStatusErrors: { ignore: true, except: [401] },
		};
		const send = async (sent: IHttpRequestOptions) =>
			(await this.context.helpers.httpRequestWithAuthentication.call(
				this.context,
				this.config.credentialType,
				sent,
			)) as { statusCode: number; headers: IDataObject; body: unknown };
		try {
			let response = await send(options);
			if (response.statusCode === 401) {
				// Only an older n8n answers a 401 here (1.x, and 2.x up to at least 2.8): its
				// n8n-workflow has no IgnoreStatusErrorConfig yet (n8n-workflow 2.10.0 has it), and
				// its n8n-core takes any truthy `ignoreHttpStatusErrors` as "ignore every status"
				// (`validateStatus = () => true`), so the 401 does not throw and n8n does not renew
				// the token. Sent again with every error status throwing, n8n renews the token after
				// the 401 and repeats the request once, as newer n8n does above. A 401 means the
				// provider did nothing, so sending it again is safe.
				response = await send({ ...options, ignoreHttpStatusErrors: false });
			}
			return {
				kind: 'response',
				statusCode: response.statusCode,
				headers: response.headers ?? {},
				body: response.body,
			};
		} catch (error) {
			const renewal = tokenRenewalFailure(error);
			if (renewal !== undefined) return { kind: 'notSent', message: renewal };
			const response = findResponse(error);
			if (response) return { kind: 'response', ...response };
			const notSent = notSentMessage(error);
			if (notSent !== undefined) return { kind: 'notSent', ...notSent };
			return { kind: 'network', code: findErrorCode(error) };
		}
	}
}

function mayHaveActed(failure: RequestFailure): boolean {
	if (failure.kind === 'network') return failure.mayHaveReachedProvider;
	return failure.kind === 'http' && (failure.statusCode >= 500 || failure.statusCode === 408);
}

export function headerValue(headers: IDataObject, name: string): unknown {
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	return key === undefined ? undefined : headers[key];
}

function findResponse(
	error: unknown,
): { statusCode: number; headers: IDataObject; body: unknown } | undefined {
	for (let current = error as IDataObject | undefined, depth = 0; current && depth < 4; depth++) {
		const response = current.response as IDataObject | undefined;
		if (response && typeof response.status === 'number') {
			return {
				statusCode: response.status,
				headers: (response.headers as IDataObject) ?? {},
				body: response.data,
			};
		}
		current = current.cause as IDataObject | undefined;
	}
	return undefined;
}

/**
 * n8n's OAuth2 client could not renew an expired access token after the provider answered 401:
 * its errors (`ESTATUS` with the token endpoint's status, `EAUTH`) carry the token endpoint's
 * `body`. The request itself was refused, so nothing was done; renewing again would fail the same
 * way. Without this they read as a lost connection ("may have received it").
 */
function tokenRenewalFailure(error: unknown): string | undefined {
	for (let current = error as IDataObject | undefined, depth = 0; current && depth < 4; depth++) {
		if ((current.code === 'ESTATUS' || current.code === 'EAUTH') && 'body' in current) {
			const status =
				typeof current.status === 'number'
					? ` (its token endpoint answered HTTP ${current.status})`
					: '';
			return `the expired access token could not be renewed${status}`;
		}
		current = current.cause as IDataObject | undefined;
	}
	return undefined;
}

/**
 * The message of a failure raised inside n8n rather than by its HTTP client: n8n wraps the error a
 * credential's `preAuthentication` throws (a plain `Error`) in a `NodeApiError`, while every
 * failure of the HTTP exchange carries the client's marks (a network code, a request or config).
 */
function notSentMessage(error: unknown): { message: string; temporary?: boolean } | undefined {
	const chain: IDataObject[] = [];
	for (let current = error as IDataObject | undefined, depth = 0; current && depth < 4; depth++) {
		chain.push(current);
		current = current.cause as IDataObject | undefined;
	}
	const innermost = chain[chain.length - 1];
	const fromHttpClient = chain.some(
		(entry) =>
			entry.isAxiosError === true ||
			entry.config !== undefined ||
			entry.request !== undefined ||
			(typeof entry.code === 'string' && entry.code !== ''),
	);
	if (fromHttpClient || chain.length < 2 || !(innermost instanceof Error)) return undefined;
	if (Object.getPrototypeOf(innermost) !== Error.prototype) return undefined;
	const message = innermost.message.trim();
	if (message === '' || /timeout|socket hang up|ECONNRESET/i.test(message)) return undefined;
	return (innermost as Error & { temporary?: unknown }).temporary === true
		? { message, temporary: true }
		: { message };
}

function findErrorCode(error: unknown): string {
	for (let current = error as IDataObject | undefined, depth = 0; current && depth < 4; depth++) {
		if (typeof current.code === 'string' && /^[A-Z_]+$/.test(current.code)) return current.code;
		current = current.cause as IDataObject | undefined;
	}
	const message = String((error as Error | undefined)?.message ?? '');
	if (/timeout/i.test(message)) return 'ETIMEDOUT';
	if (/socket hang up|ECONNRESET/i.test(message)) return 'ECONNRESET';
	return 'UNKNOWN_NETWORK_ERROR';
}

function describeFailure(failure: RequestFailure): string {
	switch (failure.kind) {
		case 'http':
			return `HTTP ${failure.statusCode}`;
		case 'network':
			return failure.code;
		case 'retryAfterTooLong':
			return `asked to wait ${Math.ceil(failure.retryAfterMs / 1000)} s`;
		case 'notSent':
			return 'not sent';
	}
}
