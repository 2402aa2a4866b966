import type { AxiosInstance } from 'axios';

import type { Sandbox } from '../../sandbox/server';
import { createBulk, nymCardClient, submitBulk, useTestSandbox } from '../sandbox/helpers';
import { emitted, nymCardPoller, requestsSince, stateBytes, watchState } from './helpers';

let sandbox: Sandbox;
let client: AxiosInstance;
useTestSandbox((started) => {
	sandbox = started;
	client = nymCardClient(started);
});

const FAST = { maxRetries: 0, requestsPerSecond: 100 };

describe('NymCard bulk issuances', () => {
	it('records a baseline, then emits each status change once, in order', async () => {
		const old = await createBulk(client, { number_of_cards: 5 });
		await submitBulk(client, old.id);
		sandbox.admin.clock.advance(200_000); // old is COMPLETED before the trigger starts
		const bulk = await createBulk(client, { number_of_cards: 5 });
		const poller = nymCardPoller(sandbox, {
			events: ['statusChanged'],
			options: FAST,
		});

		expect(await poller.poll()).toBeNull();
		expect(await poller.poll()).toBeNull();

		await submitBulk(client, bulk.id);
		const submitted = emitted(await poller.poll());
		expect(submitted).toEqual([
			expect.objectContaining({
				provider: 'nymcard',
				bulkId: bulk.id,
				status: 'SUBMITTED',
				state: 'submitted',
				previousStatus: 'DRAFT',
				previousState: 'draft',
				event: 'statusChanged',
				terminal: false,
			}),
		]);
		expect(submitted[0]).toHaveProperty('observedAt');
		expect(submitted[0]).toHaveProperty('raw.id', bulk.id);
		expect(await poller.poll()).toBeNull();

		sandbox.admin.clock.advance(30_000);
		expect(emitted(await poller.poll())).toEqual([
			expect.objectContaining({ status: 'PROCESSING', previousStatus: 'SUBMITTED' }),
		]);
		sandbox.admin.clock.advance(120_000);
		expect(emitted(await poller.poll())).toEqual([
			expect.objectContaining({
				status: 'COMPLETED',
				state: 'completed',
				previousStatus: 'PROCESSING',
				created: 5,
				terminal: true,
			}),
		]);
		expect(await poller.poll()).toBeNull();
		// Both bulks are terminal: nothing is watched any more, two tombstones remain.
		expect(Object.keys(watchState(poller).w)).toHaveLength(0);
		expect(Object.keys(watchState(poller).t)).toHaveLength(2);
	});

	it('emits reaching chosen states and newly seen bulks, not other changes', async () => {
		const poller = nymCardPoller(sandbox, {
			events: ['reachedState', 'newlySeen'],
			reachedStates: ['completed', 'failed'],
			options: FAST,
		});
		expect(await poller.poll()).toBeNull();
		const bulk = await createBulk(client, { number_of_cards: 3 });
		expect(emitted(await poller.poll())).toEqual([
			expect.objectContaining({
				bulkId: bulk.id,
				event: 'newlySeen',
				status: 'DRAFT',
				previousStatus: null,
				previousState: null,
			}),
		]);
		await submitBulk(client, bulk.id);
		sandbox.admin.clock.advance(30_000);
		expect(await poller.poll()).toBeNull(); // SUBMITTED → PROCESSING: not a chosen state
		sandbox.admin.nymcard.configure({ failBulkIds: [bulk.id] });
		sandbox.admin.clock.advance(120_000);
		expect(emitted(await poller.poll())).toEqual([
			expect.objectContaining({
				event: 'reachedState',
				status: 'FAILED',
				state: 'failed',
				previousState: 'processing',
			}),
		]);
		expect(await poller.poll()).toBeNull();
	});

	it('a change made while a poll failed is emitted once by the next good poll', async () => {
		const bulk = await createBulk(client, { number_of_cards: 2 });
		const poller = nymCardPoller(sandbox, { events: ['statusChanged'], options: FAST });
		expect(await poller.poll()).toBeNull();
		await submitBulk(client, bulk.id);

		sandbox.admin.faults.add({
			kind: 'status',
			status: 500,
			provider: 'nymcard',
			method: 'GET',
			pathPrefix: '/bulkissuances',
			times: 1,
		});
		const before = poller.snapshot();
		await expect(poller.poll()).rejects.toThrow(/NymCard/);
		expect(poller.snapshot()).toBe(before);

		expect(emitted(await poller.poll())).toEqual([
			expect.objectContaining({ bulkId: bulk.id, status: 'SUBMITTED', previousStatus: 'DRAFT' }),
		]);
		expect(await poller.poll()).toBeNull();
	});

	it('watches chosen bulks by id, ids from an expression', async () => {
		const first = await createBulk(client, { number_of_cards: 1 });
		const second = await createBulk(client, { number_of_cards: 1 });
		await createBulk(client, { number_of_cards: 1 });
		const poller = nymCardPoller(sandbox, {
			bulkIssuanceSelection: 'ids',
			bulkIssuanceIds: `={{ ["${first.id}", "${second.id}"] }}`,
			events: ['statusChanged'],
			options: FAST,
		});
		const start = sandbox.admin.requests('nymcard').length;
		expect(await poller.poll()).toBeNull();
		expect(requestsSince(sandbox, 'nymcard', start).map((r) => r.path)).toEqual([
			`/nymcard/v1/bulkissuances/${first.id}`,
			`/nymcard/v1/bulkissuances/${second.id}`,
		]);
		await submitBulk(client, second.id);
		expect(emitted(await poller.poll()).map((item) => item.bulkId)).toEqual([second.id]);
	});

	it('manual mode returns a small real sample and leaves the state alone', async () => {
		for (let i = 0; i < 5; i++) await createBulk(client, { number_of_cards: 1 });
		const poller = nymCardPoller(sandbox, { events: ['statusChanged'], options: FAST });
		const untouched = poller.snapshot();
		const sample = emitted(await poller.poll('manual'));
		expect(sample).toHaveLength(3);
		expect(sample.every((item) => item.event === 'sample' && item.status === 'DRAFT')).toBe(true);
		expect(poller.snapshot()).toBe(untouched);

		expect(await poller.poll()).toBeNull(); // the baseline is still the first trigger poll
		const baseline = poller.snapshot();
		expect(emitted(await poller.poll('manual'))[0]).toMatchObject({
			event: 'sample',
			previousStatus: 'DRAFT',
		});
		expect(poller.snapshot()).toBe(baseline);
	});
});

