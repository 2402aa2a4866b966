import { SandboxAdminError } from '../../core/adminError';
import { adminBody, configRoutes } from '../../core/adminRoutes';
import type { Route } from '../../core/types';
import { BULK_OUTCOMES, type BulkOutcome, type PaysafeSandboxConfig } from './config';

/** Part of the config; `hmacKey: null` switches the signature check off. */
export type PaysafeConfigChanges = Partial<Omit<PaysafeSandboxConfig, 'hmacKey'>> & {
	hmacKey?: string | null;
};

/** Test-only controls of the Paysafe simulator. */
export interface PaysafeAdmin {
	/** Applies part of the config (validated); returns the whole config now in force. */
	configure(changes: PaysafeConfigChanges): PaysafeSandboxConfig;
	config(): PaysafeSandboxConfig;
	/** Forgets every issued access token (the next API call gets 401); returns how many. */
	revokeTokens(): number;
	/** Makes every issued access token expire now (the next API call gets 401); returns how many. */
	expireTokens(): number;
	/** Appends outcomes that the next accepted bulks take, one each; returns the whole queue. */
	queueOutcomes(outcomes: BulkOutcome[]): BulkOutcome[];
	/** Every created card of the customer, oldest first, as the API shows them. */
	cards(customerId: string): Array<Record<string, unknown>>;
}

export function checkOutcomes(outcomes: unknown): BulkOutcome[] {
	if (
		!Array.isArray(outcomes) ||
		!outcomes.every((outcome) => BULK_OUTCOMES.includes(outcome as BulkOutcome))
	) {
		throw new SandboxAdminError(400, `outcomes must be an array of ${BULK_OUTCOMES.join(', ')}`);
	}
	return outcomes as BulkOutcome[];
}

/** Mounted under `/__admin/paysafe`. */
export function paysafeAdminRoutes(admin: PaysafeAdmin): Route[] {
	return [
		...configRoutes(admin),
		{
			method: 'POST',
			path: '/tokens/revoke',
			handle: () => ({ status: 200, body: { revoked: admin.revokeTokens() } }),
		},
		{
			method: 'POST',
			path: '/tokens/expire',
			handle: () => ({ status: 200, body: { expired: admin.expireTokens() } }),
		},
		{
			method: 'POST',
			path: '/outcomes',
			handle: (request) => ({
				status: 200,
				body: { outcomes: admin.queueOutcomes(checkOutcomes(adminBody(request).outcomes)) },
			}),
		},
		{
			method: 'GET',
			path: '/customers/{customerId}/cards',
			handle: (_request, { customerId }) => ({
				status: 200,
				body: { cards: admin.cards(customerId) },
			}),
		},
	];
}
