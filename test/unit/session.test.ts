import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { openProviderSession } from '../../nodes/shared/session';
import { FakeCardProvider, fakeProviderDefinition } from '../helpers/fakeCardProvider';
import { FakeClock } from '../helpers/fakeClock';

/** A polling trigger's context: no input items, and getNodeParameter takes no item index. */
function pollContext(provider: FakeCardProvider, parameters: IDataObject) {
	return {
		getNode: () => ({
			id: 't',
			name: 'Trigger',
			type: 'trigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		}),
		getNodeParameter: (name: string, fallback?: unknown) =>
			name in parameters ? parameters[name] : fallback,
		getCredentials: async () => ({ apiKey: 'fake-secret-key' }),
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: never) =>
				provider.handle(options),
		},
	} as unknown as IPollFunctions;
}

describe('provider session', () => {
	it('works from a polling trigger: reads its options and sends through the shared client', async () => {
		const provider = new FakeCardProvider();
		const session = await openProviderSession(
			pollContext(provider, { options: { maxConcurrency: 4 } }),
			fakeProviderDefinition,
			{ clock: new FakeClock() },
		);
		expect(session.options.maxConcurrency).toBe(4);
		expect(session.parameter('options')).toEqual({ maxConcurrency: 4 });
		await session.request(
			{ method: 'POST', path: '/cards', body: { count: 2 }, idempotencyKey: 'key-1' },
			'create cards',
		);
		expect(provider.log[0]).toMatchObject({ method: 'POST', path: '/cards', key: 'key-1' });
		expect(provider.cardsCreated).toBe(2);
	});

	it('turns a provider failure into a node error without the credential secret', async () => {
		const provider = new FakeCardProvider();
		provider.faults.push('refuse');
		const session = await openProviderSession(pollContext(provider, {}), fakeProviderDefinition, {
			clock: new FakeClock(),
		});
		const error = await session
			.request({ method: 'POST', path: '/cards', body: { count: 1 } }, 'create cards')
			.catch((caught: Error) => caught);
		expect(session.secrets).toEqual(['fake-secret-key']);
		expect(error).toMatchObject({
			message: 'FakeCards rejected the request (HTTP 400) to create cards: product is unknown',
		});
		expect(JSON.stringify(error)).not.toContain('fake-secret-key');
	});

	it('refuses to send an idempotency key for a provider that has no header for it', async () => {
		const provider = new FakeCardProvider();
		const session = await openProviderSession(
			pollContext(provider, {}),
			{ ...fakeProviderDefinition, idempotencyHeader: undefined },
			{ clock: new FakeClock() },
		);
		const attempt = await session
			.request({ method: 'POST', path: '/cards', idempotencyKey: 'k' }, 'create cards')
			.catch((caught: Error) => caught);
		expect((attempt as Error).message).toContain('has no idempotency header');
		expect(provider.log).toHaveLength(0);
	});

	it("uses the credential the node's Authentication parameter picks", async () => {
		const provider = new FakeCardProvider();
		const requested: string[] = [];
		const context = pollContext(provider, { authentication: 'oAuth2' });
		context.getCredentials = (async (type: string) => {
			requested.push(type);
			return { apiKey: 'k' };
		}) as IPollFunctions['getCredentials'];
		const definition = {
			...fakeProviderDefinition,
			credentialChoice: {
				parameter: 'authentication',
				types: { apiKey: 'fakeApi', oAuth2: 'fakeOAuth2Api' },
			},
		};
		const session = await openProviderSession(context, definition, { clock: new FakeClock() });
		await session.request({ method: 'GET', path: '/cards', qs: { ids: 'a' } }, 'list cards');
		expect(requested).toEqual(['fakeOAuth2Api']);
	});

	it('reads the credential at its first request, once, and never for a session that sends nothing', async () => {
		const provider = new FakeCardProvider();
		const reads: string[] = [];
		const context = pollContext(provider, {});
		context.getCredentials = (async (type: string) => {
			reads.push(type);
			return { apiKey: 'fake-secret-key' };
		}) as IPollFunctions['getCredentials'];
		const idle = await openProviderSession(context, fakeProviderDefinition, {
			clock: new FakeClock(),
		});
		expect(idle.parameter('options', {})).toEqual({});
		expect(reads).toEqual([]);
		expect(idle.secrets).toEqual([]);

		const busy = await openProviderSession(context, fakeProviderDefinition, {
			clock: new FakeClock(),
		});
		await busy.request({ method: 'GET', path: '/cards', qs: { ids: 'a' } }, 'list cards');
		await busy.request({ method: 'GET', path: '/cards', qs: { ids: 'b' } }, 'list cards');
		expect(reads).toHaveLength(1);
		expect(busy.secrets).toEqual(['fake-secret-key']);
	});

	it("reports a credential's unusable Base URL at the first request, before anything is sent", async () => {
		const provider = new FakeCardProvider();
		const definition = {
			...fakeProviderDefinition,
			baseUrl: () => ({ problem: 'The Base URL must use https' }),
		};
		const session = await openProviderSession(pollContext(provider, {}), definition, {
			clock: new FakeClock(),
		});
		const error = await session
			.request({ method: 'POST', path: '/cards', body: { count: 1 } }, 'create cards')
			.catch((caught: Error) => caught);
		expect(error).toMatchObject({ message: 'The Base URL must use https' });
		expect(provider.log).toHaveLength(0);
	});

	it('sends the headers the provider takes from the credential on every request', async () => {
		const provider = new FakeCardProvider();
		const definition = {
			...fakeProviderDefinition,
			headers: (credentials: IDataObject) => ({
				'x-staging': `staging-of-${String(credentials.apiKey)}`,
			}),
		};
		const session = await openProviderSession(pollContext(provider, {}), definition, {
			clock: new FakeClock(),
		});
		await session.request({ method: 'GET', path: '/cards', qs: { ids: 'a' } }, 'list cards');
		expect(provider.log[0].headers).toMatchObject({ 'x-staging': 'staging-of-fake-secret-key' });
	});
});
