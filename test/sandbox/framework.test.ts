/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development-only test of the simulator, never published: n8n's rules for node runtime code do not apply here */
import { request as httpRequest } from 'http';

import type { AxiosError, AxiosInstance } from 'axios';

import type { Sandbox } from '../../sandbox/server';
import {
	adminClient,
	bulkOrder,
	createBulk,
	nymCardClient,
	startTestSandbox,
	submitBulk,
} from './helpers';

let sandbox: Sandbox;
let client: AxiosInstance;
let admin: AxiosInstance;

beforeAll(async () => {
	sandbox = await startTestSandbox();
	client = nymCardClient(sandbox);
	admin = adminClient(sandbox);
});

afterAll(async () => {
	await sandbox.close();
});

beforeEach(async () => {
	expect((await admin.post('/reset')).status).toBe(200);
});

async function networkError(pending: Promise<unknown>): Promise<AxiosError> {
	try {
		await pending;
	} catch (error) {
		return error as AxiosError;
	}
	throw new Error('expected the request to fail at the network level');
}

const counters = () => sandbox.admin.counters().nymcard;

describe('clock', () => {
	it('moves forward over HTTP and in-process', async () => {
		const before = (await admin.get('/clock')).data;
		expect(before.offsetMs).toBe(0);

		const advanced = await admin.post('/clock/advance', { ms: 3_600_000 });
		expect(advanced.data.offsetMs).toBe(3_600_000);
		expect(Date.parse(advanced.data.now)).toBeGreaterThanOrEqual(before.nowMs + 3_600_000);

		sandbox.admin.clock.advance(1000);
		expect(sandbox.admin.clock.offset()).toBe(3_601_000);
		const realBefore = Date.now();
		expect(sandbox.admin.clock.now()).toBeGreaterThanOrEqual(realBefore + 3_601_000);
		expect((await admin.post('/clock/advance', { ms: -1 })).status).toBe(400);
	});
});

