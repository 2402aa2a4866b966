import type { SandboxClock } from '../../core/clock';
import { IdempotencyStore } from '../../core/idempotency';
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
import {
	cardSecretsFromStore,
	type NymCardAdmin,
	nymCardAdminRoutes,
	setCardStatusInStore,
} from './admin';
import { bulkIssuanceRoutes } from './bulkIssuanceRoutes';
import { BulkStore } from './bulkStore';
import { cardRoutes } from './cardRoutes';
import {
	copyNymCardConfig,
	DEFAULT_NYMCARD_CONFIG,
	mergeNymCardConfig,
	NYMCARD_BASE_PATH,
	NYMCARD_PROVIDER_NAME,
	type NymCardSandboxConfig,
} from './config';
import { emptyNymCardCounters, type NymCardContext, type NymCardCounters } from './context';
import { nymCardError, nymCardErrorForStatus } from './errors';
import { IDEMPOTENCY_HEADER } from './idempotentPost';

const LOGGED_TOKEN_CHARACTERS = 8;

/** NymCard nCore card bulk issuance, as described in providers.md §1. */
export class NymCardProvider implements SandboxProvider {
	readonly name = NYMCARD_PROVIDER_NAME;
	readonly basePath = NYMCARD_BASE_PATH;
	readonly idempotencyHeader = IDEMPOTENCY_HEADER;
	readonly adminRoutes: ReadonlyArray<Route>;
	readonly admin: NymCardAdmin;

	private readonly settings: ProviderSettings<NymCardSandboxConfig>;
	private readonly store = new BulkStore();
	private readonly idempotency = new IdempotencyStore(
		() => this.settings.value.idempotencyRetentionMs,
	);
	private readonly counterValues: NymCardCounters = emptyNymCardCounters();
	private readonly routes: RouteTable;

	constructor(clock: SandboxClock, config: Partial<NymCardSandboxConfig> = {}) {
		this.settings = new ProviderSettings(
			DEFAULT_NYMCARD_CONFIG,
			config,
			mergeNymCardConfig,
			copyNymCardConfig,
		);
		const context: NymCardContext = {
			clock,
			store: this.store,
			idempotency: this.idempotency,
			counters: this.counterValues,
			config: () => this.settings.value,
		};
		this.routes = new RouteTable([...bulkIssuanceRoutes(context), ...cardRoutes(context)]);
		this.admin = {
			configure: (changes) => this.settings.configure(changes),
			config: () => this.settings.snapshot(),
			cardSecrets: (bulkId, index) => cardSecretsFromStore(this.store, bulkId, index),
			setCardStatus: (bulkId, index, status) =>
				setCardStatusInStore(this.store, bulkId, index, status),
		};
		this.adminRoutes = nymCardAdminRoutes(this.admin);
	}

	handle(request: SandboxRequest): SandboxResponse | Promise<SandboxResponse> {
		const apiKey = request.headers.apikey;
		if (typeof apiKey !== 'string' || !this.settings.value.apiKeys.includes(apiKey)) {
			return nymCardError(401, 'UNAUTHORIZED', 'Invalid or missing API key (header apikey)');
		}
		return this.routes.dispatch(request, nymCardErrorForStatus);
	}

	errorResponse(status: number, message?: string): SandboxResponse {
		return nymCardErrorForStatus(status, message);
	}

	/** Activation tokens are secrets: the log keeps only enough to tell them apart. */
	redactForLog(body: unknown): unknown {
		if (!isPlainObject(body) || typeof body.activation_token !== 'string') return body;
		return { ...body, activation_token: body.activation_token.slice(0, LOGGED_TOKEN_CHARACTERS) };
	}

	reset(): void {
		this.store.clear();
		this.idempotency.clear();
		Object.assign(this.counterValues, emptyNymCardCounters());
		this.settings.reset();
	}

	counters(): ProviderCounters {
		return { ...this.counterValues };
	}
}
