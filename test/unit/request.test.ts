import { PacingBudget } from '../../nodes/shared/pacing';
import {
	ProviderClient,
	ProviderRequestError,
	type ProviderRequest,
	type RequestContext,
} from '../../nodes/shared/request';
import { DEFAULT_RETRY_POLICY } from '../../nodes/shared/retry';
import { FakeClock } from '../helpers/fakeClock';

type Scripted =
	| { status: number; body?: unknown; headers?: Record<string, string> }
	| { networkError: string };

/** A client of the test credential on `context`, retrying up to `maxRetries`, paced at 1000/s. */
function clientOn(context: RequestContext, clock: FakeClock, maxRetries = 3) {
	return new ProviderClient(context, {
		credentialType: 'testApi',
		baseUrl: 'http://127.0.0.1:1/v1',
		retry: { ...DEFAULT_RETRY_POLICY, maxRetries },
		timeoutMs: 1000,
		pacing: new PacingBudget([{ limit: 1000, windowMs: 1000 }], clock),
		clock,
		random: () => 0.5,
	});
}

/** A request context whose HTTP helper plays a script, as n8n-core's helper would answer. */
function scriptedClient(script: Scripted[], maxRetries = 3) {
	const clock = new FakeClock();
	const sent: Array<{ method?: string; url: string; headers?: unknown }> = [];
	const context = {
		helpers: {
			httpRequestWithAuthentication: async (
				_type: string,
				options: { method?: string; url: string; headers?: unknown },
			) => {
				sent.push({ method: options.method, url: options.url, headers: options.headers });
				const next = script.shift();
				if (!next) throw new Error('script exhausted');
				if ('networkError' in next) {
					throw Object.assign(new Error('request failed'), {
						cause: Object.assign(new Error(next.networkError), { code: next.networkError }),
					});
				}
				if (next.status === 401) {
					throw Object.assign(new Error('401'), {
						cause: { response: { status: 401, headers: {}, data: next.body } },
					});
				}
				return { statusCode: next.status, headers: next.headers ?? {}, body: next.body };
			},
		},
	} as unknown as RequestContext;
	const client = clientOn(context, clock, maxRetries);
	return { client, clock, sent };
}

const keyedPost: ProviderRequest = {
	method: 'POST',
	path: '/orders',
	body: { n: 1 },
	safeToRetry: true,
};
const unkeyedPost: ProviderRequest = {
	method: 'POST',
	path: '/orders',
	body: { n: 1 },
	safeToRetry: false,
};
const read: ProviderRequest = { method: 'GET', path: '/orders/1', safeToRetry: true };

async function failureOf(promise: Promise<unknown>): Promise<ProviderRequestError> {
	const outcome = await promise.then(
		() => undefined,
		(error: unknown) => error,
	);
	if (!(outcome instanceof ProviderRequestError)) {
		throw new Error(`expected a ProviderRequestError, got ${String(outcome)}`);
	}
	return outcome;
}

