import { updateDisplayOptions, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { requestOptionsCollection } from '../../../shared/options';
import { redact } from '../../../shared/redaction';
import type { NymCardSession } from '../../transport';
import { bulkIssuanceIdProperty, fetchBulkIssuance, readBulkIssuanceId } from './common';

export const description = updateDisplayOptions(
	{ show: { resource: ['bulkIssuance'], operation: ['get'] } },
	[bulkIssuanceIdProperty, requestOptionsCollection],
);

export async function execute(
	this: IExecuteFunctions,
	_itemIndex: number,
	session: NymCardSession,
): Promise<IDataObject> {
	const id = readBulkIssuanceId(session);
	return redact(await fetchBulkIssuance(session, id, `read bulk issuance ${id}`), session.secrets);
}
