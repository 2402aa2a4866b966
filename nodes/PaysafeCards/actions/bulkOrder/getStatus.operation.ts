import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../../shared/operation';
import { normaliseBulkOrder } from '../../helpers/bulkStatus';
import { customerPath } from '../../transport';
import { bulkIdProperty, customerIdProperty, readBulkId, readCustomerId } from '../common';

export const { description, execute } = defineOperation({
	resource: 'bulkOrder',
	operation: 'getStatus',
	properties: [
		{ ...customerIdProperty, placeholder: 'e.g. {{ $json.customerId }}' },
		bulkIdProperty,
		{
			displayName: 'Cards Ordered',
			name: 'numberOfCards',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			default: 0,
			placeholder: 'e.g. {{ $json.size }}',
			description:
				'How many cards the bulk ordered (output "size" of Create). Paysafe reports only the cards it created, so this is what tells a partly completed bulk; 0 when unknown.',
		},
		{
			displayName: 'Order Reference',
			name: 'orderReference',
			type: 'string',
			default: '',
			description: 'Shown in the output, to tell orders apart',
		},
	],
	read: (session, report) => ({
		customerId: readCustomerId(session, report),
		bulkId: readBulkId(session, report),
		ordered: report.requireInteger('Cards Ordered', session.parameter('numberOfCards', 0), 0),
		orderReference: String(session.parameter('orderReference', '') ?? '') || undefined,
	}),
	run: async (session, { customerId, bulkId, ordered, orderReference }) => {
		const { body } = await session.request<IDataObject>(
			{
				method: 'GET',
				path: customerPath(customerId, `/bulk/${encodeURIComponent(bulkId)}`),
				qs: { limit: 1 },
			},
			`read the status of bulk order ${bulkId}`,
		);
		const bulk = { ...(body ?? {}) };
		delete bulk.cards;
		// The customer goes out again (bulkId and requested already do), so that a status item can
		// be fed back into Get Status (a workflow that waits for its order in a loop).
		return {
			...normaliseBulkOrder(bulk, ordered || undefined, session.clock.now(), orderReference),
			customerId,
		} as unknown as IDataObject;
	},
});
