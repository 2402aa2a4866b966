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
import { isPlainObject } from '../../core/validation';
import { checkOutcomes, type PaysafeAdmin, paysafeAdminRoutes } from './admin';
import { authRoutes } from './authRoutes';
import { bulkRoutes } from './bulkRoutes';
import { BulkStore } from './bulkStore';
import { cardRoutes } from './cardRoutes';
import {
	type BulkOutcome,
	copyPaysafeConfig,
	DEFAULT_PAYSAFE_CONFIG,
	mergePaysafeConfig,
	PAYSAFE_BASE_PATH,
	PAYSAFE_PROVIDER_NAME,
	type PaysafeSandboxConfig,
} from './config';
import { emptyPaysafeCounters, type PaysafeContext, type PaysafeCounters } from './context';
import { paysafeErrorForStatus } from './errors';
import { TokenStore } from './tokens';
import { cardView } from './views';

/** Paysafe Embedded Wallets Business API 2.0.0 (prepaid cards), as in providers.md §3 and §6. */
export class PaysafeProvider implements SandboxProvider {
	readonly name = PAYSAFE_PROVIDER_NAME;
	readonly basePath = PAYSAFE_BASE_PATH;
	readonly adminRoutes: ReadonlyArray<Route>;
	readonly admin: PaysafeAdmin;

	private readonly settings: ProviderSettings<PaysafeSandboxConfig>;
	private readonly counterValues: PaysafeCounters = emptyPaysafeCounters();
	private readonly bulks = new BulkStore(this.counterValues);
	private readonly tokens = new TokenStore();
	private outcomeQueue: BulkOutcome[] = [];
	private readonly routes: RouteTable;

	constructor(
		private readonly clock: SandboxClock,
		config: Partial<PaysafeSandboxConfig> = {},
	) {
		this.settings = new ProviderSettings(
			DEFAULT_PAYSAFE_CONFIG,
			config,
			mergePaysafeConfig,
			copyPaysafeConfig,
		);
		const context: PaysafeContext = {
			clock,
			bulks: this.bulks,
			tokens: this.tokens,
			counters: this.counterValues,
			config: () => this.settings.value,
			nextOutcome: () => this.outcomeQueue.shift() ?? this.settings.value.defaultOutcome,
		};
		this.routes = new RouteTable([
			...authRoutes(context),
			...bulkRoutes(context),
			...cardRoutes(context),
		]);
		this.admin = {
			configure: (changes) => this.settings.configure(changes),
			config: () => this.settings.snapshot(),
			revokeTokens: () => this.tokens.revokeAll(),
			expireTokens: () => this.tokens.expireAll(clock.now()),
			queueOutcomes: (outcomes) => {
				this.outcomeQueue.push(...checkOutcomes(outcomes));
				return [...this.outcomeQueue];
			},
			cards: (customerId) => this.bulks.cards(customerId, clock.now()).map(cardView),
		};
		this.adminRoutes = paysafeAdminRoutes(this.admin);
	}

	/** Each route checks its own credentials: Basic on the token endpoint, Bearer elsewhere. */
	handle(request: SandboxRequest): SandboxResponse | Promise<SandboxResponse> {
		return this.routes.dispatch(request, paysafeErrorForStatus);
	}

	errorResponse(status: number, message?: string): SandboxResponse {
		return paysafeErrorForStatus(status, message);
	}

	/** `cards[].cardPin` never reaches the request log. */
	redactForLog(body: unknown): unknown {
		if (!isPlainObject(body) || !Array.isArray(body.cards)) return body;
		return {
			...body,
			cards: body.cards.map((card: unknown) =>
				isPlainObject(card) && 'cardPin' in card ? { ...card, cardPin: '***' } : card,
			),
		};
	}

	reset(): void {
		this.bulks.clear();
		this.tokens.revokeAll();
		this.outcomeQueue = [];
		Object.assign(this.counterValues, emptyPaysafeCounters());
		this.settings.reset();
	}

	/** Settles every bulk the sandbox clock has passed first, so `cardsCreated` is current. */
	counters(): ProviderCounters {
		this.bulks.settleAll(this.clock.now());
		return { ...this.counterValues };
	}
}
