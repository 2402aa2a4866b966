import type { IDataObject } from 'n8n-workflow';

import { accountIdProblem, DINTERO_BASE_URLS } from '../../../credentials/DinteroApi.credentials';
import { checkBaseUrl } from '../../shared/baseUrl';
import { readRecords } from '../../shared/records';
import type { ProviderDefinition, ProviderSession } from '../../shared/session';

export const DINTERO = {
	label: 'Dintero',
	provider: 'dintero',
	credentialType: 'dinteroApi',
	/** `cards` maxItems 1000 on POST /accounts/{aid}/wallets/cards/batch (seed 004). */
	maxCardsPerBatch: 1000,
	/** `limit` 1–100 on GET /accounts/{aid}/wallets/cards (providers.md §4.4). */
	maxPageSize: 100,
	/**
	 * Card ids looked up in one GET (`card_id=…&card_id=…`): a URL of 100 ids of up to 255
	 * characters still fits the usual 16 KB header limits, and 100 is the page maximum.
	 */
	lookupGroupSize: 100,
	/** `card_id` and `customer_id`: at most 255 characters, no surrounding spaces (seed 004). */
	maxIdLength: 255,
} as const;

/**
 * The API root of the account: every path below starts at `/accounts/{aid}`. A malformed account
 * id is refused here, before n8n asks for a token, so nothing is sent for it.
 */
export const dinteroProvider: ProviderDefinition = {
	name: DINTERO.provider,
	label: DINTERO.label,
	credentialType: DINTERO.credentialType,
	baseUrl(credentials) {
		const problem = accountIdProblem(credentials.accountId);
		if (problem !== undefined) {
			return {
				problem,
				advice:
					'Open the Dintero credential and correct its Account ID (shown in the Dintero Backoffice).',
			};
		}
		const accountId = encodeURIComponent((credentials.accountId as string).trim());
		if (credentials.environment !== 'custom') {
			return { url: `${DINTERO_BASE_URLS.production}/accounts/${accountId}` };
		}
		const checked = checkBaseUrl(credentials.baseUrl);
		return checked.ok
			? { url: `${checked.url}/accounts/${accountId}` }
			: { problem: checked.problem };
	},
	secrets: (credentials) =>
		['clientSecret', 'accessToken']
			.map((name) => credentials[name])
			.filter((value): value is string => typeof value === 'string'),
};

export function cardPath(cardId: string, rest = ''): string {
	return `/wallets/cards/${encodeURIComponent(cardId)}${rest}`;
}

/**
 * Follows Dintero's `limit`/`starting_after` cursor until `max` cards are read or no cursor comes
 * back (the answer is `{cards, starting_after}`; a page without a cursor is the last one).
 */
export async function listCards(
	session: ProviderSession,
	path: string,
	query: IDataObject,
	max: number,
	action: string,
): Promise<IDataObject[]> {
	const cards: IDataObject[] = [];
	let cursor: string | undefined;
	while (cards.length < max) {
		const limit = Math.min(DINTERO.maxPageSize, max - cards.length);
		const { body } = await session.request<IDataObject>(
			{
				method: 'GET',
				path,
				qs: { ...query, limit, ...(cursor ? { starting_after: cursor } : {}) },
				arrayFormat: 'repeat',
			},
			action,
		);
		const page = readRecords(body, 'cards');
		cards.push(...page.slice(0, max - cards.length));
		const next = body?.starting_after;
		if (typeof next !== 'string' || next === '' || next === cursor || page.length === 0) break;
		cursor = next;
	}
	return cards;
}

/**
 * The cards among `cardIds` that exist, read in groups of `lookupGroupSize` ids per GET
 * (`card_id` repeated). Dintero's list filters are not published (providers.md unknown 29): if
 * the list refuses the filter (400, 422) or answers with cards that were not asked for (the filter
 * is not honoured), each card is read by its documented `GET …/wallets/cards/{card_id}` instead
 * (404: it does not exist), so that an existing card is never taken for a missing one.
 */
export async function findCards(
	session: ProviderSession,
	cardIds: string[],
	action: string,
): Promise<IDataObject[]> {
	const wanted = new Set(cardIds);
	const isWanted = (card: IDataObject) =>
		typeof card.card_id === 'string' && wanted.has(card.card_id);
	const found: IDataObject[] = [];
	for (let start = 0; start < cardIds.length; start += DINTERO.lookupGroupSize) {
		const group = cardIds.slice(start, start + DINTERO.lookupGroupSize);
		const page = await listByIds(session, group, action);
		if (page === undefined || !page.every(isWanted)) {
			return await readOneByOne(session, cardIds, action);
		}
		found.push(...page);
	}
	return found;
}

/** One group through the list's `card_id` filter; undefined when the list refuses the filter. */
async function listByIds(
	session: ProviderSession,
	group: string[],
	action: string,
): Promise<IDataObject[] | undefined> {
	const request = {
		method: 'GET' as const,
		path: '/wallets/cards',
		qs: { card_id: group, limit: Math.min(DINTERO.maxPageSize, group.length) },
		arrayFormat: 'repeat' as const,
	};
	const first = await session.attempt<IDataObject>(request);
	if (!first.ok) {
		const { failure } = first.failure;
		if (failure.kind === 'http' && (failure.statusCode === 400 || failure.statusCode === 422))
			return undefined;
		throw session.error(first.failure, action);
	}
	const page = readRecords(first.response.body, 'cards');
	const next = first.response.body?.starting_after;
	if (page.length >= group.length || typeof next !== 'string' || next === '') return page;
	// More than one page for one group: follow the cursor for the rest.
	const rest = await listCards(
		session,
		'/wallets/cards',
		{ card_id: group, starting_after: next },
		group.length - page.length,
		action,
	);
	return [...page, ...rest];
}

async function readOneByOne(
	session: ProviderSession,
	cardIds: string[],
	action: string,
): Promise<IDataObject[]> {
	const found: IDataObject[] = [];
	for (const cardId of cardIds) {
		const read = await session.attempt<IDataObject>({ method: 'GET', path: cardPath(cardId) });
		if (read.ok) {
			found.push(read.response.body ?? {});
			continue;
		}
		const { failure } = read.failure;
		if (failure.kind === 'http' && failure.statusCode === 404) continue;
		throw session.error(read.failure, action);
	}
	return found;
}
