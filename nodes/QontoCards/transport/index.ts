import type { IDataObject } from 'n8n-workflow';

import {
	QONTO_STAGING_TOKEN_HEADER,
	QONTO_URLS,
	qontoStagingToken,
} from '../../../credentials/QontoApi.credentials';
import { checkBaseUrl } from '../../shared/baseUrl';
import { readRecords } from '../../shared/records';
import type { ProviderRequest } from '../../shared/request';
import type { ProviderDefinition, ProviderSession } from '../../shared/session';

export const QONTO = {
	label: 'Qonto',
	provider: 'qonto',
	/** "Array length 1–50" on POST /v2/cards/bulk (providers.md §2.3). */
	maxCardsPerBulk: 50,
	/** https://docs.qonto.com/get-started/general/idempotent-requests — keys live 30 minutes. */
	idempotencyHeader: 'X-Qonto-Idempotency-Key',
	/** https://docs.qonto.com/get-started/general/pagination.md — per_page at most 100. */
	maxPageSize: 100,
} as const;

export const qontoProvider: ProviderDefinition = {
	name: QONTO.provider,
	label: QONTO.label,
	credentialType: 'qontoOAuth2Api',
	credentialChoice: {
		parameter: 'authentication',
		types: { oAuth2: 'qontoOAuth2Api', apiKey: 'qontoApi' },
	},
	idempotencyHeader: QONTO.idempotencyHeader,
	// https://docs.qonto.com/get-started/general/rate-limitations.md (per IP)
	rateLimits: [
		{ limit: 1000, windowMs: 10_000 },
		{ limit: 10_000, windowMs: 600_000 },
	],
	baseUrl(credentials) {
		const environment = (credentials.environment as string | undefined) ?? 'production';
		if (environment === 'production' || environment === 'sandbox')
			return { url: QONTO_URLS.api[environment] };
		const check = checkBaseUrl(credentials.baseUrl);
		return check.ok ? { url: check.url } : { problem: check.problem };
	},
	secrets: (credentials) =>
		['secretKey', 'stagingToken', 'clientSecret']
			.map((name) => credentials[name])
			.filter((value): value is string => typeof value === 'string'),
	// Every sandbox request needs the staging token (providers.md §2.1); sent here as well as by the
	// credential, since n8n's OAuth2 requests do not run a credential's own `authenticate`.
	headers: (credentials) => {
		const token = qontoStagingToken(credentials);
		return token ? { [QONTO_STAGING_TOKEN_HEADER]: token } : {};
	},
};

export type QontoSession = ProviderSession;

/** One page of `GET /v2/cards` at the largest page size, and the number of the next page if any. */
export async function readCardsPage(
	session: QontoSession,
	query: IDataObject,
	page: number,
	action: string,
): Promise<{ cards: IDataObject[]; nextPage?: number }> {
	const { body } = await session.request<IDataObject>(
		{
			method: 'GET',
			path: '/v2/cards',
			qs: { ...query, page, per_page: QONTO.maxPageSize },
			arrayFormat: 'brackets',
		},
		action,
	);
	const next = ((body?.meta ?? {}) as IDataObject).next_page;
	return {
		cards: readRecords(body, 'cards'),
		...(typeof next === 'number' && next > page ? { nextPage: next } : {}),
	};
}

/**
 * Follows Qonto's `page`/`per_page` pagination (`meta.next_page`, null on the last page) until
 * `max` cards are collected.
 */
export async function listCards(
	session: QontoSession,
	query: IDataObject,
	max: number,
	action: string,
): Promise<IDataObject[]> {
	const cards: IDataObject[] = [];
	for (let page = 1; cards.length < max; ) {
		const request: ProviderRequest = {
			method: 'GET',
			path: '/v2/cards',
			qs: {
				...query,
				page,
				per_page: Math.min(QONTO.maxPageSize, Math.max(1, max - cards.length)),
			},
			arrayFormat: 'brackets',
		};
		const { body } = await session.request<IDataObject>(request, action);
		cards.push(...readRecords(body, 'cards').slice(0, max - cards.length));
		const next = ((body?.meta ?? {}) as IDataObject).next_page;
		if (typeof next !== 'number' || next <= page) break;
		page = next;
	}
	return cards;
}
