import axios, { type AxiosInstance } from 'axios';

import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';

export const NYMCARD_API_KEY = 'nymcard-sandbox-key';
export const CARD_PRODUCT_ID = 'f4947edd-0dc1-4d60-af5a-f0dcb01d141c';

export async function startTestSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	return await startSandbox({ port: 0, ...options });
}

/**
 * One sandbox for a test file: started before its tests (handed to `started`), reset before each,
 * closed after.
 */
export function useTestSandbox(
	started: (sandbox: Sandbox) => void,
	options: SandboxOptions = {},
): void {
	let current: Sandbox | undefined;
	beforeAll(async () => {
		current = await startTestSandbox(options);
		started(current);
	});
	afterAll(async () => await current?.close());
	beforeEach(() => current?.admin.reset());
}

/** A NymCard client that never throws on HTTP status, so tests can assert on errors. */
export function nymCardClient(
	sandbox: Sandbox,
	apiKey: string | null = NYMCARD_API_KEY,
): AxiosInstance {
	return axios.create({
		baseURL: `${sandbox.url}/nymcard/v1`,
		headers: apiKey === null ? {} : { apikey: apiKey },
		validateStatus: () => true,
	});
}

export function adminClient(sandbox: Sandbox): AxiosInstance {
	return axios.create({ baseURL: `${sandbox.url}/__admin`, validateStatus: () => true });
}

export function bulkOrder(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		card_product_id: CARD_PRODUCT_ID,
		number_of_cards: 50,
		amount: 100,
		currency: 'USD',
		name_on_card: 'Gift Card',
		shipping_address: {
			address_line1: '1 Branch Street',
			city: 'Dubai',
			postal_code: '00000',
			country: 'AE',
		},
		dry_run: false,
		...overrides,
	};
}

export async function createBulk(
	client: AxiosInstance,
	overrides: Record<string, unknown> = {},
): Promise<{ id: string; [field: string]: unknown }> {
	const response = await client.post('/bulkissuances', bulkOrder(overrides));
	if (response.status !== 201) throw new Error(`create failed: ${JSON.stringify(response.data)}`);
	return response.data as { id: string };
}

export async function submitBulk(client: AxiosInstance, id: string): Promise<void> {
	const response = await client.put(`/bulkissuances/${id}`, { status: 'SUBMITTED' });
	if (response.status !== 200) throw new Error(`submit failed: ${JSON.stringify(response.data)}`);
}

export function fieldsOf(errorBody: unknown): string[] {
	const details = (errorBody as { error: { details: Array<{ field: string }> } }).error.details;
	return details.map(({ field }) => field).sort();
}
