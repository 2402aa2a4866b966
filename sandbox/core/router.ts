import type { Route, RouteHandler, SandboxRequest, SandboxResponse } from './types';

export type RouteMatch =
	| { kind: 'found'; handle: RouteHandler; params: Record<string, string> }
	| { kind: 'notFound' }
	| { kind: 'methodNotAllowed'; allowed: string[] };

interface CompiledRoute {
	route: Route;
	pattern: RegExp;
	paramNames: string[];
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

function compile(route: Route): CompiledRoute {
	const paramNames: string[] = [];
	const source = route.path
		.split(/(\{[A-Za-z_][A-Za-z0-9_]*\})/)
		.map((part) => {
			const placeholder = /^\{(.+)\}$/.exec(part);
			if (!placeholder) return escapeRegExp(part);
			paramNames.push(placeholder[1]);
			return '([^/]+)';
		})
		.join('');
	return { route, pattern: new RegExp(`^${source}/?$`), paramNames };
}

/** Matches a method and path against a table of routes (no if-chains in the providers). */
export class RouteTable {
	private readonly compiled: CompiledRoute[];

	constructor(routes: ReadonlyArray<Route>) {
		this.compiled = routes.map(compile);
	}

	match(method: string, path: string): RouteMatch {
		const allowed: string[] = [];
		for (const { route, pattern, paramNames } of this.compiled) {
			const found = pattern.exec(path);
			if (!found) continue;
			if (route.method !== method) {
				allowed.push(route.method);
				continue;
			}
			const params: Record<string, string> = {};
			paramNames.forEach((name, position) => {
				params[name] = safeDecode(found[position + 1]);
			});
			return { kind: 'found', handle: route.handle, params };
		}
		return allowed.length > 0 ? { kind: 'methodNotAllowed', allowed } : { kind: 'notFound' };
	}

	/** Runs the matching route, or answers 405 (with `Allow`) or 404 in the provider's error shape. */
	dispatch(
		request: SandboxRequest,
		errorForStatus: (status: number, message: string) => SandboxResponse,
	): SandboxResponse | Promise<SandboxResponse> {
		const match = this.match(request.method, request.path);
		if (match.kind === 'found') return match.handle(request, match.params);
		if (match.kind === 'methodNotAllowed') {
			const response = errorForStatus(405, `Use ${match.allowed.join(' or ')} on ${request.path}`);
			return { ...response, headers: { ...response.headers, allow: match.allowed.join(', ') } };
		}
		return errorForStatus(404, `No route ${request.method} ${request.path}`);
	}
}
