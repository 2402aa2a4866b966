import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ValidationReport } from '../../../shared/validation';
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

/** The Bulk Issuance ID; ids are put in URL paths, so their shape matters. */
export function readBulkIssuanceId(session: NymCardSession, report: ValidationReport): string {
	return (
		report.requireId(
			'Bulk Issuance ID',
			session.parameter('bulkIssuanceId'),
			'NymCard returned for the bulk issuance',
		) ?? ''
	);
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
