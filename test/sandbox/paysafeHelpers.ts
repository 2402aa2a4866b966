import axios, { type AxiosInstance } from 'axios';
import { createHmac } from 'crypto';

import type { Sandbox } from '../../sandbox/server';

export const BRAND = 'paysafe-sandbox-brand';
export const CLIENT_ID = 'paysafe-sandbox-client';
export const CLIENT_SECRET = 'paysafe-sandbox-secret';
export const EU_CUSTOMER = '1231122232';
export const US_CUSTOMER = '2000000001';

export function paysafeUrl(sandbox: Sandbox): string {
	return `${sandbox.url}/paysafe/digitalwallets/v1`;
}

/** Paysafe's form: each part URL-encoded, then base64. */
export function basicAuth(clientId: string, clientSecret: string, urlEncode = true): string {
	const encode = (text: string) => (urlEncode ? encodeURIComponent(text) : text);
	return `Basic ${Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`).toString('base64')}`;
}

/** A client that never throws on HTTP status, so tests can assert on errors. */
export function rawPaysafeClient(sandbox: Sandbox): AxiosInstance {
	return axios.create({ baseURL: paysafeUrl(sandbox), validateStatus: () => true });
}

export async function requestToken(
	sandbox: Sandbox,
	options: { brand?: string; authorization?: string | null; body?: string } = {},
) {
	const authorization =
		options.authorization === undefined
			? basicAuth(CLIENT_ID, CLIENT_SECRET)
			: options.authorization;
	return await rawPaysafeClient(sandbox).post(
		`/auth/brands/${options.brand ?? BRAND}/token`,
		options.body ?? 'grant_type=client_credentials',
		{
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				...(authorization === null ? {} : { authorization }),
			},
		},
	);
}

export async function accessToken(sandbox: Sandbox): Promise<string> {
	const response = await requestToken(sandbox);
	if (response.status !== 200) throw new Error(`token failed: ${JSON.stringify(response.data)}`);
	return response.data.access_token as string;
}

/** A client with a fresh Bearer token. */
export async function apiClient(sandbox: Sandbox): Promise<AxiosInstance> {
	const token = await accessToken(sandbox);
	return axios.create({
		baseURL: paysafeUrl(sandbox),
		headers: { authorization: `Bearer ${token}` },
		validateStatus: () => true,
	});
}

export function sign(hmacKey: string, body: string): string {
	return createHmac('sha256', hmacKey).update(body, 'utf8').digest('base64');
}

export const EU_ADDRESS = {
	address1: 'Tsarigradsko Shose 73',
	address2: 'floor 3',
	address3: 'apartment 43',
	city: 'Sofia',
	countryCode: 'BG',
	postalCode: '1000',
};

export const US_ADDRESS = {
	address1: '100 Main Street',
	city: 'Salt Lake City',
	countryCode: 'US',
	state: 'UT',
	postalCode: '84101',
};

export function physicalOrder(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		quantity: 2,
		programName: 'PHYSICAL-MC-EEA',
		currency: 'EUR',
		mobile: '+359888333333',
		userAgent: 'n8n-nodes-bulk-cards tests',
		deliveryAddress: EU_ADDRESS,
		...overrides,
	};
}

export function virtualOrder(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		quantity: 2,
		programName: 'VIRTUAL-MC-EEA',
		currency: 'EUR',
		userAgent: 'n8n-nodes-bulk-cards tests',
		...overrides,
	};
}

export function cardSpecs(prefix: string, count: number, extra: Record<string, unknown> = {}) {
	return Array.from({ length: count }, (_, index) => ({
		externalId: `${prefix}-${index}`,
		nameOnCard: `Holder ${index}`,
		...extra,
	}));
}

export function bulkPath(customerId = EU_CUSTOMER): string {
	return `/customers/${customerId}/prepaid/cards/bulk`;
}

export async function orderBulk(
	client: AxiosInstance,
	body: Record<string, unknown>,
	customerId = EU_CUSTOMER,
): Promise<{ id: string; [field: string]: unknown }> {
	const response = await client.post(bulkPath(customerId), body);
	if (response.status !== 202) throw new Error(`bulk failed: ${JSON.stringify(response.data)}`);
	return response.data as { id: string };
}

export function fieldErrorsOf(body: unknown): Array<{ field: string; error: string }> {
	return (
		(body as { error: { fieldErrors?: Array<{ field: string; error: string }> } }).error
			.fieldErrors ?? []
	);
}

export function fieldsOf(body: unknown): string[] {
	return fieldErrorsOf(body)
		.map(({ field }) => field)
		.sort();
}

export const INVALID_CREDENTIALS = {
	error: {
		code: '5279',
		message: 'Invalid credentials',
		details: ['The authentication credentials are invalid.'],
	},
};
