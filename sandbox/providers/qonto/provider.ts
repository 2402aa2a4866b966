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
import { buildQontoAdmin, type QontoAdmin, qontoAdminRoutes } from './admin';
import { stagingRefusal } from './auth';
import { cardRoutes, IDEMPOTENCY_HEADER } from './cardRoutes';
import { CardStore } from './cardStore';
import {
	copyQontoConfig,
	DEFAULT_QONTO_CONFIG,
	mergeQontoConfig,
	QONTO_BASE_PATH,
	QONTO_PROVIDER_NAME,
	type QontoSandboxConfig,
} from './config';
import { emptyQontoCounters, type QontoContext, type QontoCounters } from './context';
import { qontoErrorForStatus } from './errors';
import { AUTHORIZE_PATH, oauthRoutes, TOKEN_PATH } from './oauthRoutes';
import { OAuthStore } from './oauthStore';
import { scaRoutes } from './scaRoutes';
import { ScaStore } from './scaStore';

const SECRET_FORM_FIELDS = ['client_secret', 'code', 'refresh_token'];

/** Qonto Business API v2 cards, SCA and OAuth server, as described in providers.md §2 and §6. */
export class QontoProvider implements SandboxProvider {
	readonly name = QONTO_PROVIDER_NAME;
	readonly basePath = QONTO_BASE_PATH;
	readonly idempotencyHeader = IDEMPOTENCY_HEADER;
	readonly adminRoutes: ReadonlyArray<Route>;
	readonly admin: QontoAdmin;

	private readonly settings: ProviderSettings<QontoSandboxConfig>;
	private readonly counterValues: QontoCounters = emptyQontoCounters();
	private readonly context: QontoContext;
	private readonly routes: RouteTable;

	constructor(clock: SandboxClock, config: Partial<QontoSandboxConfig> = {}) {
		this.settings = new ProviderSettings(
			DEFAULT_QONTO_CONFIG,
			config,
			mergeQontoConfig,
			copyQontoConfig,
		);
		this.context = {
			clock,
			cards: new CardStore(),
			oauth: new OAuthStore(),
			sca: new ScaStore(this.counterValues),
			idempotency: new IdempotencyStore(() => this.settings.value.idempotencyRetentionMs),
			counters: this.counterValues,
			config: () => this.settings.value,
		};
		this.routes = new RouteTable([
			...oauthRoutes(this.context),
			...cardRoutes(this.context),
			...scaRoutes(this.context),
		]);
		this.admin = buildQontoAdmin(this.context, (changes) => {
			return this.settings.configure(changes);
		});
		this.adminRoutes = qontoAdminRoutes(this.admin);
	}

	/**
	 * The staging token is checked first, on every path but the browser-facing authorize page
	 * (and on the token endpoint only while `stagingTokenOnTokenEndpoint` is on).
	 */
	handle(request: SandboxRequest): SandboxResponse | Promise<SandboxResponse> {
		const path = request.path.replace(/\/+$/, '');
		const exempt =
			path === AUTHORIZE_PATH ||
			(path === TOKEN_PATH && !this.settings.value.stagingTokenOnTokenEndpoint);
		if (!exempt) {
			const refusal = stagingRefusal(this.context, request);
			if (refusal !== undefined) return refusal;
		}
		return this.routes.dispatch(request, qontoErrorForStatus);
	}

	errorResponse(status: number, message?: string): SandboxResponse {
		return qontoErrorForStatus(status, message);
	}

	/** Token requests are forms: client secrets, codes and refresh tokens are masked. */
	redactForLog(body: unknown): unknown {
		if (typeof body === 'string') {
			const form = new URLSearchParams(body);
			for (const field of SECRET_FORM_FIELDS) if (form.has(field)) form.set(field, '***');
			return form.toString();
		}
		if (!isPlainObject(body)) return body;
		const copy = { ...body };
		for (const field of SECRET_FORM_FIELDS) if (field in copy) copy[field] = '***';
		return copy;
	}

	reset(): void {
		this.context.cards.clear();
		this.context.oauth.clear();
		this.context.sca.clear();
		this.context.idempotency.clear();
		Object.assign(this.counterValues, emptyQontoCounters());
		this.settings.reset();
	}

	counters(): ProviderCounters {
		return { ...this.counterValues };
	}
}
