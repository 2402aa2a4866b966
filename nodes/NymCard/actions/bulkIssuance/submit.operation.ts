import { updateDisplayOptions, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { requestOptionsCollection } from '../../../shared/options';
import { redact } from '../../../shared/redaction';
import { bulkState } from '../../helpers/bulkStatus';
import { NYMCARD, type NymCardSession } from '../../transport';
import { bulkIssuanceIdProperty, fetchBulkIssuance, readBulkIssuanceId } from './common';
import { submitBulkIssuance } from './submitBulkIssuance';

export const description = updateDisplayOptions(
	{ show: { resource: ['bulkIssuance'], operation: ['submit'] } },
	[bulkIssuanceIdProperty, requestOptionsCollection],
);

export async function execute(
	this: IExecuteFunctions,
	_itemIndex: number,
	session: NymCardSession,
): Promise<IDataObject> {
	const id = readBulkIssuanceId(session);
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
		bulkIssuance: redact(result.bulk, session.secrets),
	};
}
