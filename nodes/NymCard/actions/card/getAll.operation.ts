import { defineOperation, readListLimit, returnAllProperties } from '../../../shared/operation';
import { listWithCursor } from '../../transport';
import { bulkIssuanceIdProperty, readBulkIssuanceId } from '../bulkIssuance/common';

export const { description, execute } = defineOperation({
	resource: 'card',
	operation: 'getAll',
	properties: [
		{ ...bulkIssuanceIdProperty, description: 'The bulk issuance whose cards are listed' },
		...returnAllProperties('cards'),
	],
	read: (session, report) => ({
		bulkIssuanceId: readBulkIssuanceId(session, report),
		limit: readListLimit(session, report),
	}),
	run: async (session, { bulkIssuanceId, limit }) =>
		await listWithCursor(
			session,
			'/cards',
			{ bulk_issuance_id: bulkIssuanceId },
			limit,
			`list the cards of bulk issuance ${bulkIssuanceId}`,
		),
});
