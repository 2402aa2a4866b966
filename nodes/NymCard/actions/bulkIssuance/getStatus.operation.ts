import { updateDisplayOptions, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { requestOptionsCollection } from '../../../shared/options';
import { redact } from '../../../shared/redaction';
import { normaliseBulkIssuance } from '../../helpers/bulkStatus';
import type { NymCardSession } from '../../transport';
import { bulkIssuanceIdProperty, fetchBulkIssuance, readBulkIssuanceId } from './common';

export const description = updateDisplayOptions(
	{ show: { resource: ['bulkIssuance'], operation: ['getStatus'] } },
	[bulkIssuanceIdProperty, requestOptionsCollection],
);

export async function execute(
	this: IExecuteFunctions,
	_itemIndex: number,
	session: NymCardSession,
): Promise<IDataObject> {
	const id = readBulkIssuanceId(session);
	const body = await fetchBulkIssuance(session, id, `read the status of bulk issuance ${id}`);
	return redact(
		normaliseBulkIssuance(body, session.clock.now()),
		session.secrets,
	) as unknown as IDataObject;
}
