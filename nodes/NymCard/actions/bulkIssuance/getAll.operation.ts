import { updateDisplayOptions, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { requestOptionsCollection } from '../../../shared/options';
import { redact } from '../../../shared/redaction';
import { listWithCursor, type NymCardSession } from '../../transport';
import { readListLimit, returnAllProperties } from './common';

export const description = updateDisplayOptions(
	{ show: { resource: ['bulkIssuance'], operation: ['getAll'] } },
	[...returnAllProperties('bulk issuances, newest first'), requestOptionsCollection],
);

export async function execute(
	this: IExecuteFunctions,
	_itemIndex: number,
	session: NymCardSession,
): Promise<IDataObject[]> {
	const records = await listWithCursor(
		session,
		'/bulkissuances',
		{},
		readListLimit(session),
		'list bulk issuances',
	);
	return records.map((record) => redact(record, session.secrets));
}
