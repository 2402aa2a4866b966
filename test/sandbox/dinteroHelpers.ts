import axios, { type AxiosInstance } from 'axios';

import type { Sandbox } from '../../sandbox/server';

export const TEST_ACCOUNT = 'T12345678';
export const PRODUCTION_ACCOUNT = 'P12345678';
export const CLIENT_ID = 'dintero-sandbox-client';
export const CLIENT_SECRET = 'dintero-sandbox-secret';

export function dinteroUrl(sandbox: Sandbox): string {
	return `${sandbox.url}/dintero/v1`;
}

export function basicAuth(clientId: string, clientSecret: string): string {
	return `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
}

/** A client that never throws on HTTP status, so tests can assert on errors. */
export function rawDinteroClient(sandbox: Sandbox): AxiosInstance {
	return axios.create({ baseURL: dinteroUrl(sandbox), validateStatus: () => true });
}

export async function requestToken(
	sandbox: Sandbox,
	account = TEST_ACCOUNT,
	clientId = CLIENT_ID,
	clientSecret = CLIENT_SECRET,
) {
	return await rawDinteroClient(sandbox).post(
		`/accounts/${account}/auth/token`,
		{
			grant_type: 'client_credentials',
			audience: `https://api.dintero.com/v1/accounts/${account}`,
		},
		{ headers: { authorization: basicAuth(clientId, clientSecret) } },
	);
}

/** A client for one account's wallet, with a fresh bearer token. */
export async function walletClient(
	sandbox: Sandbox,
	account = TEST_ACCOUNT,
): Promise<AxiosInstance> {
	const token = await requestToken(
		sandbox,
		account,
		account === TEST_ACCOUNT ? CLIENT_ID : 'dintero-sandbox-production-client',
		account === TEST_ACCOUNT ? CLIENT_SECRET : 'dintero-sandbox-production-secret',
	);
	if (token.status !== 200) throw new Error(`token failed: ${JSON.stringify(token.data)}`);
	return axios.create({
		baseURL: `${dinteroUrl(sandbox)}/accounts/${account}/wallets`,
		headers: { authorization: `Bearer ${token.data.access_token as string}` },
		validateStatus: () => true,
	});
}

export function giftCards(prefix: string, count: number, type = 'gift_card') {
	return Array.from({ length: count }, (_, index) => ({ card_id: `${prefix}-${index}`, type }));
}

export function errorFields(body: unknown): string[] {
	const errors = (body as { error: { errors?: Array<{ field: string }> } }).error.errors ?? [];
	return errors.map(({ field }) => field).sort();
}
