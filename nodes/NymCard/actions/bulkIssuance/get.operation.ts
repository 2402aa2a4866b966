import { defineOperation } from '../../../shared/operation';
import { bulkIssuanceIdProperty, fetchBulkIssuance, readBulkIssuanceId } from './common';

export const { description, execute } = defineOperation({
	resource: 'bulkIssuance',
	operation: 'get',
	properties: [bulkIssuanceIdProperty],
	read: readBulkIssuanceId,
	run: async (session, id) => await fetchBulkIssuance(session, id, `read bulk issuance ${id}`),
});
