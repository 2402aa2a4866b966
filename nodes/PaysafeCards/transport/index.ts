import type { IDataObject } from 'n8n-workflow';

import { paysafeApiRoot } from '../../../credentials/PaysafeApi.credentials';
import { readRecords } from '../../shared/records';
import type { ProviderDefinition, ProviderSession } from '../../shared/session';

export const PAYSAFE = {
	label: 'Paysafe',
	provider: 'paysafe',
	credentialType: 'paysafeApi',
	/** `quantity` 1–50 on POST /customers/{customerId}/prepaid/cards/bulk (providers.md §3.3). */
	maxCardsPerBulk: 50,
	/** `limit` 1–50 on the bulk GET (providers.md §3.4); the card list publishes no maximum. */
	maxPageSize: 50,
} as const;

export const paysafeProvider: ProviderDefinition = {
	name: PAYSAFE.provider,
	label: PAYSAFE.label,
	credentialType: PAYSAFE.credentialType,
	baseUrl: paysafeApiRoot,
	secrets: (credentials) =>
		['clientSecret', 'accessToken', 'hmacSecret']
			.map((name) => credentials[name])
			.filter((value): value is string => typeof value === 'string'),
};

export type PaysafeSession = ProviderSession;

export function customerPath(customerId: string, rest = ''): string {
	return `/customers/${encodeURIComponent(customerId)}/prepaid/cards${rest}`;
}

/**
 * Follows Paysafe's `limit`/`offset` paging until `max` records are read or a page comes back
 * short. `readPage` picks the records out of each answer; the first answer is returned as well
 * (the bulk GET carries the bulk itself around its cards).
 */
export async function listWithOffset(
	session: PaysafeSession,
	path: string,
	query: IDataObject,
	max: number,
	action: string,
): Promise<{ records: IDataObject[]; first: IDataObject }> {
	const records: IDataObject[] = [];
	let first: IDataObject | undefined;
	for (let offset = 0; records.length < max; ) {
		const limit = Math.min(PAYSAFE.maxPageSize, max - records.length);
		const { body } = await session.request<IDataObject>(
			{ method: 'GET', path, qs: { ...query, limit, offset } },
			action,
		);
		first ??= body ?? {};
		const page = readRecords(body, 'cards');
		records.push(...page.slice(0, max - records.length));
		if (page.length < limit) break;
		offset += page.length;
	}
	return { records, first: first ?? {} };
}

/** A card's external id; the bulk per-card field names are unconfirmed (providers.md unknown 22). */
export function externalIdOf(card: IDataObject): string | undefined {
	const id = card.externalId ?? card.externalCardId ?? card.external_id;
	return typeof id === 'string' && id !== '' ? id : undefined;
}
