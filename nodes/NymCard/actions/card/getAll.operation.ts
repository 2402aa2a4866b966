import { updateDisplayOptions, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { requestOptionsCollection } from '../../../shared/options';
import { redact } from '../../../shared/redaction';
import { listWithCursor, type NymCardSession } from '../../transport';
import {
	bulkIssuanceIdProperty,
	readBulkIssuanceId,
	readListLimit,
	returnAllProperties,
} from '../bulkIssuance/common';

export const description = updateDisplayOptions(
	{ show: { resource: ['card'], operation: ['getAll'] } },
	[
		{ ...bulkIssuanceIdProperty, description: 'The bulk issuance whose cards are listed' },
		...returnAllProperties('cards'),
		requestOptionsCollection,
	],
);

export async function execute(
	this: IExecuteFunctions,
	_itemIndex: number,
	session: NymCardSession,
): Promise<IDataObject[]> {
	const bulkIssuanceId = readBulkIssuanceId(session);
	const cards = await listWithCursor(
		session,
		'/cards',
		{ bulk_issuance_id: bulkIssuanceId },
		readListLimit(session),
		`list the cards of bulk issuance ${bulkIssuanceId}`,
	);
	return cards.map((card) => redact(card, session.secrets));
}
