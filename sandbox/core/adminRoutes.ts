import { SandboxAdminError } from './adminError';
import type { FaultRuleInput } from './faults';
import type { RateLimitRule } from './rateLimiter';
import type { CoreAdmin } from './sandboxCore';
import type { Route, SandboxProvider, SandboxRequest, SandboxResponse } from './types';

export const ADMIN_BASE_PATH = '/__admin';

const OK: SandboxResponse = { status: 200, body: { ok: true } };

/** The JSON body of an admin call; admin calls that take one need an object. */
export function adminBody(request: SandboxRequest): Record<string, unknown> {
	const { body } = request;
	if (
		body.kind === 'json' &&
		typeof body.value === 'object' &&
		body.value !== null &&
		!Array.isArray(body.value)
	) {
		return body.value as Record<string, unknown>;
	}
	throw new SandboxAdminError(400, 'The request body must be a JSON object');
}

/** `GET` and `POST /config` of a provider's admin API: read its settings, or change some. */
export function configRoutes(admin: {
	config(): unknown;
	configure(changes: Record<string, unknown>): unknown;
}): Route[] {
	return [
		{ method: 'GET', path: '/config', handle: () => ({ status: 200, body: admin.config() }) },
		{
			method: 'POST',
			path: '/config',
			handle: (request) => ({ status: 200, body: admin.configure(adminBody(request)) }),
		},
	];
}

export function adminErrorResponse(status: number, message: string): SandboxResponse {
	const code = status === 404 ? 'NOT_FOUND' : status === 405 ? 'METHOD_NOT_ALLOWED' : 'BAD_REQUEST';
	return { status, body: { error: { code, message } } };
}

function clockView(admin: CoreAdmin): SandboxResponse {
	const nowMs = admin.clock.now();
	return {
		status: 200,
		body: { now: new Date(nowMs).toISOString(), nowMs, offsetMs: admin.clock.offset() },
	};
}

/** The HTTP face of `CoreAdmin`, plus each provider's own admin routes under `/<provider name>`. */
export function buildAdminRoutes(
	admin: CoreAdmin,
	providers: ReadonlyArray<SandboxProvider>,
): Route[] {
	const core: Route[] = [
		{ method: 'GET', path: '/clock', handle: () => clockView(admin) },
		{
			method: 'POST',
			path: '/clock/advance',
			handle: (request) => {
				admin.clock.advance(adminBody(request).ms as number);
				return clockView(admin);
			},
		},
		{
			method: 'POST',
			path: '/faults',
			handle: (request) => ({
				status: 201,
				body: { id: admin.faults.add(adminBody(request) as unknown as FaultRuleInput) },
			}),
		},
		{ method: 'GET', path: '/faults', handle: () => ({ status: 200, body: admin.faults.list() }) },
		{
			method: 'DELETE',
			path: '/faults',
			handle: () => {
				admin.faults.clear();
				return OK;
			},
		},
		{
			method: 'POST',
			path: '/rate-limits',
			handle: (request) => ({
				status: 201,
				body: admin.rateLimits.set(adminBody(request) as unknown as RateLimitRule),
			}),
		},
		{
			method: 'GET',
			path: '/rate-limits',
			handle: () => ({ status: 200, body: admin.rateLimits.list() }),
		},
		{
			method: 'DELETE',
			path: '/rate-limits',
			handle: () => {
				admin.rateLimits.clear();
				return OK;
			},
		},
		{ method: 'GET', path: '/counters', handle: () => ({ status: 200, body: admin.counters() }) },
		{
			method: 'GET',
			path: '/requests',
			handle: (request) => ({
				status: 200,
				body: admin.requests(request.query.get('provider') ?? undefined),
			}),
		},
		{
			method: 'POST',
			path: '/reset',
			handle: () => {
				admin.reset();
				return OK;
			},
		},
	];
	const providerRoutes = providers.flatMap((provider) =>
		provider.adminRoutes.map((route) => ({ ...route, path: `/${provider.name}${route.path}` })),
	);
	return [...core, ...providerRoutes];
}
