import type { IDataObject } from 'n8n-workflow';

import { NYMCARD_BASE_URLS } from '../../../credentials/NymCardApi.credentials';
import { checkBaseUrl } from '../../shared/baseUrl';
import { readRecords } from '../../shared/records';
import type { ProviderRequest } from '../../shared/request';
import type { ProviderDefinition, ProviderSession } from '../../shared/session';

export const NYMCARD = {
	label: 'NymCard',
	provider: 'nymcard',
	credentialType: 'nymCardApi',
	/** "The create bulk card request API supports maximum 5000 cards creation per call" (bulk page). */
	maxCardsPerBulk: 5000,
	/** All POSTs accept it; a retry with the same key returns the original result (api-core-principles). */
	idempotencyHeader: 'x-nymos-idempotency-key',
	maxPageSize: 100,
	fallbackPageSize: 20,
} as const;

export const nymCardProvider: ProviderDefinition = {
	name: NYMCARD.provider,
	label: NYMCARD.label,
	credentialType: NYMCARD.credentialType,
	idempotencyHeader: NYMCARD.idempotencyHeader,
	baseUrl(credentials) {
		const environment = (credentials.environment as string | undefined) ?? 'production';
		if (environment === 'production' || environment === 'sandbox')
			return { url: NYMCARD_BASE_URLS[environment] };
		const check = checkBaseUrl(credentials.baseUrl);
		return check.ok ? { url: check.url } : { problem: check.problem };
	},
	secrets: (credentials) => [typeof credentials.apiKey === 'string' ? credentials.apiKey : ''],
};

/** Every NymCard call of an item goes through its session (the engine's transport). */
export type NymCardSession = ProviderSession;

/**
 * One page of a list. Only `paging.after`/`has_more` are documented (providers.md §1.4), not the
 * name of the records array, so the usual names are accepted.
 */
export function readCursorPage(
	body: unknown,
	requested: number,
): { records: IDataObject[]; next?: string } {
	const object = body && typeof body === 'object' ? (body as IDataObject) : {};
	const records = readRecords(body, 'bulk_issuances', 'cards');
	const paging = (object.paging ?? {}) as IDataObject;
	const after = typeof paging.after === 'string' && paging.after !== '' ? paging.after : undefined;
	// Without `has_more`, a full page with a cursor is taken to mean there may be more.
	const hasMore =
		paging.has_more === undefined ? records.length >= requested : paging.has_more === true;
	return { records, next: hasMore && records.length > 0 ? after : undefined };
}

/**
 * Follows nCore's `limit`/`after` cursor (response `paging.after` + `paging.has_more`) until
 * `max` records are collected or the provider has no more. Stops on a repeated cursor rather
 * than looping forever on a misbehaving API.
 */
export async function listWithCursor(
	session: NymCardSession,
	path: string,
	query: IDataObject,
	max: number,
	action: string,
): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	const seenCursors = new Set<string>();
	let after: string | undefined;
	let pageSize: number = NYMCARD.maxPageSize;
	while (records.length < max) {
		const limit = Math.min(pageSize, max - records.length);
		const request: ProviderRequest = {
			method: 'GET',
			path,
			qs: { ...query, limit, ...(after ? { after } : {}) },
		};
		const page = await session.attempt<unknown>(request);
		if (!page.ok) {
			// nCore's largest page size is not published: a refused page is asked again, smaller.
			const { failure } = page.failure;
			const refused =
				failure.kind === 'http' && (failure.statusCode === 400 || failure.statusCode === 422);
			if (refused && limit > NYMCARD.fallbackPageSize) {
				pageSize = NYMCARD.fallbackPageSize;
				continue;
			}
			throw session.error(page.failure, action);
		}
		const { records: pageRecords, next } = readCursorPage(page.response.body, limit);
		records.push(...pageRecords.slice(0, max - records.length));
		if (next === undefined) break;
		if (seenCursors.has(next)) {
			throw session.problem(
				`NymCard returned the same page cursor twice while trying to ${action}`,
				'The listing was stopped to avoid an endless loop. Use a Limit, or contact NymCard support.',
			);
		}
		seenCursors.add(next);
		after = next;
	}
	return records;
}

/**
 * One page of a cursor list from `after` (none: the first page), at the largest page size, asked
 * again at the fallback size if NymCard refuses it: what a poll reads page by page.
 */
export async function readCursorPageAt(
	session: NymCardSession,
	path: string,
	query: IDataObject,
	after: string | undefined,
	action: string,
): Promise<{ records: IDataObject[]; next?: string }> {
	for (const limit of [NYMCARD.maxPageSize, NYMCARD.fallbackPageSize]) {
		const page = await session.attempt<unknown>({
			method: 'GET',
			path,
			qs: { ...query, limit, ...(after ? { after } : {}) },
		});
		if (page.ok) return readCursorPage(page.response.body, limit);
		const { failure } = page.failure;
		const refused =
			failure.kind === 'http' && (failure.statusCode === 400 || failure.statusCode === 422);
		if (!refused || limit === NYMCARD.fallbackPageSize) throw session.error(page.failure, action);
	}
	return { records: [] };
}

/**
 * The resource object of a response. nCore's schemas are not public; accept both a bare object
 * and one wrapped in `data`, so an `id` is never missed.
 */
export function unwrapResource(body: unknown): IDataObject {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
	const object = body as IDataObject;
	const data = object.data;
	if (object.id === undefined && data && typeof data === 'object' && !Array.isArray(data))
		return data as IDataObject;
	return object;
}

/** The id of a returned resource as text, whether the API sends it as a string or a number. */
export function resourceId(resource: IDataObject | undefined): string | undefined {
	const id = resource?.id;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}