describe('ProviderClient retry rules', () => {
	it('returns the first 2xx with the number of attempts it took', async () => {
		const { client, sent } = scriptedClient([{ status: 503 }, { status: 200, body: { id: 'x' } }]);
		const response = await client.request(read);
		expect(response).toMatchObject({ statusCode: 200, body: { id: 'x' }, attempts: 2 });
		expect(sent).toHaveLength(2);
		expect(sent[0].url).toBe('http://127.0.0.1:1/v1/orders/1');
	});

	it('waits exactly the Retry-After of a 429, even for a POST without a key', async () => {
		const { client, clock } = scriptedClient([
			{ status: 429, headers: { 'Retry-After': '2' } },
			{ status: 201, body: { id: 'x' } },
		]);
		await client.request(unkeyedPost);
		expect(clock.sleeps).toEqual([2000]);
	});

	it('gives up with advice when Retry-After is longer than it will wait', async () => {
		const { client, sent } = scriptedClient([{ status: 429, headers: { 'retry-after': '3600' } }]);
		const error = await failureOf(client.request(read));
		expect(error.failure).toMatchObject({ kind: 'retryAfterTooLong', retryAfterMs: 3_600_000 });
		expect(sent).toHaveLength(1);
	});

	it('retries a lost connection of a POST that carries an idempotency key', async () => {
		const { client, sent } = scriptedClient([
			{ networkError: 'ECONNRESET' },
			{ status: 201, body: { id: 'x' } },
		]);
		await expect(client.request(keyedPost)).resolves.toMatchObject({ attempts: 2 });
		expect(sent).toHaveLength(2);
	});

	it('never resends an unkeyed POST whose connection dropped after sending: the outcome is ambiguous', async () => {
		const { client, sent } = scriptedClient([{ networkError: 'ECONNRESET' }, { status: 201 }]);
		const error = await failureOf(client.request(unkeyedPost));
		expect(sent).toHaveLength(1);
		expect(error.ambiguous).toBe(true);
	});

	it('resends an unkeyed POST when the connection was refused: it never reached the provider', async () => {
		const { client, sent } = scriptedClient([
			{ networkError: 'ECONNREFUSED' },
			{ status: 201, body: {} },
		]);
		await client.request(unkeyedPost);
		expect(sent).toHaveLength(2);
	});

	it('does not resend an unkeyed POST after a 500, and calls the outcome ambiguous', async () => {
		const { client, sent } = scriptedClient([{ status: 500 }, { status: 201 }]);
		const error = await failureOf(client.request(unkeyedPost));
		expect(sent).toHaveLength(1);
		expect(error.ambiguous).toBe(true);
	});

	it('stops after maxRetries with growing, capped backoff', async () => {
		const { client, clock, sent } = scriptedClient(
			[{ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 }],
			3,
		);
		const error = await failureOf(client.request(read));
		expect(sent).toHaveLength(4);
		expect(error.failure).toMatchObject({ kind: 'http', statusCode: 503, attempts: 4 });
		expect(clock.sleeps).toEqual([375, 750, 1500]);
	});

	it('does not retry client errors', async () => {
		for (const status of [400, 401, 403, 404, 409, 422]) {
			const { client, sent } = scriptedClient([
				{ status, body: { message: 'no' } },
				{ status: 200 },
			]);
			const error = await failureOf(client.request(keyedPost));
			expect(sent).toHaveLength(1);
			expect(error.failure).toMatchObject({ kind: 'http', statusCode: status });
			expect(error.ambiguous).toBe(false);
		}
	});

	it('retries a 409 that follows a lost response of the same keyed request, until it is replayed', async () => {
		const { client, sent } = scriptedClient([
			{ networkError: 'ECONNRESET' },
			{ status: 409, body: { message: 'Duplicate Request' } },
			{ status: 201, body: { id: 'x' } },
		]);
		await expect(client.request(keyedPost)).resolves.toMatchObject({
			body: { id: 'x' },
			attempts: 3,
		});
		expect(sent).toHaveLength(3);
	});

	it('stays ambiguous when a lost response is followed by a refusal', async () => {
		const { client } = scriptedClient([{ networkError: 'ECONNRESET' }, { status: 400 }]);
		const error = await failureOf(client.request(keyedPost));
		expect(error.failure).toMatchObject({ kind: 'http', statusCode: 400, attempts: 2 });
		expect(error.ambiguous).toBe(true);
	});

	it('does not retry a 409 on a first attempt: the key was used before', async () => {
		const { client, sent } = scriptedClient([{ status: 409 }, { status: 201 }]);
		await failureOf(client.request(keyedPost));
		expect(sent).toHaveLength(1);
	});

	it('does not retry a cancelled execution', async () => {
		const { client, sent } = scriptedClient([{ networkError: 'ERR_CANCELED' }, { status: 200 }]);
		await failureOf(client.request(read));
		expect(sent).toHaveLength(1);
	});
});

