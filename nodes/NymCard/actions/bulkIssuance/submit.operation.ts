import { defineOperation } from '../../../shared/operation';
import { bulkState } from '../../helpers/bulkStatus';
import { NYMCARD } from '../../transport';
import { bulkIssuanceIdProperty, fetchBulkIssuance, readBulkIssuanceId } from './common';
import { submitBulkIssuance } from './submitBulkIssuance';

export const { description, execute } = defineOperation({
	resource: 'bulkIssuance',
	operation: 'submit',
	properties: [bulkIssuanceIdProperty],
	read: readBulkIssuanceId,
	run: async (session, id) => {
		const bulk = await fetchBulkIssuance(
			session,
			id,
			`read bulk issuance ${id} before submitting it`,
		);
		const result = await submitBulkIssuance(session, bulk, `submit bulk issuance ${id}`);
		if (result.error) throw result.error;
		return {
			provider: NYMCARD.provider,
			bulkIssuanceId: id,
			submitted: true,
			alreadySubmitted: result.alreadySubmitted,
			status: (result.bulk.status as string) ?? null,
			state: bulkState(result.bulk),
			bulkIssuance: result.bulk,
		};
	},
});
