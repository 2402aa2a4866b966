/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development-only simulator server on loopback, never published: n8n's rules for node runtime code do not apply here */
import type { IncomingHttpHeaders } from 'http';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The body as the client sent it: absent, valid JSON, or something that is not JSON. */
export type RequestBody =
	| { kind: 'none' }
	| { kind: 'json'; value: unknown }
	| { kind: 'invalid'; raw: string };

export interface SandboxRequest {
	method: string;
	/** Path below the provider's base path (or below `/__admin` for admin routes). */
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	body: RequestBody;
	/** The body bytes exactly as received (empty when there was none), e.g. to check a signature. */
	rawBody: Buffer;
}

export interface SandboxResponse {
	status: number;
	headers?: Record<string, string>;
	/** Serialised as JSON; `undefined` sends an empty body. */
	body?: unknown;
	/**
	 * Sent as it is instead of `body`, for providers that answer some requests with something
	 * other than JSON (e.g. an HTML login page); set the content type in `headers`.
	 */
	rawBody?: string;
}

export type ProviderCounters = Record<string, number>;

/** One simulated provider API. Each provider lives in its own module under `sandbox/providers/`. */
export interface SandboxProvider {
	/** Key in counters, request log and fault rules, e.g. `nymcard`. */
	readonly name: string;
	/** Where the provider's API is mounted, e.g. `/nymcard/v1`. */
	readonly basePath: string;
	/** Request header that carries the idempotency key, recorded in the request log. */
	readonly idempotencyHeader?: string;
	handle(request: SandboxRequest): SandboxResponse | Promise<SandboxResponse>;
	/** An error in the provider's own shape, for injected faults and rate limits. */
	errorResponse(status: number, message?: string): SandboxResponse;
	/** The request body as it may appear in the request log (secrets removed). */
	redactForLog(body: unknown): unknown;
	/** Admin routes mounted under `/__admin/<name>`. */
	readonly adminRoutes: ReadonlyArray<Route>;
	reset(): void;
	counters(): ProviderCounters;
}

export type RouteHandler = (
	request: SandboxRequest,
	params: Record<string, string>,
) => SandboxResponse | Promise<SandboxResponse>;

export interface Route {
	method: HttpMethod;
	/** Literal segments and `{name}` placeholders, e.g. `/bulkissuances/{id}` or `/cards:link`. */
	path: string;
	handle: RouteHandler;
}
