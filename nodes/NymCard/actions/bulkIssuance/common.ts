import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { RESOURCE_ID_PATTERN } from '../../helpers/bulkIssuanceFields';
import { ValidationReport } from '../../../shared/validation';
import { unwrapResource, type NymCardSession } from '../../transport';

export const bulkIssuanceIdProperty: INodeProperties = {
	displayName: 'Bulk Issuance ID',
	name: 'bulkIssuanceId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. {{ $json.bulkIssuanceId }}',
	description:
		'The ID NymCard gave the bulk issuance (output "bulkIssuanceId" of the Create operation)',
};

export function returnAllProperties(what: string): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
			hint: `Counts ${what}`,
		},
	];
}

/** Reads and checks the Bulk Issuance ID; ids are put in URL paths, so their shape matters. */
export function readBulkIssuanceId(session: NymCardSession): string {
	const report = new ValidationReport();
	const id = report.requireText(
		'Bulk Issuance ID',
		session.context.getNodeParameter('bulkIssuanceId', session.itemIndex),
		{
			pattern: RESOURCE_ID_PATTERN,
			patternHint:
				'must be the id NymCard returned for the bulk issuance (letters, digits, - _ . : ~)',
		},
	);
	report.throwIfInvalid(session.context.getNode(), session.itemIndex, 'The request');
	return id as string;
}

export function readListLimit(session: NymCardSession): number {
	const { context, itemIndex } = session;
	if (context.getNodeParameter('returnAll', itemIndex, false) === true)
		return Number.MAX_SAFE_INTEGER;
	const report = new ValidationReport();
	const limit = report.requireInteger('Limit', context.getNodeParameter('limit', itemIndex, 50), 1);
	report.throwIfInvalid(context.getNode(), itemIndex, 'The request');
	return limit as number;
}

export async function fetchBulkIssuance(
	session: NymCardSession,
	id: string,
	action: string,
): Promise<IDataObject> {
	const { body } = await session.request<IDataObject>(
		{ method: 'GET', path: `/bulkissuances/${encodeURIComponent(id)}` },
		action,
	);
	return unwrapResource(body);
}
