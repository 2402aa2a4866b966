import { defineOperation, readListLimit, returnAllProperties } from '../../../shared/operation';
import { listWithCursor } from '../../transport';

export const { description, execute } = defineOperation({
	resource: 'bulkIssuance',
	operation: 'getAll',
	properties: returnAllProperties('bulk issuances, newest first'),
	read: readListLimit,
	run: async (session, limit) =>
		await listWithCursor(session, '/bulkissuances', {}, limit, 'list bulk issuances'),
});
