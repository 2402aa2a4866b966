import axios, { type AxiosInstance, type AxiosResponse } from 'axios';

import {
	DEFAULT_QONTO_BANK_ACCOUNT_IDS,
	DEFAULT_QONTO_LOGIN,
	DEFAULT_QONTO_MEMBERSHIPS,
	DEFAULT_QONTO_SECRET_KEY,
	DEFAULT_QONTO_STAGING_TOKEN,
} from '../../sandbox/providers/qonto';
import type { Sandbox } from '../../sandbox/server';

export const HOLDER_ID = DEFAULT_QONTO_MEMBERSHIPS[0].id;
export const OTHER_HOLDER_ID = DEFAULT_QONTO_MEMBERSHIPS[1].id;
export const BANK_ACCOUNT_ID = DEFAULT_QONTO_BANK_ACCOUNT_IDS[0];
export const API_KEY_AUTHORIZATION = `${DEFAULT_QONTO_LOGIN}:${DEFAULT_QONTO_SECRET_KEY}`;

export type QontoAuth = { apiKey: true } | { bearer: string } | { authorization: string } | null;

/** A Qonto client that never throws on HTTP status and never follows redirects. */
export function qontoClient(
	sandbox: Sandbox,
	auth: QontoAuth,
	stagingToken: string | null = DEFAULT_QONTO_STAGING_TOKEN,
): AxiosInstance {
	const headers: Record<string, string> = {};
	if (stagingToken !== null) headers['X-Qonto-Staging-Token'] = stagingToken;
	if (auth !== null && 'apiKey' in auth) headers.Authorization = API_KEY_AUTHORIZATION;
	if (auth !== null && 'bearer' in auth) headers.Authorization = `Bearer ${auth.bearer}`;
	if (auth !== null && 'authorization' in auth) headers.Authorization = auth.authorization;
	return axios.create({
		baseURL: `${sandbox.url}/qonto`,
		headers,
		validateStatus: () => true,
		maxRedirects: 0,
	});
}

/** An OAuth client with a token from the sandbox (card.read card.write offline_access). */
export function oauthClient(sandbox: Sandbox, scopes?: string[]): AxiosInstance {
	return qontoClient(sandbox, { bearer: sandbox.admin.qonto.issueTokens(scopes).access_token });
}

export function virtualCard(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		card: {
			card_level: 'virtual',
			holder_id: HOLDER_ID,
			bank_account_id: BANK_ACCOUNT_ID,
			payment_monthly_limit: 1000,
			...overrides,
		},
	};
}

export function physicalCard(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		card: {
			card_level: 'standard',
			holder_id: HOLDER_ID,
			bank_account_id: BANK_ACCOUNT_ID,
			payment_monthly_limit: 1000,
			ship_to_business: false,
			atm_option: true,
			atm_monthly_limit: 500,
			atm_daily_limit_option: true,
			atm_daily_limit: 100,
			address: {
				contact_name: 'Dolores Koulechov',
				first_line: '18 rue de Navarin',
				zipcode: '75009',
				city: 'Paris',
				country: 'FR',
			},
			...overrides,
		},
	};
}

export function bulkBody(count: number, make = virtualCard): { cards: unknown[] } {
	return { cards: Array.from({ length: count }, () => make()) };
}

/** POST /v2/cards/bulk through SCA: 428 → the mocked device approves → identical replay. */
export async function createWithSca(
	sandbox: Sandbox,
	client: AxiosInstance,
	body: unknown,
	headers: Record<string, string> = {},
): Promise<AxiosResponse> {
	const first = await client.post('/v2/cards/bulk', body, { headers });
	if (first.status !== 428)
		throw new Error(`expected 428, got ${first.status}: ${JSON.stringify(first.data)}`);
	const token = first.data.sca_session_token as string;
	sandbox.admin.qonto.sca.approve(token);
	return await client.post('/v2/cards/bulk', body, {
		headers: { ...headers, 'X-Qonto-Sca-Session-Token': token },
	});
}

export function pointersOf(errors: Array<{ source?: { pointer?: string } }>): string[] {
	return errors.map((error) => error.source?.pointer ?? '').sort();
}

export function idempotencyHeaders(value: string): Record<string, string> {
	return { 'X-Qonto-Idempotency-Key': value };
}
