import type { Sandbox } from '../../sandbox/server';
import { walletClient } from '../sandbox/dinteroHelpers';
import { useTestSandbox } from '../sandbox/helpers';
import { dinteroPoller, emitted, requestsSince, stateBytes, watchState } from './helpers';

let sandbox: Sandbox;
useTestSandbox((started) => (sandbox = started));

const FAST = { maxRetries: 0, requestsPerSecond: 100 };
const listGets = (from: number) =>
	requestsSince(sandbox, 'dintero', from).filter((r) => r.method === 'GET');

async function activate(cardId: string, customerId?: string, amount = 50_000) {
	const wallet = await walletClient(sandbox);
	const answer = await wallet.post(`/cards/${encodeURIComponent(cardId)}/activate`, {
		amount,
		currency: 'NOK',
		...(customerId ? { customer_id: customerId } : {}),
	});
	expect(answer.status).toBe(200);
}

describe('Dintero cards', () => {
	it('records a baseline, then emits each status change once (activation, expiry), by card_id prefix', async () => {
		const gifts = sandbox.admin.dintero.seedCards(5, { prefix: 'GIFT-' });
		const others = sandbox.admin.dintero.seedCards(3, { prefix: 'OTHER-' });
		const poller = dinteroPoller(sandbox, {
			dinteroWatch: 'prefix',
			watchCardIdPrefix: 'GIFT-',
			events: ['statusChanged', 'newlySeen'],
			options: FAST,
		});
		expect(await poller.poll()).toBeNull();
		expect(Object.keys(watchState(poller).w)).toHaveLength(5);
		expect(await poller.poll()).toBeNull();

		await activate(gifts[1], 'cust-7');
		await activate(gifts[3]);
		await activate(others[0]); // not watched
		expect(emitted(await poller.poll())).toEqual([
			expect.objectContaining({
				provider: 'dintero',
				cardId: gifts[1],
				bulkId: gifts[1],
				status: 'unused',
				state: 'completed',
				previousStatus: 'inactive',
				previousState: 'completed',
				event: 'statusChanged',
				terminal: false,
				customerId: 'cust-7',
				amountBalance: 50_000,
				currency: 'NOK',
			}),
			expect.objectContaining({ cardId: gifts[3], status: 'unused', customerId: null }),
		]);
		expect(await poller.poll()).toBeNull();

		sandbox.admin.dintero.setCardStatus(gifts[1], 'expired');
		const [fresh] = sandbox.admin.dintero.seedCards(1, { prefix: 'GIFT-' });
		expect(emitted(await poller.poll())).toEqual([
			expect.objectContaining({
				cardId: gifts[1],
				status: 'expired',
				previousStatus: 'unused',
				terminal: true,
			}),
			expect.objectContaining({
				cardId: fresh,
				event: 'newlySeen',
				status: 'inactive',
				previousStatus: null,
			}),
		]);
		// The expired card is no longer followed: 5 watched (4 old, 1 new), 1 tombstone.
		expect(Object.keys(watchState(poller).w)).toHaveLength(5);
		expect(Object.keys(watchState(poller).t)).toHaveLength(1);
		expect(await poller.poll()).toBeNull();
	});

	it("watches a customer's cards through the customer's list, a card joining when it is activated", async () => {
		const [owned] = sandbox.admin.dintero.seedCards(1, { customerId: 'cust-1' });
		const [spare] = sandbox.admin.dintero.seedCards(1, { prefix: 'SPARE-' });
		sandbox.admin.dintero.seedCards(2, { customerId: 'cust-2' });
		const poller = dinteroPoller(sandbox, {
			dinteroWatch: 'customer',
			watchCustomerId: 'cust-1',
			watchCardType: 'gift_card',
			events: ['statusChanged', 'newlySeen'],
			options: FAST,
		});
		let start = sandbox.admin.requests('dintero').length;
		expect(await poller.poll()).toBeNull();
		const [page] = listGets(start);
		expect(page.path).toBe('/dintero/v1/accounts/T12345678/wallets/customers/cust-1/cards');
		expect(page.query).toMatchObject({ limit: '100', type: 'gift_card' });
		expect(Object.keys(watchState(poller).w)).toHaveLength(1);

		await activate(spare, 'cust-1', 0); // an amount of 0: straight to used
		sandbox.admin.dintero.setCardStatus(owned, 'partially_used');
		start = sandbox.admin.requests('dintero').length;
		expect(emitted(await poller.poll())).toEqual([
			expect.objectContaining({ cardId: owned, status: 'partially_used', event: 'statusChanged' }),
			expect.objectContaining({ cardId: spare, status: 'used', event: 'newlySeen' }),
		]);
		expect(listGets(start)).toHaveLength(1);
	});

	it('polls 10,000 cards in the 100 requests a page size of 100 implies, with a small state', async () => {
		const ids = sandbox.admin.dintero.seedCards(10_000, { prefix: 'PO-' });
		const poller = dinteroPoller(sandbox, {
			dinteroWatch: 'prefix',
			watchCardIdPrefix: 'PO-',
			events: ['statusChanged'],
			options: FAST,
		});
		let start = sandbox.admin.requests('dintero').length;
		expect(await poller.poll()).toBeNull();
		const baseline = listGets(start);
		expect(baseline).toHaveLength(100);
		expect(baseline.every((r) => r.query.limit === '100')).toBe(true);
		expect(baseline.slice(1).every((r) => typeof r.query.starting_after === 'string')).toBe(true);
		const bytesPerCard = stateBytes(poller) / 10_000;
		expect(bytesPerCard).toBeLessThanOrEqual(20);

		for (const index of [0, 4321, 9999]) sandbox.admin.dintero.setCardStatus(ids[index], 'unused');
		start = sandbox.admin.requests('dintero').length;
		const changes = emitted(await poller.poll());
		expect(listGets(start)).toHaveLength(100);
		expect(changes.map((item) => item.cardId)).toEqual([ids[0], ids[4321], ids[9999]]);
		// eslint-disable-next-line no-console
		console.log(
			`Dintero 10,000 cards: 100 requests a poll, ${bytesPerCard.toFixed(1)} bytes of state per card`,
		);
	}, 60_000);

	it('a change made while a poll failed is emitted once by the next good poll', async () => {
		const ids = sandbox.admin.dintero.seedCards(250);
		const poller = dinteroPoller(sandbox, {
			dinteroWatch: 'all',
			events: ['statusChanged'],
			options: FAST,
		});
		expect(await poller.poll()).toBeNull();
		sandbox.admin.dintero.setCardStatus(ids[10], 'unused');
		sandbox.admin.dintero.setCardStatus(ids[240], 'unused');
		// The third page fails: the first two were read, yet nothing of them may be committed.
		sandbox.admin.faults.add({
			kind: 'status',
			status: 503,
			provider: 'dintero',
			method: 'GET',
			skip: 2,
			times: 1,
		});
		const before = poller.snapshot();
		await expect(poller.poll()).rejects.toThrow(/Dintero/);
		expect(poller.snapshot()).toBe(before);
		expect(emitted(await poller.poll()).map((item) => item.cardId)).toEqual([ids[10], ids[240]]);
		expect(await poller.poll()).toBeNull();
	});

	it('caps items per poll and carries the rest, each once and in order', async () => {
		const ids = sandbox.admin.dintero.seedCards(120);
		const poller = dinteroPoller(sandbox, {
			dinteroWatch: 'all',
			events: ['reachedState', 'statusChanged'],
			reachedStates: ['completed'],
			options: { ...FAST, maxItemsPerPoll: 7 },
		});
		expect(await poller.poll()).toBeNull();
		for (const id of ids) sandbox.admin.dintero.setCardStatus(id, 'unused');
		const seen: string[] = [];
		for (let i = 0; i < 30; i++) {
			const items = emitted(await poller.poll());
			expect(items.length).toBeLessThanOrEqual(7);
			if (items.length === 0) break;
			// A Dintero card stays `completed` through its life: a change is a status change.
			expect(items.every((item) => item.event === 'statusChanged')).toBe(true);
			seen.push(...items.map((item) => String(item.cardId)));
		}
		expect(seen).toEqual(ids);
	});

	it('manual mode returns a small sample and leaves the state alone', async () => {
		const ids = sandbox.admin.dintero.seedCards(10);
		const poller = dinteroPoller(sandbox, {
			dinteroWatch: 'all',
			events: ['statusChanged'],
			options: FAST,
		});
		expect(await poller.poll()).toBeNull();
		const before = poller.snapshot();
		sandbox.admin.dintero.setCardStatus(ids[0], 'unused');
		const sample = emitted(await poller.poll('manual'));
		expect(sample).toHaveLength(3);
		expect(sample[0]).toMatchObject({
			event: 'sample',
			cardId: ids[0],
			status: 'unused',
			previousStatus: 'inactive',
		});
		expect(poller.snapshot()).toBe(before);
		expect(emitted(await poller.poll()).map((item) => item.cardId)).toEqual([ids[0]]);
	});

	it('refuses an empty prefix or customer before sending anything', async () => {
		const start = sandbox.admin.requests('dintero').length;
		const refusal = async (parameters: Record<string, string>) =>
			await dinteroPoller(sandbox, { ...parameters, options: FAST })
				.poll()
				.then(
					() => undefined,
					(error: Error & { description?: string }) => `${error.message} ${error.description}`,
				);
		expect(await refusal({ dinteroWatch: 'prefix', watchCardIdPrefix: '' })).toMatch(
			/nothing was sent.*Card ID Prefix: must not be empty/s,
		);
		expect(await refusal({ dinteroWatch: 'customer', watchCustomerId: ' x' })).toMatch(
			/Customer ID: must not start or end with a space/,
		);
		expect(requestsSince(sandbox, 'dintero', start)).toHaveLength(0);
	});
});
