import type { INodeProperties } from 'n8n-workflow';

import type { ProviderSession } from '../../shared/session';
import type { ValidationReport } from '../../shared/validation';

export const customerIdProperty: INodeProperties = {
	displayName: 'Customer ID',
	name: 'customerId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '1231122232',
	description: 'The Paysafe customer (business) the cards are ordered for',
};

export const bulkIdProperty: INodeProperties = {
	displayName: 'Bulk ID',
	name: 'bulkId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. {{ $json.bulkId }}',
	description: 'The ID Paysafe gave the bulk order (output "bulkId" of the Create operation)',
};

export function readCustomerId(session: ProviderSession, report: ValidationReport): string {
	return (
		report.requireId('Customer ID', session.parameter('customerId'), 'of a Paysafe customer') ?? ''
	);
}

export function readBulkId(session: ProviderSession, report: ValidationReport): string {
	return (
		report.requireId(
			'Bulk ID',
			session.parameter('bulkId'),
			'Paysafe returned for the bulk order',
		) ?? ''
	);
}
