import type { IDataObject } from 'n8n-workflow';

import {
	CARD_PRODUCT_ID,
	SHIPPING_ADDRESS,
	createOrderParameters,
	nymCardCounters,
	nymCardNode,
	useNymCardTestbed,
} from '../helpers/nymCard';
import { NYMCARD_GUIDE_EXAMPLE_ORDER } from '../fixtures/nymcardGuide';

const testbed = useNymCardTestbed();

/** An address in the field names the sandbox checks (NymCard's are unpublished). */
const BRANCH_ADDRESS = {
	address_line1: 'Branch 7, Corniche Road',
	city: 'Abu Dhabi',
	postal_code: '00000',
	country: 'AE',
};

const guideExampleParameters = (overrides: IDataObject = {}) =>
	createOrderParameters({
		cardProductId: CARD_PRODUCT_ID,
		numberOfCards: 50,
		amount: 100,
		currency: 'USD',
		nameOnCard: 'Gift Card',
		dryRun: false,
		shippingAddress: {},
		...overrides,
	});

function sentBodies(): IDataObject[] {
	return testbed.sandbox.admin
		.requests('nymcard')
		.filter((entry) => entry.method === 'POST' || entry.method === 'PUT')
		.map((entry) => entry.body as IDataObject);
}

describe('NymCard order fields through WorkflowExecute', () => {
	it("sends NymCard's documented example order as written, without a shipping address", async () => {
		const { nodes } = await testbed.run([nymCardNode('Order cards', guideExampleParameters())]);
		expect(nodes['Order cards'].error).toBeUndefined();
		expect(nodes['Order cards'].items[0].json).toMatchObject({ outcome: 'created', size: 50 });
		expect(sentBodies()).toEqual([NYMCARD_GUIDE_EXAMPLE_ORDER]);
		expect(nymCardCounters(testbed.sandbox)).toMatchObject({ cardsCreated: 50, bulksCreated: 1 });
	});

	it('sends a shipping address when one is given, with only the fields filled in', async () => {
		await testbed.run([
			nymCardNode(
				'Order cards',
				guideExampleParameters({ shippingAddress: { ...SHIPPING_ADDRESS, country: 'ae' } }),
			),
		]);
		expect(sentBodies()[0].shipping_address).toEqual({
			address_line1: SHIPPING_ADDRESS.addressLine1,
			city: SHIPPING_ADDRESS.city,
			postal_code: SHIPPING_ADDRESS.postalCode,
			country: 'AE',
		});
	});

	it("reports NymCard's refusal plainly when the tenant insists on an address", async () => {
		testbed.sandbox.admin.nymcard.configure({ requireShippingAddress: true });
		const { nodes } = await testbed.run([nymCardNode('Order cards', guideExampleParameters())]);
		const error = nodes['Order cards'].error;
		expect(error?.message).toBe(
			'NymCard rejected the request (HTTP 400) to create bulk issuance 1 of 1: The request is invalid: 1 field error',
		);
		expect(error?.description).toContain('shipping_address');
		expect(error?.description).toContain('is required');
		expect(nymCardCounters(testbed.sandbox)).toMatchObject({ bulksCreated: 0 });
	});

	it('merges Additional Body Fields into every call, our own fields winning a clash', async () => {
		const additional = {
			shipping_address: BRANCH_ADDRESS,
			number_of_cards: 99_999,
			name_on_card: 'Overridden',
		};
		const { nodes } = await testbed.run([
			nymCardNode(
				'Order cards',
				guideExampleParameters({
					numberOfCards: 5001,
					options: { requestsPerSecond: 50, additionalBodyFields: JSON.stringify(additional) },
				}),
			),
		]);
		expect(nodes['Order cards'].error).toBeUndefined();
		const bodies = sentBodies();
		expect(bodies.map((body) => body.number_of_cards)).toEqual([5000, 1]);
		for (const body of bodies) {
			expect(body.shipping_address).toEqual(additional.shipping_address);
			expect(body.name_on_card).toBe('Gift Card');
		}
		expect(nymCardCounters(testbed.sandbox)).toMatchObject({ cardsCreated: 5001 });
	});

	it('accepts Additional Body Fields given as an object by an expression', async () => {
		await testbed.run(
			[
				nymCardNode(
					'Order cards',
					guideExampleParameters({
						options: { requestsPerSecond: 50, additionalBodyFields: '={{ $json.extra }}' },
					}),
				),
			],
			[{ extra: { shipping_address: BRANCH_ADDRESS } }],
		);
		expect(sentBodies()[0].shipping_address).toEqual(BRANCH_ADDRESS);
	});

	it('refuses Additional Body Fields that are not a JSON object before sending anything', async () => {
		for (const [value, expected] of [
			['{"shipping_address": ', 'is not valid JSON'],
			['[1, 2]', 'must be a JSON object'],
		]) {
			const { nodes } = await testbed.run([
				nymCardNode(
					'Order cards',
					guideExampleParameters({ options: { additionalBodyFields: value } }),
				),
			]);
			const error = nodes['Order cards'].error;
			expect(error?.message).toBe('The NymCard order has 1 invalid field; nothing was sent');
			expect(error?.description).toContain(`Additional Body Fields (JSON): ${expected}`);
		}
		expect(testbed.sandbox.admin.requests('nymcard')).toHaveLength(0);
	});

	it('update sends Additional Body Fields and leaves out an empty shipping address', async () => {
		const created = await testbed.run([nymCardNode('Order cards', guideExampleParameters())]);
		const id = created.nodes['Order cards'].items[0].json.bulkIssuanceId as string;
		const { nodes } = await testbed.run([
			nymCardNode('Update', {
				resource: 'bulkIssuance',
				operation: 'update',
				bulkIssuanceId: id,
				updateFields: { nameOnCard: 'Branch 7' },
				options: {
					additionalBodyFields: JSON.stringify({
						shipping_address: BRANCH_ADDRESS,
						name_on_card: 'x',
					}),
				},
			}),
		]);
		expect(nodes.Update.error).toBeUndefined();
		expect(sentBodies().at(-1)).toEqual({
			name_on_card: 'Branch 7',
			shipping_address: BRANCH_ADDRESS,
		});
	});

	it('Plan Only returns the plan with the keys a real run sends, and sends nothing', async () => {
		const parameters = guideExampleParameters({
			numberOfCards: 12_001,
			orderReference: 'PO-PLAN',
			submitAfterCreate: true,
		});
		const planned = await testbed.run([
			nymCardNode('Order cards', {
				...parameters,
				options: { requestsPerSecond: 4, planOnly: true },
			}),
		]);
		const [plan] = planned.nodes['Order cards'].items.map((item) => item.json);
		expect(testbed.sandbox.admin.requests('nymcard')).toHaveLength(0);
		expect(plan).toMatchObject({
			provider: 'nymcard',
			orderReference: 'PO-PLAN',
			planOnly: true,
			requested: 12_001,
			calls: 3,
			requests: 6,
			expectedSeconds: 2,
		});
		await testbed.run([nymCardNode('Order cards', parameters)]);
		const keys = testbed.sandbox.admin
			.requests('nymcard')
			.filter((entry) => entry.method === 'POST')
			.map((entry) => entry.idempotencyKey)
			.sort();
		expect(keys).toEqual(
			(plan.chunks as Array<{ idempotencyKey: string }>).map((c) => c.idempotencyKey).sort(),
		);
	});
});
