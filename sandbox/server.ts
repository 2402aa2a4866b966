/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- development-only simulator server on loopback, never published: n8n's rules for node runtime code do not apply here */
import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo, Socket } from 'net';

import { SandboxAdminError } from './core/adminError';
import { ADMIN_BASE_PATH, adminErrorResponse, buildAdminRoutes } from './core/adminRoutes';
import { SandboxClock } from './core/clock';
import {
	CATCHER_BASE_PATH,
	type CatcherAdmin,
	catcherAdminRoutes,
	WebhookCatcher,
} from './core/catcher';
import {
	BodyTooLargeError,
	dropConnection,
	parseBody,
	readRawBody,
	SandboxClosedError,
	writeResponse,
} from './core/httpIo';
import { RouteTable } from './core/router';
import { type CoreAdmin, SandboxCore } from './core/sandboxCore';
import type { SandboxProvider, SandboxRequest, SandboxResponse } from './core/types';
import { type DinteroAdmin, DinteroProvider, type DinteroSandboxConfig } from './providers/dintero';
import { type NymCardAdmin, NymCardProvider, type NymCardSandboxConfig } from './providers/nymcard';
import { type PaysafeAdmin, PaysafeProvider, type PaysafeSandboxConfig } from './providers/paysafe';
import { type QontoAdmin, QontoProvider, type QontoSandboxConfig } from './providers/qonto';

export interface SandboxOptions {
	/** 0 (the default) picks a free port. */
	port?: number;
	/** Default 127.0.0.1: the sandbox is for loopback only. */
	host?: string;
	nymcard?: Partial<NymCardSandboxConfig>;
	qonto?: Partial<QontoSandboxConfig>;
	dintero?: Partial<DinteroSandboxConfig>;
	paysafe?: Partial<PaysafeSandboxConfig>;
}

/** Everything the HTTP admin API offers, callable in-process. */
export interface SandboxAdmin extends CoreAdmin {
	nymcard: NymCardAdmin;
	qonto: QontoAdmin;
	dintero: DinteroAdmin;
	paysafe: PaysafeAdmin;
	/** The webhook catcher (`POST /__catcher/<channel>`) standing in for Slack and email. */
	catcher: CatcherAdmin;
}

export interface Sandbox {
	/** e.g. `http://127.0.0.1:8787`, without a trailing slash. */
	url: string;
	port: number;
	admin: SandboxAdmin;
	/** Stops listening and destroys open connections, so test runners can exit. */
	close(): Promise<void>;
}

function isUnder(path: string, base: string): boolean {
	return path === base || path.startsWith(`${base}/`);
}

function providerIndex(providers: ReadonlyArray<SandboxProvider>): SandboxResponse {
	return {
		status: 200,
		body: {
			providers: providers.map(({ name, basePath }) => ({ name, basePath })),
			admin: ADMIN_BASE_PATH,
			catcher: CATCHER_BASE_PATH,
		},
	};
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const host = options.host ?? '127.0.0.1';
	const clock = new SandboxClock();
	const nymcard = new NymCardProvider(clock, options.nymcard);
	const qonto = new QontoProvider(clock, options.qonto);
	const dintero = new DinteroProvider(clock, options.dintero);
	const paysafe = new PaysafeProvider(clock, options.paysafe);
	const providers: SandboxProvider[] = [nymcard, qonto, dintero, paysafe];
	const closing = new AbortController();
	const core = new SandboxCore(clock, providers, closing.signal);
	const catcher = new WebhookCatcher(() => clock.now());
	const admin: SandboxAdmin = {
		...core.admin,
		reset: () => {
			core.admin.reset();
			catcher.admin.clear();
		},
		nymcard: nymcard.admin,
		qonto: qonto.admin,
		dintero: dintero.admin,
		paysafe: paysafe.admin,
		catcher: catcher.admin,
	};
	const adminRoutes = new RouteTable([
		...buildAdminRoutes(admin, providers),
		...catcherAdminRoutes(catcher.admin),
	]);

	async function answerAdmin(request: SandboxRequest): Promise<SandboxResponse> {
		const match = adminRoutes.match(request.method, request.path);
		if (match.kind === 'notFound') return adminErrorResponse(404, `No admin route ${request.path}`);
		if (match.kind === 'methodNotAllowed') {
			return adminErrorResponse(405, `Use ${match.allowed.join(' or ')} on ${request.path}`);
		}
		try {
			return await match.handle(request, match.params);
		} catch (error) {
			if (error instanceof SandboxAdminError)
				return adminErrorResponse(error.status, error.message);
			throw error;
		}
	}

	async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
		const rawBody = await readRawBody(req);
		const incoming = {
			method: (req.method ?? 'GET').toUpperCase(),
			query: url.searchParams,
			headers: req.headers,
			body: parseBody(rawBody),
			rawBody,
		};
		const path = url.pathname;
		if (isUnder(path, ADMIN_BASE_PATH)) {
			const adminPath = path.slice(ADMIN_BASE_PATH.length) || '/';
			writeResponse(res, await answerAdmin({ ...incoming, path: adminPath }));
			return;
		}
		if (isUnder(path, CATCHER_BASE_PATH)) {
			writeResponse(
				res,
				catcher.receive({ ...incoming, path: path.slice(CATCHER_BASE_PATH.length) }),
			);
			return;
		}
		const mount = core.mountFor(path);
		if (mount !== undefined) {
			await core.pipeline.run(mount.provider, { ...incoming, path: mount.path }, res);
			return;
		}
		if (path === '/') {
			writeResponse(res, providerIndex(providers));
			return;
		}
		writeResponse(res, adminErrorResponse(404, `Nothing is served at ${path}`));
	}

	const sockets = new Set<Socket>();
	const server = createServer((req, res) => {
		dispatch(req, res).catch((error: unknown) => {
			if (error instanceof SandboxClosedError) {
				dropConnection(res);
			} else if (error instanceof BodyTooLargeError) {
				writeResponse(res, adminErrorResponse(413, error.message));
			} else if (!res.headersSent) {
				const message = error instanceof Error ? error.message : String(error);
				writeResponse(res, { status: 500, body: { error: { code: 'SANDBOX_FAILURE', message } } });
			} else {
				dropConnection(res);
			}
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;
	const urlHost = host.includes(':') ? `[${host}]` : host;

	return {
		url: `http://${urlHost}:${port}`,
		port,
		admin,
		close: async () => {
			closing.abort();
			const closed = new Promise<void>((resolve) => server.close(() => resolve()));
			for (const socket of sockets) socket.destroy();
			await closed;
		},
	};
}
