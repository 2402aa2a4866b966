import type { IDataObject } from 'n8n-workflow';

import { defineOperation, readListLimit, returnAllProperties } from '../../../shared/operation';
import { customerPath, listWithOffset } from '../../transport';
import { bulkIdProperty, customerIdProperty, readBulkId, readCustomerId } from '../common';

export const { description, execute } = defineOperation({
	resource: 'bulkOrder',
	operation: 'get',
	properties: [
		{ ...customerIdProperty, placeholder: 'e.g. {{ $json.customerId }}' },
		bulkIdProperty,
		...returnAllProperties('the cards of the bulk order'),
	],
	read: (session, report) => ({
		customerId: readCustomerId(session, report),
		bulkId: readBulkId(session, report),
		limit: readListLimit(session, report),
	}),
	run: async (session, { customerId, bulkId, limit }) => {
		const { records, first } = await listWithOffset(
			session,
			customerPath(customerId, `/bulk/${encodeURIComponent(bulkId)}`),
			{},
			limit,
			`read bulk order ${bulkId}`,
		);
		const bulk: IDataObject = { ...first, cards: records };
		delete bulk.meta;
		return bulk;
	},
});
