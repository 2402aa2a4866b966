import type { AxiosInstance } from 'axios';

import type { Sandbox } from '../../sandbox/server';
import { useTestSandbox } from '../sandbox/helpers';
import { apiClient, EU_CUSTOMER, orderBulk, physicalOrder } from '../sandbox/paysafeHelpers';
import { emitted, paysafePoller, requestsSince, stateBytes, watchState } from './helpers';

let sandbox: Sandbox;
let client: AxiosInstance;
useTestSandbox((started) => (sandbox = started));
beforeEach(async () => {
	// Progress ten times slower than the sandbox's default, so that real time on a busy machine
	// (a second between two polls) cannot move a bulk: only the tests' clock advances do.
	sandbox.admin.paysafe.configure({ processingAfterMs: 10_000, completeAfterMs: 30_000 });
	client = await apiClient(sandbox);
});

const FAST = { maxRetries: 0, requestsPerSecond: 100 };
const bulkGets = (from: number) =>
	requestsSince(sandbox, 'paysafe', from).filter((r) => r.path.includes('/prepaid/cards/bulk/'));

describe('Paysafe bulk orders', () => {
	it('records a baseline, then emits each status change once; ids from an expression', async () => {
		sandbox.admin.paysafe.queueOutcomes(['complete', 'fail']);
		const done = await orderBulk(client, physicalOrder({ quantity: 3 }));
		const failing = await orderBulk(client, physicalOrder({ quantity: 2 }));
		const poller = paysafePoller(sandbox, {
			customerId: EU_CUSTOMER,
			bulkIds: `={{ ["${done.id}", "${failing.id}"] }}`,
			events: ['statusChanged'],
			options: FAST,
		});
		let start = sandbox.admin.requests('paysafe').length;
		expect(await poller.poll()).toBeNull();
		expect(bulkGets(start)).toHaveLength(2);
		expect(await poller.poll()).toBeNull();

		sandbox.admin.clock.advance(10_000);
		expect(emitted(await poller.poll())).toEqual([
			expect.objectContaining({
				bulkId: done.id,
				status: 'PROCESSING',
				previousStatus: 'PENDING',
				previousState: 'submitted',
			}),
			expect.objectContaining({
				bulkId: failing.id,
				status: 'PROCESSING',
				previousStatus: 'PENDING',
			}),
		]);
		sandbox.admin.clock.advance(20_000);
		start = sandbox.admin.requests('paysafe').length;
		expect(emitted(await poller.poll())).toEqual([
			expect.objectContaining({
				bulkId: done.id,
				status: 'COMPLETED',
				state: 'completed',
				created: 3,
				terminal: true,
			}),
			expect.objectContaining({
				bulkId: failing.id,
				status: 'FAILED',
				state: 'failed',
				statusReason: 'Card production failed',
			}),
		]);
		expect(bulkGets(start).every((r) => r.query.limit === '1')).toBe(true);
		expect(await poller.poll()).toBeNull();
		expect(Object.keys(watchState(poller).w)).toHaveLength(0);
	});

	it('a change made while a poll failed is emitted once by the next good poll', async () => {
		const bulk = await orderBulk(client, physicalOrder());
		const poller = paysafePoller(sandbox, {
			customerId: EU_CUSTOMER,
			bulkIds: bulk.id,
			events: ['reachedState'],
			reachedStates: ['completed'],
			options: FAST,
		});
		expect(await poller.poll()).toBeNull();
		sandbox.admin.clock.advance(30_000);
		sandbox.admin.faults.add({
			kind: 'status',
			status: 500,
			provider: 'paysafe',
			method: 'GET',
			times: 1,
		});
		const before = poller.snapshot();
		await expect(poller.poll()).rejects.toThrow(/Paysafe/);
		expect(poller.snapshot()).toBe(before);
		expect(emitted(await poller.poll())).toEqual([
			expect.objectContaining({
				event: 'reachedState',
				status: 'COMPLETED',
				previousStatus: 'PENDING',
			}),
		]);
		expect(await poller.poll()).toBeNull();
	});
});

describe("Paysafe customer's cards", () => {
	it('announces new cards once, reads 50 a page, and samples without touching the state', async () => {
		for (let i = 0; i < 4; i++) await orderBulk(client, physicalOrder({ quantity: 50 }));
		sandbox.admin.clock.advance(30_000);
		const poller = paysafePoller(sandbox, {
			paysafeWatch: 'cards',
			customerId: EU_CUSTOMER,
			events: ['newlySeen'],
			options: { ...FAST, maxItemsPerPoll: 30 },
		});
		let start = sandbox.admin.requests('paysafe').length;
		expect(await poller.poll()).toBeNull();
		const pages = requestsSince(sandbox, 'paysafe', start).filter((r) =>
			r.path.endsWith('/prepaid/cards'),
		);
		expect(pages.map((r) => r.query.offset)).toEqual(['0', '50', '100', '150', '200']);
		expect(stateBytes(poller) / 200).toBeLessThanOrEqual(20);

		const sampleBefore = poller.snapshot();
		const sample = emitted(await poller.poll('manual'));
		expect(sample).toHaveLength(3);
		expect(sample[0]).toMatchObject({
			event: 'sample',
			status: 'ISSUED',
			previousStatus: 'ISSUED',
		});
		expect(poller.snapshot()).toBe(sampleBefore);

		const bulk = await orderBulk(client, physicalOrder({ quantity: 45 }));
		sandbox.admin.clock.advance(30_000);
		const seen: string[] = [];
		for (let i = 0; i < 5; i++) {
			const items = emitted(await poller.poll());
			expect(items.length).toBeLessThanOrEqual(30);
			expect(items.every((item) => item.event === 'newlySeen' && item.bulkId === bulk.id)).toBe(
				true,
			);
			seen.push(...items.map((item) => String(item.cardId)));
		}
		expect(seen).toHaveLength(45);
		expect(new Set(seen).size).toBe(45);
		start = sandbox.admin.requests('paysafe').length;
		expect(await poller.poll()).toBeNull();
		expect(requestsSince(sandbox, 'paysafe', start)).toHaveLength(5); // ⌈245 / 50⌉
	});
});
