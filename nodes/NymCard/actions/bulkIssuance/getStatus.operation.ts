import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../../shared/operation';
import { normaliseBulkIssuance } from '../../helpers/bulkStatus';
import { bulkIssuanceIdProperty, fetchBulkIssuance, readBulkIssuanceId } from './common';

export const { description, execute } = defineOperation({
	resource: 'bulkIssuance',
	operation: 'getStatus',
	properties: [bulkIssuanceIdProperty],
	read: readBulkIssuanceId,
	run: async (session, id) => {
		const bulk = await fetchBulkIssuance(session, id, `read the status of bulk issuance ${id}`);
		return normaliseBulkIssuance(bulk, session.clock.now()) as unknown as IDataObject;
	},
});
