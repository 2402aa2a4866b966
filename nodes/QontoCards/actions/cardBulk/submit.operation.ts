import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { submitAwaitingChunk } from '../../../shared/bulkOrder';
import type { PairedItems } from '../../../shared/items';
import { requestOptionsCollection } from '../../../shared/options';
import type { ProviderSession } from '../../../shared/session';
import { ValidationReport } from '../../../shared/validation';
import { approvalProperties, readApprovalSettings } from './approvalProperties';
import { cardBulkCreate } from './create.operation';

const properties: INodeProperties[] = [
	{
		displayName:
			'Connect the output of a Create whose calls came back "awaiting_approval" (One Item per Qonto Call): each such item is sent again, with its approval, exactly as it was first sent',
		name: 'submitNotice',
		type: 'notice',
		default: '',
	},
	...approvalProperties.filter((property) => property.name !== 'scaPreference'),
	requestOptionsCollection,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['cardBulk'], operation: ['submit'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	session: ProviderSession,
): Promise<PairedItems> {
	const report = new ValidationReport();
	const settings = readApprovalSettings(session, report);
	report.throwIfInvalid(this.getNode(), itemIndex, 'The submit');
	const awaiting = this.getInputData()[itemIndex].json as IDataObject;
	return await submitAwaitingChunk(
		session,
		cardBulkCreate,
		{ ...settings, secrets: session.secrets },
		awaiting,
		// Submitting means the approval is expected: ask at least once even when not waiting.
		settings.waitForApproval ? settings.approvalTimeoutSeconds * 1000 : 0,
	);
}
