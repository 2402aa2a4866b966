import type { SandboxClock } from '../../core/clock';
import { RouteTable } from '../../core/router';
import { ProviderSettings } from '../../core/settings';
import type {
	ProviderCounters,
	Route,
	SandboxProvider,
	SandboxRequest,
	SandboxResponse,
} from '../../core/types';
import { buildDinteroAdmin, type DinteroAdmin, dinteroAdminRoutes } from './admin';
import { authRoutes } from './authRoutes';
import { cardRoutes } from './cardRoutes';
import { CardStore } from './cardStore';
import {
	copyDinteroConfig,
	DEFAULT_DINTERO_CONFIG,
	DINTERO_BASE_PATH,
	DINTERO_PROVIDER_NAME,
	type DinteroSandboxConfig,
	mergeDinteroConfig,
} from './config';
import { type DinteroContext, type DinteroCounters, emptyDinteroCounters } from './context';
import { dinteroErrorForStatus } from './errors';
import { TokenStore } from './tokens';

/** Dintero Wallet / Cards API, as described in providers.md §4 and §6 and Dintero's OpenAPI. */
export class DinteroProvider implements SandboxProvider {
	readonly name = DINTERO_PROVIDER_NAME;
	readonly basePath = DINTERO_BASE_PATH;
	readonly adminRoutes: ReadonlyArray<Route>;
	readonly admin: DinteroAdmin;

	private readonly settings: ProviderSettings<DinteroSandboxConfig>;
	private readonly cards = new CardStore();
	private readonly tokens = new TokenStore();
	private readonly counterValues: DinteroCounters = emptyDinteroCounters();
	private readonly routes: RouteTable;

	constructor(clock: SandboxClock, config: Partial<DinteroSandboxConfig> = {}) {
		this.settings = new ProviderSettings(
			DEFAULT_DINTERO_CONFIG,
			config,
			mergeDinteroConfig,
			copyDinteroConfig,
		);
		const context: DinteroContext = {
			clock,
			cards: this.cards,
			tokens: this.tokens,
			counters: this.counterValues,
			config: () => this.settings.value,
		};
		this.routes = new RouteTable([...authRoutes(context), ...cardRoutes(context)]);
		this.admin = buildDinteroAdmin(
			context,
			(changes) => this.settings.configure(changes),
			() => this.settings.snapshot(),
			() => this.tokens.revokeAll(),
		);
		this.adminRoutes = dinteroAdminRoutes(this.admin);
	}

	/** Each route checks its own credentials: Basic on the token endpoint, Bearer elsewhere. */
	handle(request: SandboxRequest): SandboxResponse | Promise<SandboxResponse> {
		return this.routes.dispatch(request, dinteroErrorForStatus);
	}

	errorResponse(status: number, message?: string): SandboxResponse {
		return dinteroErrorForStatus(status, message);
	}

	/** Request bodies carry no secret (client credentials travel in the Authorization header). */
	redactForLog(body: unknown): unknown {
		return body;
	}

	reset(): void {
		this.cards.clear();
		this.tokens.revokeAll();
		Object.assign(this.counterValues, emptyDinteroCounters());
		this.settings.reset();
	}

	counters(): ProviderCounters {
		return { ...this.counterValues };
	}
}