describe('faults', () => {
	it('status: answers with the provider error shape without processing, once', async () => {
		const { data } = await admin.post('/faults', {
			kind: 'status',
			status: 503,
			provider: 'nymcard',
		});
		expect(data.id).toEqual(expect.any(String));

		const failed = await client.post('/bulkissuances', bulkOrder());
		expect(failed.status).toBe(503);
		expect(failed.data.error).toEqual({
			code: 'SERVICE_UNAVAILABLE',
			message: expect.any(String),
			details: [],
		});
		expect(counters().bulksCreated).toBe(0);

		expect((await client.post('/bulkissuances', bulkOrder())).status).toBe(201);
		expect(counters()).toMatchObject({ bulksCreated: 1, faultsInjected: 1 });
	});

	it('matches on method, path prefix (full or below the base path), regex, times and skip', async () => {
		sandbox.admin.faults.add({ kind: 'status', status: 500, method: 'get', pathPrefix: '/cards' });
		sandbox.admin.faults.add({
			kind: 'status',
			status: 502,
			pathRegex: '^/nymcard/v1/bulkissuances/[^/]+$',
			times: 2,
			skip: 1,
		});
		const bulk = await createBulk(client, { number_of_cards: 1 });

		const statuses: number[] = [];
		for (let attempt = 0; attempt < 4; attempt += 1) {
			statuses.push((await client.get(`/bulkissuances/${bulk.id}`)).status);
		}
		expect(statuses).toEqual([200, 502, 502, 200]);
		expect((await client.get('/cards', { params: { bulk_issuance_id: bulk.id } })).status).toBe(
			500,
		);
		expect((await client.get('/cards', { params: { bulk_issuance_id: bulk.id } })).status).toBe(
			200,
		);
		expect((await admin.get('/faults')).data).toEqual([]);
	});

	it('lists, clears and validates rules', async () => {
		await admin.post('/faults', { kind: 'latency', delayMs: 10, times: 3 });
		const listed = (await admin.get('/faults')).data;
		expect(listed).toEqual([expect.objectContaining({ kind: 'latency', times: 3, applied: 0 })]);
		await admin.delete('/faults');
		expect((await admin.get('/faults')).data).toEqual([]);

		const invalid = await admin.post('/faults', {
			kind: 'explode',
			provider: 'acme',
			pathRegex: '(',
		});
		expect(invalid.status).toBe(400);
		expect(invalid.data.error.message).toMatch(/kind.*provider.*pathRegex/);
	});

	it('latency: delays the answer of a request that was processed normally', async () => {
		sandbox.admin.faults.add({ kind: 'latency', delayMs: 300 });
		const started = Date.now();
		const response = await client.post('/bulkissuances', bulkOrder());
		expect(response.status).toBe(201);
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);

		sandbox.admin.faults.add({ kind: 'latency', delayMs: 400 });
		const timedOut = await networkError(
			client.post('/bulkissuances', bulkOrder(), { timeout: 100 }),
		);
		expect(timedOut.code).toBe('ECONNABORTED');
		expect(counters().bulksCreated).toBe(2);
	});

	it('dropAfterProcessing: creates the cards, then the client sees a socket error', async () => {
		sandbox.admin.faults.add({ kind: 'dropAfterProcessing', method: 'POST' });
		const headers = { 'x-nymos-idempotency-key': 'order-7/chunk-0' };
		const dropped = await networkError(
			client.post('/bulkissuances', bulkOrder({ number_of_cards: 40 }), { headers }),
		);
		expect(dropped.response).toBeUndefined();
		expect(dropped.code).toBe('ECONNRESET');
		expect(counters()).toMatchObject({ bulksCreated: 1, cardsCreated: 40 });
		expect((await client.get('/bulkissuances')).data.data).toHaveLength(1);

		const retried = await client.post('/bulkissuances', bulkOrder({ number_of_cards: 40 }), {
			headers,
		});
		expect(retried.status).toBe(201);
		expect(counters()).toMatchObject({ bulksCreated: 1, cardsCreated: 40, idempotentReplays: 1 });
		const log = sandbox.admin.requests('nymcard');
		expect(log[0]).toMatchObject({ status: 201, fault: 'dropAfterProcessing' });
	});

	it('dropBeforeProcessing: closes the connection and changes nothing', async () => {
		sandbox.admin.faults.add({ kind: 'dropBeforeProcessing' });
		const dropped = await networkError(client.post('/bulkissuances', bulkOrder()));
		expect(dropped.response).toBeUndefined();
		expect(counters()).toMatchObject({ bulksCreated: 0, cardsCreated: 0, requests: 1 });
		expect(sandbox.admin.requests()[0]).toMatchObject({
			status: null,
			fault: 'dropBeforeProcessing',
		});
	});

	it('slowBody: sends the headers at once and dribbles the body', async () => {
		const bulk = await createBulk(client, { number_of_cards: 1 });
		sandbox.admin.faults.add({ kind: 'slowBody', delayMs: 400 });
		const started = Date.now();
		const timings = await new Promise<{ headersAt: number; endAt: number; body: string }>(
			(resolve, reject) => {
				const url = new URL(`${sandbox.url}/nymcard/v1/bulkissuances/${bulk.id}`);
				const req = httpRequest(url, { headers: { apikey: 'nymcard-sandbox-key' } }, (res) => {
					const headersAt = Date.now() - started;
					let body = '';
					res.setEncoding('utf8');
					res.on('data', (chunk: string) => (body += chunk));
					res.on('end', () => resolve({ headersAt, endAt: Date.now() - started, body }));
				});
				req.on('error', reject);
				req.end();
			},
		);
		expect(timings.headersAt).toBeLessThan(200);
		expect(timings.endAt).toBeGreaterThanOrEqual(350);
		expect(JSON.parse(timings.body).id).toBe(bulk.id);
	});

	it('rateLimit: answers 429 with Retry-After', async () => {
		await admin.post('/faults', { kind: 'rateLimit', retryAfterSeconds: 7 });
		const limited = await client.get('/bulkissuances');
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBe('7');
		expect(limited.data.error).toMatchObject({
			code: 'RATE_LIMITED',
			message: 'Request Attempt Exceed',
		});
		expect(counters().rateLimited).toBe(1);
	});
});

