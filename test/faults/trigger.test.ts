import fc from 'fast-check';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox/server';
import type { Poller } from '../harness/pollRunner';
import { useTestSandbox } from '../sandbox/helpers';
import { emitted, qontoPoller } from '../trigger/helpers';
import { CREDENTIAL_SECRETS } from './support/providers';
import { recordRows } from './support/results';
import { scaled, SEED } from './support/scale';
import { SecretScan } from './support/secrets';

// The Bulk Card Trigger under polls that fail, restart (a new poller built from the stored
// static data, as after an n8n restart) or overlap (two polls started on the same state): each
// status change is emitted exactly once. Cards are Qonto cards seeded in the sandbox (3 pages),
// their statuses moved between pending and onhold, some on to live; steps are drawn by fast-check from a fixed seed.

let sandbox: Sandbox;
useTestSandbox((started) => (sandbox = started));

const PARAMETERS: INodeParameters = {
	events: ['statusChanged'],
	options: { maxRetries: 0, requestsPerSecond: 100 },
};
const CARDS = 230;

type Step =
	| { kind: 'change'; cards: number[] }
	| { kind: 'poll' }
	| { kind: 'failingPoll'; page: number }
	| { kind: 'restart' }
	| { kind: 'overlap' };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
	fc.record({
		kind: fc.constant('change' as const),
		cards: fc.uniqueArray(fc.integer({ min: 0, max: CARDS - 1 }), { minLength: 1, maxLength: 6 }),
	}),
	fc.constant({ kind: 'poll' as const }),
	fc.record({ kind: fc.constant('failingPoll' as const), page: fc.integer({ min: 1, max: 3 }) }),
	fc.constant({ kind: 'restart' as const }),
	fc.constant({ kind: 'overlap' as const }),
);

const rows: IDataObject[] = [];
const scan = new SecretScan();
scan.add(...CREDENTIAL_SECRETS);
afterAll(() => recordRows('trigger', rows));

describe('Bulk Card Trigger under failing, restarted and overlapping polls', () => {
	it('emits each status change exactly once', async () => {
		const runs = scaled(8, 20);
		let changes = 0;
		let emittedCount = 0;
		await fc.assert(
			fc.asyncProperty(fc.array(stepArbitrary, { minLength: 5, maxLength: 25 }), async (steps) => {
				const result = await playSteps(steps);
				changes += result.changes;
				emittedCount += result.emitted;
			}),
			{ numRuns: runs, seed: SEED, endOnFailure: true },
		);
		rows.push({
			provider: 'qonto',
			scenario: `${runs} random step sequences (fail / restart / overlap)`,
			changes,
			emitted: emittedCount,
			result: scan.leaks.length === 0 ? 'ok' : 'FAIL: secret in an item',
		});
		expect(scan.leaks).toEqual([]);
	});
});

async function playSteps(steps: Step[]): Promise<{ changes: number; emitted: number }> {
	sandbox.admin.reset();
	const ids = sandbox.admin.qonto.seedCards(CARDS);
	// Set explicitly, a status stays whatever the clock does.
	for (const id of ids) sandbox.admin.qonto.setCardStatus(id, 'pending');
	const status = new Map(ids.map((id) => [id, 'pending']));
	/** Cards that reached a terminal status (live): the trigger stops watching them. */
	const finished = new Set<string>();
	/** Changes made and not yet emitted: card id → its new status. */
	const pending = new Map<string, string>();
	const emissions: string[] = [];
	let changes = 0;
	let poller: Poller = qontoPoller(sandbox, PARAMETERS);
	expect(await poller.poll()).toBeNull(); // the baseline

	const take = (items: IDataObject[]) => {
		for (const item of items) {
			scan.scan('trigger item', item);
			const id = String(item.cardId ?? item.id ?? (item.raw as IDataObject | undefined)?.id);
			const event = `${id}:${String(item.status)}`;
			emissions.push(event);
			expect(pending.get(id)).toBe(item.status);
			pending.delete(id);
		}
	};

	for (const step of [...steps, { kind: 'poll' } as Step]) {
		switch (step.kind) {
			case 'change':
				for (const index of step.cards) {
					const id = ids[index];
					// A card changed twice before any poll saw it shows only its last status: change
					// only cards whose earlier change was emitted.
					if (pending.has(id) || finished.has(id)) continue;
					// pending ⇄ onhold (both in progress), and now and then to live (terminal).
					const next =
						index % 7 === 0 ? 'live' : status.get(id) === 'pending' ? 'onhold' : 'pending';
					if (next === 'live') finished.add(id);
					sandbox.admin.qonto.setCardStatus(id, next);
					status.set(id, next);
					pending.set(id, next);
					changes++;
				}
				break;
			case 'poll':
				take(emitted(await poller.poll()));
				break;
			case 'failingPoll': {
				sandbox.admin.faults.add({
					kind: 'status',
					status: 500,
					provider: 'qonto',
					method: 'GET',
					skip: step.page - 1,
				});
				await expect(poller.poll()).rejects.toThrow();
				sandbox.admin.faults.clear();
				break;
			}
			case 'restart':
				poller = qontoPoller(sandbox, PARAMETERS, {
					staticData: JSON.parse(JSON.stringify(poller.workflow.staticData)) as IDataObject,
				});
				break;
			case 'overlap': {
				const [first, second] = await Promise.all([poller.poll(), poller.poll()]);
				take([...emitted(first), ...emitted(second)]);
				break;
			}
		}
	}
	expect([...pending.entries()]).toEqual([]);
	return { changes, emitted: emissions.length };
}
