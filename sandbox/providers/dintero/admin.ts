import { SandboxAdminError } from '../../core/adminError';
import { adminBody, configRoutes } from '../../core/adminRoutes';
import type { Route } from '../../core/types';
import type { DinteroSandboxConfig } from './config';
import type { DinteroContext } from './context';
import { defaultToken, maskCode, DEFAULT_TOKEN_MASK_PREFIX } from './generator';
import { CARD_TYPES, type CardType, idProblem } from './validation';
import { CARD_STATUSES, CARD_TOKEN_LIFETIME_SECONDS, type CardStatus } from './views';

/** What `seedCards` may set on the cards it stores. */
export interface DinteroSeedOptions {
	/** The cards are `<prefix><n>` (n counts the account's cards from 1); default `seed-`. */
	prefix?: string;
	type?: CardType;
	/** Seeds cards already activated for this customer (100.00 NOK each, status `unused`). */
	customerId?: string;
	/** Account; default the sandbox's test account. */
	accountId?: string;
}

/** Test-only controls of the Dintero simulator. */
export interface DinteroAdmin {
	/** Applies part of the config (validated); returns the whole config now in force. */
	configure(changes: Partial<DinteroSandboxConfig>): DinteroSandboxConfig;
	config(): DinteroSandboxConfig;
	/** Invalidates every issued access token (the next wallet call gets 401); returns how many. */
	revokeTokens(): number;
	/**
	 * Stores `count` inactive cards at once, as if batch calls had created them (not counted):
	 * for watching and listing tests at scale. Returns their `card_id`s in creation order.
	 */
	seedCards(count: number, options?: DinteroSeedOptions): string[];
	/**
	 * Shows a card in `status` from now on, whatever its activation and the clock say (a spent,
	 * expired or reset card), until set again; `null` goes back to the computed status.
	 */
	setCardStatus(cardId: string, status: CardStatus | null, accountId?: string): void;
}

export function buildDinteroAdmin(
	context: DinteroContext,
	configure: (changes: Partial<DinteroSandboxConfig>) => DinteroSandboxConfig,
	snapshot: () => DinteroSandboxConfig,
	revokeTokens: () => number,
): DinteroAdmin {
	const defaultAccount = () => context.config().clients[0]?.accountId ?? 'T12345678';
	return {
		configure,
		config: snapshot,
		revokeTokens,
		seedCards: (count, options = {}) => {
			if (!Number.isInteger(count) || count < 1 || count > 100_000)
				throw new SandboxAdminError(400, 'count must be a whole number from 1 to 100000');
			const prefix = options.prefix ?? 'seed-';
			const type = options.type ?? 'gift_card';
			if (typeof prefix !== 'string' || prefix.length > 200)
				throw new SandboxAdminError(400, 'prefix must be text of at most 200 characters');
			if (!CARD_TYPES.includes(type))
				throw new SandboxAdminError(400, `type must be one of ${CARD_TYPES.join(', ')}`);
			const { customerId } = options;
			if (customerId !== undefined && idProblem(customerId) !== undefined)
				throw new SandboxAdminError(400, `customerId ${idProblem(customerId)}`);
			const accountId = options.accountId ?? defaultAccount();
			const now = context.clock.now();
			const first = context.cards.all(accountId).length + 1;
			const ids = Array.from({ length: count }, (_, index) => `${prefix}${first + index}`);
			const taken = ids.find((cardId) => context.cards.get(accountId, cardId) !== undefined);
			if (taken !== undefined)
				throw new SandboxAdminError(409, `card_id ${taken} already exists on ${accountId}`);
			for (const cardId of ids) {
				context.cards.add(accountId, {
					cardId,
					type,
					createdAt: now,
					createdBy: 'sandbox-seed',
					maskedToken: maskCode(defaultToken().value, DEFAULT_TOKEN_MASK_PREFIX),
					tokenExpiresAt: now + CARD_TOKEN_LIFETIME_SECONDS * 1000,
					...(customerId === undefined
						? {}
						: { activation: { amount: 10_000, currency: 'NOK', customerId, activatedAt: now } }),
				});
			}
			return ids;
		},
		setCardStatus: (cardId, status, accountId = defaultAccount()) => {
			const card = context.cards.get(accountId, cardId);
			if (card === undefined)
				throw new SandboxAdminError(404, `Card ${cardId} does not exist on ${accountId}`);
			if (status !== null && !CARD_STATUSES.includes(status))
				throw new SandboxAdminError(400, `status must be one of ${CARD_STATUSES.join(', ')}`);
			if (status === null) delete card.heldStatus;
			else card.heldStatus = status;
		},
	};
}

/** Mounted under `/__admin/dintero`. */
export function dinteroAdminRoutes(admin: DinteroAdmin): Route[] {
	return [
		...configRoutes(admin),
		{
			method: 'POST',
			path: '/tokens/revoke',
			handle: () => ({ status: 200, body: { revoked: admin.revokeTokens() } }),
		},
		{
			method: 'POST',
			path: '/cards/seed',
			handle: (request) => {
				const { count, ...options } = adminBody(request);
				return {
					status: 201,
					body: { cardIds: admin.seedCards(Number(count), options as DinteroSeedOptions) },
				};
			},
		},
		{
			method: 'POST',
			path: '/cards/{card_id}/status',
			handle: (request, { card_id: cardId }) => {
				const body = adminBody(request);
				admin.setCardStatus(
					cardId,
					body.status as CardStatus | null,
					body.accountId === undefined ? undefined : String(body.accountId),
				);
				return { status: 200, body: { ok: true } };
			},
		},
	];
}
