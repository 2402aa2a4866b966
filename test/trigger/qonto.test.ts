import type { Sandbox } from '../../sandbox/server';
import { useTestSandbox } from '../sandbox/helpers';
import { HOLDERS } from '../helpers/qonto';
import { emitted, qontoPoller, requestsSince, stateBytes, watchState } from './helpers';

let sandbox: Sandbox;
useTestSandbox((started) => (sandbox = started));

const FAST = { maxRetries: 0, requestsPerSecond: 100 };

describe('Qonto cards', () => {
	it('records a baseline, then emits each status change once', async () => {
		const ids = sandbox.admin.qonto.seedCards(5);
		const poller = qontoPoller(sandbox, { events: ['statusChanged'], options: FAST });
		expect(await poller.poll()).toBeNull();
		expect(await poller.poll()).toBeNull();

		sandbox.admin.clock.advance(30_000); // virtual cards go live
		const live = emitted(await poller.poll());
		expect(live).toHaveLength(5);
		expect(live[0]).toMatchObject({
			provider: 'qonto',
			cardId: ids[0],
			status: 'live',
			state: 'completed',
			previousStatus: 'pending',
			previousState: 'processing',
			event: 'statusChanged',
			terminal: true,
			created: 1,
		});
		expect(await poller.poll()).toBeNull();
		expect(Object.keys(watchState(poller).w)).toHaveLength(0);
	});

	it('watches cards by ids and holders; a status filter admits cards and keeps following them', async () => {
		const mine = sandbox.admin.qonto.seedCards(3, { holder_id: HOLDERS[1] });
		const others = sandbox.admin.qonto.seedCards(3, { holder_id: HOLDERS[0] });
		sandbox.admin.qonto.setCardStatus(mine[2], 'onhold');
		const poller = qontoPoller(sandbox, {
			holderIds: HOLDERS[1],
			statuses: ['pending'],
			events: ['statusChanged', 'newlySeen'],
			options: FAST,
		});
		expect(await poller.poll()).toBeNull();
		expect(Object.keys(watchState(poller).w)).toHaveLength(2); // the onhold card is not admitted

		sandbox.admin.qonto.setCardStatus(mine[0], 'order_canceled');
		sandbox.admin.qonto.setCardStatus(mine[2], 'live'); // not watched: left pending before
		sandbox.admin.qonto.setCardStatus(others[0], 'lost'); // another holder
		expect(emitted(await poller.poll())).toEqual([
			expect.objectContaining({
				cardId: mine[0],
				status: 'order_canceled',
				state: 'failed',
				failed: 1,
				previousStatus: 'pending',
			}),
		]);
		const [fresh] = sandbox.admin.qonto.seedCards(1, { holder_id: HOLDERS[1] });
		expect(emitted(await poller.poll())).toEqual([
			expect.objectContaining({ cardId: fresh, event: 'newlySeen', status: 'pending' }),
		]);

		const byId = qontoPoller(sandbox, {
			cardIds: `${others[1]}, ${others[2]}`,
			options: FAST,
			events: ['statusChanged'],
		});
		expect(await byId.poll()).toBeNull();
		sandbox.admin.qonto.setCardStatus(others[2], 'paused');
		expect(emitted(await byId.poll()).map((item) => item.cardId)).toEqual([others[2]]);
		const query = sandbox.admin.requests('qonto').at(-1)!.query;
		expect(query['ids[]']).toBeDefined();
	});

	it('polls 10,000 cards in the 100 requests a page size of 100 implies, with a small state', async () => {
		const ids = sandbox.admin.qonto.seedCards(10_000);
		const poller = qontoPoller(sandbox, { events: ['statusChanged'], options: FAST });
		let start = sandbox.admin.requests('qonto').length;
		expect(await poller.poll()).toBeNull();
		const baseline = requestsSince(sandbox, 'qonto', start);
		expect(baseline).toHaveLength(100);
		expect(
			baseline.every((r) => r.query.per_page === '100' && r.query.sort_by === 'created_at:asc'),
		).toBe(true);
		const bytesPerCard = stateBytes(poller) / 10_000;
		expect(bytesPerCard).toBeLessThanOrEqual(20);

		for (const index of [0, 4321, 9999])
			sandbox.admin.qonto.setCardStatus(ids[index], 'order_canceled');
		start = sandbox.admin.requests('qonto').length;
		const changes = emitted(await poller.poll());
		expect(requestsSince(sandbox, 'qonto', start)).toHaveLength(100);
		expect(changes.map((item) => item.cardId)).toEqual([ids[0], ids[4321], ids[9999]]);
		// eslint-disable-next-line no-console
		console.log(
			`Qonto 10,000 cards: 100 requests a poll, ${bytesPerCard.toFixed(1)} bytes of state per card`,
		);
	}, 60_000);

	it('a change made while a poll failed is emitted once by the next good poll', async () => {
		const ids = sandbox.admin.qonto.seedCards(250);
		const poller = qontoPoller(sandbox, { events: ['statusChanged'], options: FAST });
		expect(await poller.poll()).toBeNull();
		sandbox.admin.qonto.setCardStatus(ids[10], 'paused');
		sandbox.admin.qonto.setCardStatus(ids[240], 'paused');
		// The third page fails: the first two were read, yet nothing of them may be committed.
		sandbox.admin.faults.add({
			kind: 'status',
			status: 503,
			provider: 'qonto',
			method: 'GET',
			skip: 2,
			times: 1,
		});
		const before = poller.snapshot();
		await expect(poller.poll()).rejects.toThrow(/Qonto/);
		expect(poller.snapshot()).toBe(before);
		expect(emitted(await poller.poll()).map((item) => item.cardId)).toEqual([ids[10], ids[240]]);
		expect(await poller.poll()).toBeNull();
	});

	it('caps items per poll and carries the rest', async () => {
		const ids = sandbox.admin.qonto.seedCards(120);
		const poller = qontoPoller(sandbox, {
			events: ['statusChanged'],
			options: { ...FAST, maxItemsPerPoll: 7 },
		});
		expect(await poller.poll()).toBeNull();
		sandbox.admin.clock.advance(30_000); // all 120 go live
		const seen: string[] = [];
		for (let i = 0; i < 30; i++) {
			const items = emitted(await poller.poll());
			expect(items.length).toBeLessThanOrEqual(7);
			if (items.length === 0) break;
			seen.push(...items.map((item) => String(item.cardId)));
		}
		expect(seen).toEqual(ids);
	});

	it('manual mode returns a small sample and leaves the state alone', async () => {
		sandbox.admin.qonto.seedCards(10);
		const poller = qontoPoller(sandbox, { events: ['statusChanged'], options: FAST });
		expect(await poller.poll()).toBeNull();
		const before = poller.snapshot();
		sandbox.admin.clock.advance(30_000);
		const sample = emitted(await poller.poll('manual'));
		expect(sample).toHaveLength(3);
		expect(sample[0]).toMatchObject({ event: 'sample', status: 'live', previousStatus: 'pending' });
		expect(poller.snapshot()).toBe(before);
		expect(emitted(await poller.poll())).toHaveLength(10);
	});
});
