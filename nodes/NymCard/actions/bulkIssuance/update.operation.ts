import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import {
	additionalBodyFieldsOption,
	readAdditionalBodyFields,
	withAdditionalBodyFields,
} from '../../../shared/additionalBodyFields';
import { requestOptionsCollection } from '../../../shared/options';
import { redact } from '../../../shared/redaction';
import { ValidationReport } from '../../../shared/validation';
import {
	compact,
	readAmountAndCurrency,
	readNameOnCard,
	readShippingAddress,
	shippingAddressProperty,
	type ShippingAddressInput,
} from '../../helpers/bulkIssuanceFields';
import { unwrapResource, type NymCardSession } from '../../transport';
import { bulkIssuanceIdProperty, readBulkIssuanceId } from './common';

const properties: INodeProperties[] = [
	bulkIssuanceIdProperty,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'NymCard accepts changes while the bulk is still a draft',
		options: [
			{
				displayName: 'Amount',
				name: 'amount',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: 0,
			},
			{
				displayName: 'Currency',
				name: 'currency',
				type: 'string',
				default: '',
				placeholder: 'USD',
			},
			{ displayName: 'Name on Card', name: 'nameOnCard', type: 'string', default: '' },
		],
	},
	{
		...shippingAddressProperty,
		description: 'Fill in to replace the whole shipping address; leave empty to keep it',
	},
	{
		...requestOptionsCollection,
		options: [additionalBodyFieldsOption, ...(requestOptionsCollection.options ?? [])],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['bulkIssuance'], operation: ['update'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	session: NymCardSession,
): Promise<IDataObject> {
	const id = readBulkIssuanceId(session);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const report = new ValidationReport();
	const { amount, currency } = readAmountAndCurrency(report, fields.amount, fields.currency);
	const nameOnCard = 'nameOnCard' in fields ? readNameOnCard(report, fields.nameOnCard) : undefined;
	const shippingAddress = readShippingAddress(
		report,
		this.getNodeParameter('shippingAddress', itemIndex, {}) as ShippingAddressInput,
	);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body = withAdditionalBodyFields(
		compact({
			amount,
			currency,
			name_on_card: nameOnCard,
			shipping_address: shippingAddress,
		}),
		readAdditionalBodyFields(report, options.additionalBodyFields),
	);
	if (report.ok && Object.keys(body).length === 0)
		report.add('Update Fields', 'add at least one field to change');
	report.throwIfInvalid(this.getNode(), itemIndex, 'The update');

	const response = await session.request<IDataObject>(
		{ method: 'PUT', path: `/bulkissuances/${encodeURIComponent(id)}`, body },
		`update bulk issuance ${id}`,
	);
	return redact(unwrapResource(response.body), session.secrets);
}
