import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox/server';
import {
	cardRequests,
	createParameters,
	qontoCounters,
	qontoNode,
	useQontoTestbed,
} from '../helpers/qonto';

const testbed = useQontoTestbed();

const bulkCalls = () =>
	testbed.sandbox.admin
		.requests('qonto')
		.filter((entry) => entry.method === 'POST' && entry.path.endsWith('/cards/bulk'));

/** Plays the approver: decides every approval Qonto asks for, as soon as it appears. */
function approver(sandbox: Sandbox, decision: 'approve' | 'deny') {
	let stopped = false;
	const decided = new Set<string>();
	const loop = (async () => {
		while (!stopped) {
			for (const session of sandbox.admin.qonto.sca.list()) {
				if (session.result === 'waiting' && !decided.has(session.token)) {
					decided.add(session.token);
					sandbox.admin.qonto.sca[decision](session.token);
				}
			}
			// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- test-only polling of the sandbox
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
	})();
	return async () => {
		stopped = true;
		await loop;
	};
}

describe('Qonto cardBulk.create through WorkflowExecute', () => {
	it('creates 120 cards from input items in calls of 50, 50 and 20 once each call is approved', async () => {
		testbed.sandbox.admin.qonto.configure({ scaAutoApproveAfterMs: 0 });
		const { nodes } = await testbed.run(
			[qontoNode('Create', createParameters())],
			cardRequests(120),
		);
		const result = nodes.Create;
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(120);
		expect(result.items.every((item) => item.json.outcome === 'created')).toBe(true);
		expect(result.items.map((item) => item.pairedItem)).toEqual(
			Array.from({ length: 120 }, (_, item) => ({ item })),
		);
		expect(new Set(result.items.map((item) => item.json.cardId)).size).toBe(120);
		const sizes = bulkCalls().map((entry) => (entry.body as { cards: unknown[] }).cards.length);
		expect(sizes.sort((a, b) => b - a)).toEqual([50, 50, 50, 50, 20, 20]);
		const keys = bulkCalls().map((entry) => entry.idempotencyKey);
		expect(new Set(keys).size).toBe(3);
		expect(qontoCounters(testbed.sandbox)).toMatchObject({
			cardsCreated: 120,
			bulkCalls: 3,
			scaSessionsCreated: 3,
		});
	});

	it('reads the credential for the calls only, not once per input item of the order', async () => {
		testbed.sandbox.admin.qonto.configure({ scaMode: 'off' });
		const { nodes, credentialsHelper } = await testbed.run(
			[qontoNode('Create', createParameters())],
			cardRequests(500),
		);
		expect(nodes.Create.error).toBeUndefined();
		expect(qontoCounters(testbed.sandbox)).toMatchObject({ cardsCreated: 500, bulkCalls: 10 });
		// n8n reads it for each of the 10 calls it signs; the node once, for the first item, which
		// carries the whole order (each read is a database query and an expression evaluation).
		expect(credentialsHelper.reads).toHaveLength(10 + 1);
	});

	it('creates nothing when the approval is denied, and says so', async () => {
		const stop = approver(testbed.sandbox, 'deny');
		const { nodes } = await testbed
			.run([qontoNode('Create', createParameters())], cardRequests(60))
			.finally(stop);
		expect(nodes.Create.error?.message).toBe(
			'The approval to create cards (call 1 of 2) was denied in Qonto: nothing was created',
		);
		expect(nodes.Create.error?.description).toContain(
			'The other 1 call(s) of this order were not sent.',
		);
		expect(qontoCounters(testbed.sandbox)).toMatchObject({ cardsCreated: 0, scaSessionsDenied: 1 });
	});

	it('without waiting returns the calls awaiting approval; Submit sends them once approved', async () => {
		testbed.sandbox.admin.qonto.configure({ scaAutoApproveAfterMs: 1500 });
		const { nodes } = await testbed.run(
			[
				qontoNode(
					'Create',
					createParameters({ waitForApproval: false, options: { outputMode: 'perCall' } }),
				),
				qontoNode('Submit', {
					resource: 'cardBulk',
					operation: 'submit',
					waitForApproval: true,
					approvalTimeoutSeconds: 20,
				}),
			],
			cardRequests(70),
		);
		const waiting = nodes.Create.items.map((item) => item.json);
		expect(waiting.map((item) => item.outcome)).toEqual(['awaiting_approval', 'awaiting_approval']);
		expect(waiting[0].order).toMatchObject({ requested: 70, awaitingApproval: 70, created: 0 });
		const submitted = nodes.Submit.items.map((item) => item.json);
		expect(submitted.map((item) => [item.outcome, item.size])).toEqual([
			['created', 50],
			['created', 20],
		]);
		expect((submitted[0].cardIds as string[]).length).toBe(50);
		expect(qontoCounters(testbed.sandbox)).toMatchObject({ cardsCreated: 70, bulkCalls: 2 });
	});

	it('a lost answer after Qonto created the cards is retried with the same key: nothing twice', async () => {
		testbed.sandbox.admin.qonto.configure({ scaAutoApproveAfterMs: 0 });
		testbed.sandbox.admin.faults.add({
			kind: 'dropAfterProcessing',
			provider: 'qonto',
			method: 'POST',
			pathPrefix: '/v2/cards/bulk',
			skip: 1,
		});
		const { nodes } = await testbed.run(
			[qontoNode('Create', createParameters())],
			cardRequests(30),
		);
		expect(nodes.Create.items.map((item) => item.json.outcome)).toEqual(Array(30).fill('created'));
		expect(qontoCounters(testbed.sandbox)).toMatchObject({
			cardsCreated: 30,
			idempotentReplays: 1,
		});
	});

	it('keeps the other cards when Qonto refuses one, each paired to its item', async () => {
		testbed.sandbox.admin.qonto.configure({ scaAutoApproveAfterMs: 0 });
		const unknownHolder = '00000000-0000-4000-8000-000000000000';
		const { nodes } = await testbed.run(
			[qontoNode('Create', createParameters())],
			cardRequests(5, { 2: { holder_id: unknownHolder } }),
		);
		const items = nodes.Create.items;
		expect(items.map((item) => item.json.outcome)).toEqual([
			'created',
			'created',
			'failed',
			'created',
			'created',
		]);
		expect(items[2].pairedItem).toEqual({ item: 2 });
		expect(items[2].json.error).toMatchObject({
			message: 'holder_id is not a membership of this organization',
			field: '/cards/2/card/holder_id',
		});
		expect(qontoCounters(testbed.sandbox)).toMatchObject({ cardsCreated: 4 });
	});

	it('lists every bad card with its item before sending anything', async () => {
		const { nodes } = await testbed.run(
			[qontoNode('Create', createParameters())],
			cardRequests(4, {
				1: { holder_id: undefined },
				3: { card_level: 'gold', payment_monthly_limit: undefined },
			}),
		);
		const error = nodes.Create.error;
		expect(error?.message).toBe('The Qonto order has 3 invalid fields; nothing was sent');
		expect((error?.context?.fieldErrors as IDataObject[]).map((entry) => entry.field)).toEqual([
			'Card of item 1 › holder_id',
			'Card of item 3 › card_level',
			'Card of item 3 › payment_monthly_limit',
		]);
		expect(testbed.sandbox.admin.requests('qonto')).toHaveLength(0);
	});

	it('explains that a 404 from the bulk endpoint most likely means the plan, not the URL', async () => {
		testbed.sandbox.admin.qonto.configure({ bulkCreationAvailable: false });
		const { nodes } = await testbed.run([qontoNode('Create', createParameters())], cardRequests(2));
		expect(nodes.Create.error?.description).toContain(
			'check that your Qonto plan includes bulk creation',
		);
	});

	it('says that creating cards needs OAuth2 when run with an API key', async () => {
		const { nodes } = await testbed.run(
			[qontoNode('Create', createParameters(), 'apiKey')],
			cardRequests(2),
		);
		expect(nodes.Create.error?.message).toContain('HTTP 403');
		expect(nodes.Create.error?.description).toContain(
			'Creating cards needs the Qonto OAuth2 credential',
		);
		expect(JSON.stringify(nodes.Create.error)).not.toContain('qonto-sandbox-secret-key');
	});
});

describe('Qonto cardBulk.create when an order reference is reused', () => {
	it('never reports the cards of an earlier order, replayed by Qonto, as the new ones', async () => {
		testbed.sandbox.admin.qonto.configure({ scaAutoApproveAfterMs: 0 });
		const parameters = createParameters({ orderReference: 'PO-REUSED' });
		await testbed.run([qontoNode('Create', parameters)], cardRequests(3));
		const shifted = cardRequests(4).slice(1);
		const { nodes } = await testbed.run([qontoNode('Create', parameters)], shifted);
		const outcomes = nodes.Create.items.map((item) => item.json.outcome);
		expect(outcomes).toEqual(['unknown', 'unknown', 'unknown']);
		expect((nodes.Create.items[0].json.error as IDataObject).message).toContain(
			'the order reference was used within the last 30 minutes for other cards',
		);
		expect(qontoCounters(testbed.sandbox)).toMatchObject({ cardsCreated: 3, idempotentReplays: 1 });
	});
});
