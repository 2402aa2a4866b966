import { SandboxAdminError } from '../../core/adminError';
import { adminBody, configRoutes } from '../../core/adminRoutes';
import type { Route } from '../../core/types';
import { CARD_STATUSES, type CardStatus } from './cardStore';
import type { QontoSandboxConfig } from './config';
import type { QontoContext } from './context';
import type { TokenPair } from './oauthStore';
import type { ScaResult } from './scaStore';
import { checkCard } from './validation';

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
	/**
	 * Stores `count` cards at once, as if bulk calls had created them (no SCA, no counters): for
	 * watching and listing tests at scale. `card` overrides fields of a valid virtual card.
	 * Returns their ids in creation order.
	 */
	seedCards(count: number, card?: Record<string, unknown>): string[];
	/** Moves a card to `status` from now on (it stays there whatever the clock does). */
	setCardStatus(cardId: string, status: CardStatus): void;
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
		seedCards: (count, card = {}) => {
			if (!Number.isInteger(count) || count < 1 || count > 100_000)
				throw new SandboxAdminError(400, 'count must be a whole number from 1 to 100000');
			const config = context.config();
			const checked = checkCard(
				{
					card: {
						card_level: 'virtual',
						holder_id: config.memberships[0]?.id,
						bank_account_id: config.bankAccountIds[0],
						payment_monthly_limit: 500,
						...card,
					},
				},
				0,
			);
			if (!checked.ok) throw new SandboxAdminError(400, JSON.stringify(checked.errors));
			const holder = config.memberships.find(({ id }) => id === checked.card.holder_id);
			if (holder === undefined) throw new SandboxAdminError(400, 'holder_id is not a membership');
			const now = context.clock.now();
			return Array.from(
				{ length: count },
				() => context.cards.create(checked.card, holder, config.organizationId, now, null).id,
			);
		},
		setCardStatus: (cardId, status) => {
			const card = context.cards.get(cardId);
			if (card === undefined) throw new SandboxAdminError(404, `Card ${cardId} does not exist`);
			if (!(CARD_STATUSES as ReadonlyArray<string>).includes(status))
				throw new SandboxAdminError(400, `status must be among ${CARD_STATUSES.join(', ')}`);
			card.heldStatus = status;
			card.statusChangedAt = context.clock.now();
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
			method: 'POST',
			path: '/cards/seed',
			handle: (request) => {
				const body = adminBody(request);
				const card = body.card === undefined ? undefined : body.card;
				if (
					card !== undefined &&
					(typeof card !== 'object' || card === null || Array.isArray(card))
				)
					throw new SandboxAdminError(400, 'card must be an object');
				return {
					status: 201,
					body: { ids: admin.seedCards(Number(body.count), card as Record<string, unknown>) },
				};
			},
		},
		{
			method: 'POST',
			path: '/cards/{id}/status',
			handle: (request, { id }) => {
				admin.setCardStatus(id, adminBody(request).status as CardStatus);
				return { status: 200, body: { ok: true } };
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
