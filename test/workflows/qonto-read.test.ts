import {
	HOLDERS,
	cardRequests,
	createParameters,
	qontoNode,
	useQontoTestbed,
} from '../helpers/qonto';

const testbed = useQontoTestbed();

async function createCards(count: number): Promise<string[]> {
	testbed.sandbox.admin.qonto.configure({ scaAutoApproveAfterMs: 0 });
	const { nodes } = await testbed.run(
		[qontoNode('Create', createParameters({ options: { outputMode: 'perCall' } }))],
		cardRequests(count),
	);
	return nodes.Create.items.flatMap((item) => item.json.cardIds as string[]);
}

describe('Qonto status and listing through WorkflowExecute', () => {
	it('getStatus follows the cards of an order from processing to completed, with counts per status; its item can be fed back', async () => {
		const ids = await createCards(120);
		const status = async (cardIds: string[]) =>
			(
				await testbed.run([
					qontoNode(
						'Status',
						{
							resource: 'cardBulk',
							operation: 'getStatus',
							cardIds: cardIds.join(','),
							orderReference: 'PO-Q-1',
						},
						'apiKey',
					),
				])
			).nodes.Status.items[0].json;
		const first = await status(ids);
		expect(first).toMatchObject({
			provider: 'qonto',
			orderReference: 'PO-Q-1',
			state: 'processing',
			requested: 120,
			created: 0,
			terminal: false,
			counts: { pending: 120 },
			missing: 0,
			cardIds: ids,
		});
		testbed.sandbox.admin.clock.advance(60_000);
		// A workflow waiting in a loop asks again with the status item's own card IDs.
		expect(await status(first.cardIds as string[])).toMatchObject({
			state: 'completed',
			created: 120,
			terminal: true,
			counts: { live: 120 },
		});
		const lists = testbed.sandbox.admin
			.requests('qonto')
			.filter((entry) => entry.method === 'GET' && entry.path.endsWith('/v2/cards'));
		expect(lists.length).toBe(4);
	});

	it("getAll sends Qonto's filters as lists and follows its pages", async () => {
		await createCards(130);
		const { nodes } = await testbed.run([
			qontoNode(
				'List',
				{
					resource: 'card',
					operation: 'getAll',
					returnAll: true,
					filters: { holderIds: HOLDERS[0], statuses: ['pending'], sortBy: 'created_at:asc' },
				},
				'apiKey',
			),
		]);
		const cards = nodes.List.items.map((item) => item.json);
		const expected = cardRequests(130).filter((card) => card.holder_id === HOLDERS[0]).length;
		expect(cards).toHaveLength(expected);
		expect(cards.every((card) => card.holder_id === HOLDERS[0])).toBe(true);

		const limited = await testbed.run([
			qontoNode(
				'List',
				{ resource: 'card', operation: 'getAll', returnAll: false, limit: 7 },
				'apiKey',
			),
		]);
		expect(limited.nodes.List.items).toHaveLength(7);
	});

	it('refuses card ids that cannot be ids before calling Qonto', async () => {
		const { nodes } = await testbed.run([
			qontoNode(
				'Status',
				{ resource: 'cardBulk', operation: 'getStatus', cardIds: 'abc, ../etc' },
				'apiKey',
			),
		]);
		expect(nodes.Status.error?.description).toContain('Card IDs: 1 value(s) cannot be ids');
		expect(testbed.sandbox.admin.requests('qonto')).toHaveLength(0);
	});
});
