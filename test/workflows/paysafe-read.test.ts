import type { IDataObject } from 'n8n-workflow';

import { createParameters, EU_CUSTOMER, paysafeNode, usePaysafeTestbed } from '../helpers/paysafe';

const testbed = usePaysafeTestbed();

const statusNode = paysafeNode('Status', {
	resource: 'bulkOrder',
	operation: 'getStatus',
	customerId: '={{ $json.customerId }}',
	bulkId: '={{ $json.bulkId }}',
	// From Create's item (size) or from a status item fed back (requested).
	numberOfCards: '={{ $json.size ?? $json.requested }}',
	orderReference: '={{ $json.orderReference }}',
});

describe('Paysafe bulk order status and reads through WorkflowExecute', () => {
	it('follows a bulk from PENDING to COMPLETED in the shared status shape; a status item can be fed back', async () => {
		const created = await testbed.run([
			paysafeNode('Create', createParameters({ numberOfCards: 10 })),
			statusNode,
		]);
		expect(created.nodes.Status.items[0].json).toMatchObject({
			provider: 'paysafe',
			orderReference: 'PO-P-1',
			status: 'PENDING',
			state: 'submitted',
			requested: 10,
			created: 0,
			terminal: false,
		});

		testbed.sandbox.admin.clock.advance(60_000);
		const bulkId = created.nodes.Create.items[0].json.bulkId as string;
		expect(created.nodes.Status.items[0].json).toMatchObject({ customerId: EU_CUSTOMER, bulkId });
		// As a workflow waiting in a loop asks again: with the status item itself.
		const { nodes } = await testbed.run([statusNode], [created.nodes.Status.items[0].json]);
		expect(nodes.Status.items[0].json).toMatchObject({
			customerId: EU_CUSTOMER,
			bulkId,
			orderReference: 'PO-P-1',
			status: 'COMPLETED',
			state: 'completed',
			requested: 10,
			created: 10,
			failed: 0,
			terminal: true,
		});
		expect(nodes.Status.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('reports a completed bulk with fewer cards than ordered as partially completed, and a failed one as failed', async () => {
		testbed.sandbox.admin.paysafe.queueOutcomes(['partial', 'fail']);
		const created = await testbed.run([
			paysafeNode('Create', createParameters({ numberOfCards: 60 })),
		]);
		testbed.sandbox.admin.clock.advance(60_000);

		const { nodes } = await testbed.run(
			[statusNode],
			created.nodes.Create.items.map((item) => item.json),
		);

		const [partial, failed] = nodes.Status.items.map((item) => item.json);
		expect(partial).toMatchObject({
			status: 'COMPLETED',
			state: 'partially_completed',
			requested: 50,
			terminal: true,
		});
		expect((partial.created as number) + (partial.failed as number)).toBe(50);
		expect(partial.failed).toBeGreaterThan(0);
		expect(failed).toMatchObject({
			status: 'FAILED',
			state: 'failed',
			requested: 10,
			created: 0,
			failed: 10,
		});
		expect(failed.statusReason).toEqual(expect.any(String));
	});

	it('gets a bulk with all its cards over several pages, or up to a limit', async () => {
		const created = await testbed.run([
			paysafeNode('Create', createParameters({ numberOfCards: 50 })),
		]);
		testbed.sandbox.admin.clock.advance(60_000);
		const bulkId = created.nodes.Create.items[0].json.bulkId as string;
		const get = (extra: IDataObject) =>
			testbed.run([
				paysafeNode('Get', {
					resource: 'bulkOrder',
					operation: 'get',
					customerId: EU_CUSTOMER,
					bulkId,
					...extra,
				}),
			]);

		const all = await get({ returnAll: true });
		const bulk = all.nodes.Get.items[0].json;
		expect(bulk).toMatchObject({ id: bulkId, status: 'COMPLETED', quantity: 50 });
		const cards = bulk.cards as IDataObject[];
		expect(cards).toHaveLength(50);
		expect(new Set(cards.map((card) => card.cardId)).size).toBe(50);
		expect(cards.map((card) => card.externalId)).toEqual(
			created.nodes.Create.items[0].json.externalIds,
		);

		const limited = await get({ returnAll: false, limit: 7 });
		expect(limited.nodes.Get.items[0].json.cards as IDataObject[]).toHaveLength(7);
	});

	it("lists a customer's cards page by page with the status and card-type filters", async () => {
		await testbed.run([paysafeNode('Physical', createParameters({ numberOfCards: 75 }))]);
		await testbed.run([
			paysafeNode(
				'Virtual',
				createParameters({
					numberOfCards: 5,
					programName: 'VIRTUAL-MC-EEA',
					cardType: 'VIRTUAL',
					orderReference: 'PO-P-V',
				}),
			),
		]);
		testbed.sandbox.admin.clock.advance(60_000);
		const list = (extra: IDataObject) =>
			testbed.run([
				paysafeNode('List', {
					resource: 'card',
					operation: 'getAll',
					customerId: EU_CUSTOMER,
					...extra,
				}),
			]);

		expect((await list({ returnAll: true })).nodes.List.items).toHaveLength(80);
		expect((await list({ returnAll: false, limit: 3 })).nodes.List.items).toHaveLength(3);
		const virtual = await list({ returnAll: true, filters: { cardType: 'VIRTUAL' } });
		expect(virtual.nodes.List.items.map((item) => item.json.cardType)).toEqual(
			Array(5).fill('VIRTUAL'),
		);
		const issued = await list({ returnAll: true, filters: { statuses: ['ISSUED'] } });
		expect(issued.nodes.List.items).toHaveLength(75);
		const pages = testbed.sandbox.admin
			.requests('paysafe')
			.filter(
				(entry) => entry.method === 'GET' && /\/prepaid\/cards$/.test(entry.path.split('?')[0]),
			);
		expect(pages.length).toBeGreaterThan(0);
	});

	it('refuses a bad bulk id before sending anything', async () => {
		const { nodes } = await testbed.run([
			paysafeNode('Status', {
				resource: 'bulkOrder',
				operation: 'getStatus',
				customerId: EU_CUSTOMER,
				bulkId: 'a b/c',
			}),
		]);
		expect(nodes.Status.error?.message).toBe('The request has 1 invalid field; nothing was sent');
		expect(testbed.sandbox.admin.requests('paysafe')).toHaveLength(0);
	});
});