describe('rate limits', () => {
	it('answers 429 beyond the limit until the window ends on the sandbox clock', async () => {
		const set = await admin.post('/rate-limits', {
			provider: 'nymcard',
			limit: 3,
			windowMs: 60_000,
			retryAfterSeconds: 5,
		});
		expect(set.status).toBe(201);

		const statuses: number[] = [];
		for (let attempt = 0; attempt < 5; attempt += 1)
			statuses.push((await client.get('/bulkissuances')).status);
		expect(statuses).toEqual([200, 200, 200, 429, 429]);
		const limited = await client.get('/bulkissuances');
		expect(limited.headers['retry-after']).toBe('5');
		expect(counters().rateLimited).toBe(3);

		sandbox.admin.clock.advance(60_000);
		expect((await client.get('/bulkissuances')).status).toBe(200);
		await admin.delete('/rate-limits');
		for (let attempt = 0; attempt < 5; attempt += 1) {
			expect((await client.get('/bulkissuances')).status).toBe(200);
		}
	});

	it('defaults Retry-After to the seconds left in the window', async () => {
		sandbox.admin.rateLimits.set({ provider: 'nymcard', limit: 1, windowMs: 10_000 });
		await client.get('/bulkissuances');
		sandbox.admin.clock.advance(2500);
		const limited = await client.get('/bulkissuances');
		expect(Number(limited.headers['retry-after'])).toBe(8);
		expect(
			(await admin.post('/rate-limits', { provider: 'acme', limit: 0, windowMs: 1 })).status,
		).toBe(400);
	});
});

describe('counters, request log and reset', () => {
	it('counts requests and logs them without secrets', async () => {
		const bulk = await createBulk(client, { number_of_cards: 12 });
		await submitBulk(client, bulk.id);
		await client.get('/bulkissuances', { params: { limit: 5 } });

		const counted = (await admin.get('/counters')).data;
		expect(counted.nymcard).toMatchObject({
			requests: 3,
			bulksCreated: 1,
			cardsCreated: 12,
			bulksSubmitted: 1,
			rateLimited: 0,
			idempotentReplays: 0,
		});
		const log = (await admin.get('/requests', { params: { provider: 'nymcard' } })).data;
		expect(
			log.map((entry: { method: string; status: number }) => [entry.method, entry.status]),
		).toEqual([
			['POST', 201],
			['PUT', 200],
			['GET', 200],
		]);
		expect(log[2]).toEqual({
			at: expect.any(String),
			provider: 'nymcard',
			method: 'GET',
			path: '/nymcard/v1/bulkissuances',
			query: { limit: '5' },
			idempotencyKey: null,
			body: null,
			status: 200,
		});
		expect(JSON.stringify(log)).not.toContain('nymcard-sandbox-key');
		expect((await admin.get('/requests', { params: { provider: 'acme' } })).status).toBe(400);
	});

	it('reset clears state, counters, faults, rate limits, clock offset and config', async () => {
		const bulk = await createBulk(client);
		sandbox.admin.faults.add({ kind: 'status', status: 500, pathPrefix: '/nowhere' });
		sandbox.admin.rateLimits.set({ provider: 'nymcard', limit: 100, windowMs: 1000 });
		sandbox.admin.clock.advance(5000);
		sandbox.admin.nymcard.configure({ processingAfterMs: 1 });

		expect((await admin.post('/reset')).data).toEqual({ ok: true });

		expect(sandbox.admin.clock.offset()).toBe(0);
		expect(sandbox.admin.faults.list()).toEqual([]);
		expect(sandbox.admin.rateLimits.list()).toEqual([]);
		expect(sandbox.admin.requests()).toEqual([]);
		expect(sandbox.admin.nymcard.config().processingAfterMs).toBe(30_000);
		expect(Object.values(counters()).every((value) => value === 0)).toBe(true);
		expect((await client.get(`/bulkissuances/${bulk.id}`)).status).toBe(404);
	});
});

describe('routing', () => {
	it('answers unknown routes and methods in the provider error shape', async () => {
		const unknown = await client.get('/users');
		expect(unknown.status).toBe(404);
		expect(unknown.data.error.code).toBe('NOT_FOUND');
		const wrongMethod = await client.delete('/bulkissuances');
		expect(wrongMethod.status).toBe(405);
		expect(wrongMethod.headers.allow).toBe('POST, GET');
		expect((await admin.get('/nothing-here')).status).toBe(404);
	});
});

describe('close', () => {
	it('ends promptly even with a delayed response in flight', async () => {
		const own = await startTestSandbox();
		own.admin.faults.add({ kind: 'latency', delayMs: 60_000 });
		const pending = networkError(nymCardClient(own).get('/bulkissuances'));
		await new Promise((resolve) => setTimeout(resolve, 50));

		const started = Date.now();
		await own.close();
		expect(Date.now() - started).toBeLessThan(1000);
		expect((await pending).response).toBeUndefined();
	});
});
