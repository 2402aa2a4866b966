import type { IDataObject, INodeType, IPollFunctions } from 'n8n-workflow';

import type { ProviderSession } from '../../nodes/shared/session';
import { buildNormalisedStatus } from '../../nodes/shared/status';
import { pollWatch, type WatchSource } from '../../nodes/shared/trigger';
import { createPoller } from '../harness/pollRunner';
import { emitted, watchState } from './helpers';

// The engine on its own, through a real PollContext, with an in-memory list standing in for a
// provider: what the provider tests cannot easily show (objects that leave the list, scope changes).
const TABLE = { open: 'processing', done: 'completed' } as const;
let list: Array<{ id: string; status: string }> = [];
let scope = 'fake:all';

const source = (): WatchSource => ({
	scope,
	readPage: async (_session, cursor) => {
		const offset = Number(cursor ?? 0);
		const records = list.slice(offset, offset + 2) as unknown as IDataObject[];
		return offset + 2 < list.length ? { records, next: String(offset + 2) } : { records };
	},
	observe: (raw, observedAtMs) => {
		const item = buildNormalisedStatus({
			provider: 'fake',
			table: TABLE,
			bulkId: String(raw.id),
			status: raw.status,
			requested: 1,
			created: 0,
			failed: 0,
			observedAtMs,
			raw,
		});
		return { key: String(raw.id), status: item.status, state: item.state, item };
	},
});

class FakeTrigger implements INodeType {
	description = {
		displayName: 'Fake Trigger',
		name: 'fakeTrigger',
		group: ['trigger'],
		version: 1,
		description: 'test',
		defaults: { name: 'Fake Trigger' },
		polling: true,
		inputs: [],
		outputs: ['main'],
		properties: [],
	} as unknown as INodeType['description'];

	async poll(this: IPollFunctions) {
		const session = { secrets: [] } as unknown as ProviderSession;
		return await pollWatch(this, session, source(), {
			events: ['statusChanged', 'newlySeen'],
			reachedStates: [],
			maxItemsPerPoll: 100,
			sampleSize: 3,
		});
	}
}

const poller = () =>
	createPoller({
		nodeType: new FakeTrigger(),
		typeName: 'test.fakeTrigger',
		parameters: {},
		credentials: [],
	});

beforeEach(() => {
	list = [];
	scope = 'fake:all';
});

describe('trigger engine', () => {
	it('forgets objects that leave the list, tombstones included, once a read-through ends', async () => {
		list = [
			{ id: 'a', status: 'open' },
			{ id: 'b', status: 'done' },
			{ id: 'c', status: 'open' },
		];
		const trigger = poller();
		expect(await trigger.poll()).toBeNull();
		expect(Object.keys(watchState(trigger).w)).toHaveLength(2);
		expect(Object.keys(watchState(trigger).t)).toHaveLength(1);

		list = [{ id: 'c', status: 'open' }];
		expect(await trigger.poll()).toBeNull();
		expect(Object.keys(watchState(trigger).w)).toHaveLength(1);
		expect(Object.keys(watchState(trigger).t)).toHaveLength(0);

		// Back again: they are new objects now.
		list = [{ id: 'b', status: 'done' }, ...list];
		expect(emitted(await trigger.poll())).toEqual([
			expect.objectContaining({ bulkId: 'b', event: 'newlySeen' }),
		]);
	});

	it('a tombstoned object listed again is neither new nor changed', async () => {
		list = [{ id: 'a', status: 'open' }];
		const trigger = poller();
		expect(await trigger.poll()).toBeNull();
		list = [{ id: 'a', status: 'done' }];
		expect(emitted(await trigger.poll())).toHaveLength(1);
		for (let i = 0; i < 3; i++) expect(await trigger.poll()).toBeNull();
		expect(watchState(trigger).w).toEqual({});
	});

	it('starts over with a new baseline when what is watched changes', async () => {
		list = [{ id: 'a', status: 'open' }];
		const trigger = poller();
		expect(await trigger.poll()).toBeNull();
		scope = 'fake:other';
		list = [
			{ id: 'x', status: 'open' },
			{ id: 'a', status: 'done' },
		];
		expect(await trigger.poll()).toBeNull(); // a baseline again: no flood of the other list
		list = [
			{ id: 'x', status: 'done' },
			{ id: 'a', status: 'done' },
		];
		expect(emitted(await trigger.poll())).toEqual([
			expect.objectContaining({ bulkId: 'x', previousStatus: 'open' }),
		]);
	});

	it('two polls started on the same state emit a change once', async () => {
		list = [
			{ id: 'a', status: 'open' },
			{ id: 'b', status: 'open' },
			{ id: 'c', status: 'open' },
		];
		const trigger = poller();
		expect(await trigger.poll()).toBeNull();
		list = [
			{ id: 'a', status: 'done' },
			{ id: 'b', status: 'open' },
			{ id: 'c', status: 'done' },
		];
		const [first, second] = await Promise.all([trigger.poll(), trigger.poll()]);
		expect([...emitted(first), ...emitted(second)].map((item) => item.bulkId)).toEqual(['a', 'c']);
		expect(await trigger.poll()).toBeNull();
	});

	it('keeps the state in a versioned, compact shape', async () => {
		list = Array.from({ length: 5 }, (_, i) => ({
			id: `order-with-a-long-id-${i}`,
			status: 'open',
		}));
		const trigger = poller();
		await trigger.poll();
		const state = watchState(trigger);
		expect(state).toMatchObject({ v: 1, b: 1, d: [['open', 'processing']] });
		expect(Object.keys(state.w).every((key) => key.length === 10)).toBe(true);
		expect(JSON.stringify(state)).not.toContain('order-with');
	});
});
