import { SandboxAdminError } from '../../core/adminError';
import { adminBody, configRoutes } from '../../core/adminRoutes';
import type { Route } from '../../core/types';
import type { QontoSandboxConfig } from './config';
import type { QontoContext } from './context';
import type { TokenPair } from './oauthStore';
import type { ScaResult } from './scaStore';

export interface ScaSessionView {
	token: string;
	result: ScaResult;
	createdAt: string;
	consumed: boolean;
}

/** Test-only controls of the Qonto simulator. */
export interface QontoAdmin {
	/** Applies part of the config (validated); returns the whole config now in force. */
	configure(changes: Partial<QontoSandboxConfig>): QontoSandboxConfig;
	config(): QontoSandboxConfig;
	/** A token pair as the token endpoint would issue it, without the browser round trip. */
	issueTokens(scopes?: string[]): TokenPair;
	sca: {
		list(): ScaSessionView[];
		/** The mocked paired device: the user approves (`allow`) or refuses (`deny`). */
		approve(token: string): ScaSessionView;
		deny(token: string): ScaSessionView;
	};
}

const DEFAULT_SCOPES = ['card.read', 'card.write', 'offline_access'];

export function buildQontoAdmin(
	context: QontoContext,
	configure: (changes: unknown) => QontoSandboxConfig,
): QontoAdmin {
	const view = (token: string): ScaSessionView => {
		const session = context.sca.get(token);
		if (session === undefined)
			throw new SandboxAdminError(404, `SCA session ${token} does not exist`);
		return {
			token,
			result: context.sca.result(session, context.clock.now(), context.config()),
			createdAt: new Date(session.createdAt).toISOString(),
			consumed: session.consumed,
		};
	};
	const decide = (token: string, decision: 'allow' | 'deny'): ScaSessionView => {
		const session = context.sca.get(token);
		if (session === undefined)
			throw new SandboxAdminError(404, `SCA session ${token} does not exist`);
		if (!context.sca.decideNow(session, decision, context.clock.now(), context.config())) {
			throw new SandboxAdminError(409, `SCA session ${token} was already decided or expired`);
		}
		return view(token);
	};
	return {
		configure,
		config: () => context.config(),
		issueTokens: (scopes = DEFAULT_SCOPES) => {
			const config = context.config();
			const client = config.oauthClients[0];
			if (client === undefined) throw new SandboxAdminError(409, 'No OAuth client is configured');
			context.counters.accessTokensIssued += 1;
			return context.oauth.issueTokens(client.clientId, scopes, context.clock.now(), config);
		},
		sca: {
			list: () => context.sca.list().map(({ token }) => view(token)),
			approve: (token) => decide(token, 'allow'),
			deny: (token) => decide(token, 'deny'),
		},
	};
}

/** Mounted under `/__admin/qonto`. */
export function qontoAdminRoutes(admin: QontoAdmin): Route[] {
	return [
		...configRoutes(admin),
		{
			method: 'POST',
			path: '/tokens',
			handle: (request) => {
				const scopes = request.body.kind === 'none' ? undefined : adminBody(request).scopes;
				if (
					scopes !== undefined &&
					!(Array.isArray(scopes) && scopes.every((s) => typeof s === 'string'))
				) {
					throw new SandboxAdminError(400, 'scopes must be an array of strings');
				}
				return { status: 201, body: admin.issueTokens(scopes as string[] | undefined) };
			},
		},
		{
			method: 'GET',
			path: '/sca-sessions',
			handle: () => ({ status: 200, body: admin.sca.list() }),
		},
		{
			method: 'POST',
			path: '/sca-sessions/{token}/approve',
			handle: (_request, { token }) => ({ status: 200, body: admin.sca.approve(token) }),
		},
		{
			method: 'POST',
			path: '/sca-sessions/{token}/deny',
			handle: (_request, { token }) => ({ status: 200, body: admin.sca.deny(token) }),
		},
	];
}