describe('ProviderClient: failures raised inside n8n before any HTTP exchange', () => {
	function failingContext(thrown: unknown) {
		let calls = 0;
		const clock = new FakeClock();
		const context = {
			helpers: {
				httpRequestWithAuthentication: async () => {
					calls++;
					throw thrown;
				},
			},
		} as unknown as RequestContext;
		const client = clientOn(context, clock);
		return { client, calls: () => calls };
	}

	it("reports a credential's refused token (n8n's NodeApiError around a plain Error) as not sent, without retrying", async () => {
		const wrapped = Object.assign(new Error('Acme refused the access-token request (HTTP 401)'), {
			cause: new Error('Acme refused the access-token request (HTTP 401)'),
		});
		const { client, calls } = failingContext(wrapped);

		const error = await failureOf(client.request(unkeyedPost));

		expect(error.failure).toEqual({
			kind: 'notSent',
			message: 'Acme refused the access-token request (HTTP 401)',
			attempts: 1,
		});
		expect(error.ambiguous).toBe(false);
		expect(calls()).toBe(1);
	});

	it("reports an access token n8n's OAuth2 client could not renew as not sent, without retrying", async () => {
		const wrapped = Object.assign(new Error('Expected JSON response from OAuth2 token endpoint'), {
			cause: Object.assign(new Error('Expected JSON response from OAuth2 token endpoint'), {
				status: 200,
				body: '<!DOCTYPE html>',
				code: 'ESTATUS',
			}),
		});
		const { client, calls } = failingContext(wrapped);

		const error = await failureOf(client.request(keyedPost));

		expect(error.failure).toEqual({
			kind: 'notSent',
			message:
				'the expired access token could not be renewed (its token endpoint answered HTTP 200)',
			attempts: 1,
		});
		expect(error.ambiguous).toBe(false);
		expect(calls()).toBe(1);
	});

	it('retries a request whose access token could not be had for a temporary reason, then says so', async () => {
		const temporary = () =>
			Object.assign(new Error('Acme could not give an access token for now (HTTP 503)'), {
				cause: Object.assign(new Error('Acme could not give an access token for now (HTTP 503)'), {
					temporary: true,
				}),
			});
		const { client, calls } = failingContext(temporary());

		const error = await failureOf(client.request(unkeyedPost));

		expect(error.failure).toEqual({
			kind: 'notSent',
			message: 'Acme could not give an access token for now (HTTP 503)',
			attempts: 4,
			temporary: true,
		});
		expect(error.ambiguous).toBe(false);
		expect(calls()).toBe(4);
	});

	it('keeps treating a failure with a network code as a network failure', async () => {
		const wrapped = Object.assign(new Error('request failed'), {
			cause: Object.assign(new Error('socket closed'), { code: 'ECONNRESET' }),
		});
		const { client } = failingContext(wrapped);

		const error = await failureOf(client.request(unkeyedPost));

		expect(error.failure).toMatchObject({ kind: 'network', code: 'ECONNRESET' });
		expect(error.ambiguous).toBe(true);
	});
});

describe('ProviderClient on an n8n without IgnoreStatusErrorConfig (1.x, 2.x up to at least 2.8)', () => {
	/**
	 * n8n-core 1.x's helper: any truthy `ignoreHttpStatusErrors` returns every status, a 401
	 * included, without renewing the token; with it false, a 401 throws inside the helper, which
	 * renews the token (preAuthentication) and repeats the request once (`tokenValid` after it).
	 */
	function oldN8nContext({ renewalWorks }: { renewalWorks: boolean }) {
		const clock = new FakeClock();
		const sent: unknown[] = [];
		let tokenValid = false;
		const answer = () =>
			tokenValid ? { statusCode: 200, headers: {}, body: { ok: true } } : undefined;
		const context = {
			helpers: {
				httpRequestWithAuthentication: async (
					_type: string,
					options: { ignoreHttpStatusErrors?: unknown },
				) => {
					sent.push(options.ignoreHttpStatusErrors);
					const ok = answer();
					if (ok) return ok;
					if (options.ignoreHttpStatusErrors) return { statusCode: 401, headers: {}, body: {} };
					// The helper's catch: renew, then repeat once.
					tokenValid = renewalWorks;
					sent.push('repeat after renewal');
					const repeated = answer();
					if (repeated) return repeated;
					throw Object.assign(new Error('401'), {
						cause: { response: { status: 401, headers: {}, data: {} } },
					});
				},
			},
		} as unknown as RequestContext;
		const client = clientOn(context, clock);
		return { client, sent };
	}

	it('sends a request answered 401 again so that n8n renews the token, and gets the answer', async () => {
		const { client, sent } = oldN8nContext({ renewalWorks: true });

		const response = await client.request(unkeyedPost);

		expect(response).toMatchObject({ statusCode: 200, body: { ok: true }, attempts: 1 });
		expect(sent).toEqual([{ ignore: true, except: [401] }, false, 'repeat after renewal']);
	});

	it('reports a 401 that survives the renewal as a refusal, not sent a third time', async () => {
		const { client, sent } = oldN8nContext({ renewalWorks: false });

		const error = await failureOf(client.request(unkeyedPost));

		expect(error.failure).toMatchObject({ kind: 'http', statusCode: 401, attempts: 1 });
		expect(error.ambiguous).toBe(false);
		expect(sent).toEqual([{ ignore: true, except: [401] }, false, 'repeat after renewal']);
	});
});