describe('NymCard cards of bulk issuances', () => {
	async function bulkWith(cards: number) {
		const bulk = await createBulk(client, { number_of_cards: cards });
		await submitBulk(client, bulk.id);
		return bulk.id;
	}

	it('polls 10,000 cards in the 100 requests a page size of 100 implies, with a small state', async () => {
		const bulkIds = [await bulkWith(5000), await bulkWith(5000)];
		const poller = nymCardPoller(sandbox, {
			nymCardWatch: 'cards',
			bulkIssuanceIds: bulkIds.join(', '),
			events: ['statusChanged'],
			options: FAST,
		});
		let start = sandbox.admin.requests('nymcard').length;
		expect(await poller.poll()).toBeNull();
		const baselineRequests = requestsSince(sandbox, 'nymcard', start);
		expect(baselineRequests).toHaveLength(100);
		expect(
			baselineRequests.every((r) => r.path === '/nymcard/v1/cards' && r.query.limit === '100'),
		).toBe(true);
		const bytesPerCard = stateBytes(poller) / 10_000;
		expect(Object.keys(watchState(poller).w)).toHaveLength(10_000);
		expect(bytesPerCard).toBeLessThanOrEqual(20);

		sandbox.admin.nymcard.setCardStatus(bulkIds[0], 7, 'SUSPENDED');
		sandbox.admin.nymcard.setCardStatus(bulkIds[1], 4999, 'ACTIVE');
		start = sandbox.admin.requests('nymcard').length;
		const changes = emitted(await poller.poll());
		expect(requestsSince(sandbox, 'nymcard', start)).toHaveLength(100);
		expect(changes).toEqual([
			expect.objectContaining({
				bulkId: bulkIds[0],
				status: 'SUSPENDED',
				previousStatus: 'INACTIVE',
			}),
			expect.objectContaining({ bulkId: bulkIds[1], status: 'ACTIVE', previousStatus: 'INACTIVE' }),
		]);
		expect(await poller.poll()).toBeNull();
		// eslint-disable-next-line no-console
		console.log(
			`NymCard 10,000 cards: 100 requests a poll, ${bytesPerCard.toFixed(1)} bytes of state per card`,
		);
	}, 60_000);

	it('emits at most Max Items per Poll and carries the rest, none lost or repeated', async () => {
		const bulkId = await bulkWith(300);
		const poller = nymCardPoller(sandbox, {
			nymCardWatch: 'cards',
			bulkIssuanceIds: bulkId,
			events: ['statusChanged'],
			options: { ...FAST, maxItemsPerPoll: 10 },
		});
		expect(await poller.poll()).toBeNull();
		const changed = [
			3, 50, 99, 100, 101, 150, 151, 152, 199, 200, 201, 250, 260, 270, 280, 290, 299,
		];
		for (const index of changed) sandbox.admin.nymcard.setCardStatus(bulkId, index, 'ACTIVE');
		const first = emitted(await poller.poll());
		expect(first).toHaveLength(10);
		sandbox.admin.nymcard.setCardStatus(bulkId, 0, 'SUSPENDED'); // a change behind the carried ones
		const second = emitted(await poller.poll());
		const third = emitted(await poller.poll());
		expect(await poller.poll()).toBeNull();
		const all = [...first, ...second, ...third];
		expect(all).toHaveLength(changed.length + 1);
		expect(new Set(all.map((item) => item.cardId)).size).toBe(changed.length + 1);
		expect(second.length).toBeLessThanOrEqual(10);
	});

	it('stops reading before the poll budget runs out and continues where it stopped', async () => {
		const bulkId = await bulkWith(2000); // 20 pages
		sandbox.admin.faults.add({
			kind: 'latency',
			provider: 'nymcard',
			pathPrefix: '/cards',
			delayMs: 60,
			times: 100_000,
		});
		const poller = nymCardPoller(
			sandbox,
			{
				nymCardWatch: 'cards',
				bulkIssuanceIds: bulkId,
				events: ['statusChanged'],
				options: FAST,
			},
			{ pollBudgetMs: 600 },
		);
		const pagesPerPoll: number[] = [];
		const poll = async () => {
			const start = sandbox.admin.requests('nymcard').length;
			const result = await poller.poll();
			pagesPerPoll.push(requestsSince(sandbox, 'nymcard', start).length);
			return emitted(result);
		};
		// The baseline takes several polls; none emits anything.
		for (let i = 0; i < 20 && watchState(poller)?.b !== 1; i++) expect(await poll()).toEqual([]);
		expect(watchState(poller).b).toBe(1);
		expect(Math.max(...pagesPerPoll)).toBeLessThan(20);
		expect(pagesPerPoll.reduce((sum, pages) => sum + pages, 0)).toBe(20);

		const changed = [0, 555, 1234, 1999];
		for (const index of changed) sandbox.admin.nymcard.setCardStatus(bulkId, index, 'ACTIVE');
		const seen: string[] = [];
		for (let i = 0; i < 20 && seen.length < changed.length; i++)
			seen.push(...(await poll()).map((item) => String(item.cardId)));
		expect(seen).toHaveLength(4);
		expect(new Set(seen).size).toBe(4);
		for (let i = 0; i < 3; i++) expect(await poll()).toEqual([]);
	});

	it('drops cards from the state once their terminal change was emitted', async () => {
		const bulkId = await bulkWith(1000);
		const poller = nymCardPoller(sandbox, {
			nymCardWatch: 'cards',
			bulkIssuanceIds: bulkId,
			events: ['statusChanged'],
			options: { ...FAST, maxItemsPerPoll: 1000 },
		});
		expect(await poller.poll()).toBeNull();
		const watchedBytes = stateBytes(poller);
		for (let index = 0; index < 1000; index++)
			sandbox.admin.nymcard.setCardStatus(bulkId, index, 'ACTIVE');
		const activated = emitted(await poller.poll());
		expect(activated).toHaveLength(1000);
		expect(activated.every((item) => item.terminal === true && item.state === 'completed')).toBe(
			true,
		);
		expect(Object.keys(watchState(poller).w)).toHaveLength(0);
		// Listed again, tombstoned cards are neither new nor changed.
		sandbox.admin.nymcard.setCardStatus(bulkId, 1, 'SUSPENDED');
		expect(await poller.poll()).toBeNull();
		expect(stateBytes(poller) / 1000).toBeLessThanOrEqual(14);
		expect(stateBytes(poller)).toBeLessThan(watchedBytes);
	});
});
