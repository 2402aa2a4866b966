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
	const bulkId = session.parameter<unknown>('bulkId');
	const foundBefore = bulkId === '' || bulkId === undefined ? cardsFoundByARerun(session) : 0;
	if (foundBefore > 0) {
		report.add(
			'Bulk ID',
			`is empty: this item is a Create call whose ${foundBefore} card(s) Paysafe already listed from an earlier run of the same order, so nothing was ordered and there is no bulk order to check. Let such items pass Get Status, e.g. with an If on {{ $json.bulkId }} before it`,
		);
		return '';
	}
	return report.requireId('Bulk ID', bulkId, 'Paysafe returned for the bulk order') ?? '';
}

/** `alreadyExisted` of the input item when it is a Create item that ordered nothing (a re-run). */
function cardsFoundByARerun(session: ProviderSession): number {
	if (!('getInputData' in session.context)) return 0;
	const json = session.context.getInputData()[session.itemIndex]?.json ?? {};
	return json.bulkId === undefined && typeof json.alreadyExisted === 'number'
		? json.alreadyExisted
		: 0;
}
