import { SandboxAdminError } from '../../core/adminError';
import { adminBody, configRoutes } from '../../core/adminRoutes';
import type { Route } from '../../core/types';
import { type BulkStore, CARD_STATUS_VALUES, type CardStatusOverride } from './bulkStore';
import type { CardSecrets } from './cardDerivation';
import type { NymCardSandboxConfig } from './config';

/** Test-only controls of the NymCard simulator. */
export interface NymCardAdmin {
	/** Applies part of the config (validated); returns the whole config now in force. */
	configure(changes: Partial<NymCardSandboxConfig>): NymCardSandboxConfig;
	config(): NymCardSandboxConfig;
	/** PAN, expiry and CVV2 of a card — what a sandbox card is for. Also makes its token linkable. */
	cardSecrets(bulkId: string, index: number): CardSecrets;
	/** Sets a card's status (e.g. SUSPENDED), as NymCard's own back office would. */
	setCardStatus(bulkId: string, index: number, status: CardStatusOverride): void;
}

export function setCardStatusInStore(
	store: BulkStore,
	bulkId: string,
	index: number,
	status: CardStatusOverride,
): void {
	const bulk = store.get(bulkId);
	if (bulk === undefined)
		throw new SandboxAdminError(404, `Bulk issuance ${bulkId} does not exist`);
	if (!Number.isInteger(index) || index < 0 || index >= bulk.numberOfCards)
		throw new SandboxAdminError(404, `Bulk issuance ${bulkId} has no card ${index}`);
	if (!(CARD_STATUS_VALUES as ReadonlyArray<string>).includes(status))
		throw new SandboxAdminError(400, `status must be among ${CARD_STATUS_VALUES.join(', ')}`);
	store.setCardStatus(bulk, index, status);
}

export function cardSecretsFromStore(store: BulkStore, bulkId: string, index: number): CardSecrets {
	const bulk = store.get(bulkId);
	if (bulk === undefined)
		throw new SandboxAdminError(404, `Bulk issuance ${bulkId} does not exist`);
	if (!Number.isInteger(index) || index < 0 || index >= bulk.numberOfCards) {
		throw new SandboxAdminError(
			404,
			`Bulk issuance ${bulkId} has cards 0..${bulk.numberOfCards - 1}, not ${index}`,
		);
	}
	return store.revealSecrets(bulk, index);
}

/** Mounted under `/__admin/nymcard`. */
export function nymCardAdminRoutes(admin: NymCardAdmin): Route[] {
	return [
		...configRoutes(admin),
		{
			method: 'GET',
			path: '/bulks/{id}/cards/{index}/secrets',
			handle: (_request, { id, index }) => {
				const position = /^\d+$/.test(index) ? Number(index) : NaN;
				return { status: 200, body: admin.cardSecrets(id, position) };
			},
		},
		{
			method: 'POST',
			path: '/bulks/{id}/cards/{index}/status',
			handle: (request, { id, index }) => {
				const position = /^\d+$/.test(index) ? Number(index) : NaN;
				admin.setCardStatus(id, position, adminBody(request).status as CardStatusOverride);
				return { status: 200, body: { ok: true } };
			},
		},
	];
}
