import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	additionalBodyFieldsOption,
	readAdditionalBodyFields,
	withAdditionalBodyFields,
} from '../../../shared/additionalBodyFields';
import { compact } from '../../../shared/compact';
import { defineOperation } from '../../../shared/operation';
import { requestOptionsCollection } from '../../../shared/options';
import {
	readAmountAndCurrency,
	readNameOnCard,
	readShippingAddress,
	shippingAddressProperty,
	type ShippingAddressInput,
} from '../../helpers/bulkIssuanceFields';
import { unwrapResource } from '../../transport';
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

export const { description, execute } = defineOperation({
	resource: 'bulkIssuance',
	operation: 'update',
	properties,
	subject: 'The update',
	read: (session, report) => {
		const id = readBulkIssuanceId(session, report);
		const fields = session.parameter<IDataObject>('updateFields', {});
		const { amount, currency } = readAmountAndCurrency(report, fields.amount, fields.currency);
		const nameOnCard =
			'nameOnCard' in fields ? readNameOnCard(report, fields.nameOnCard) : undefined;
		const shippingAddress = readShippingAddress(
			report,
			session.parameter<ShippingAddressInput>('shippingAddress', {}),
		);
		const options = session.parameter<IDataObject>('options', {});
		const body = withAdditionalBodyFields(
			compact({ amount, currency, name_on_card: nameOnCard, shipping_address: shippingAddress }),
			readAdditionalBodyFields(report, options.additionalBodyFields),
		);
		if (report.ok && Object.keys(body).length === 0)
			report.add('Update Fields', 'add at least one field to change');
		return { id, body };
	},
	run: async (session, { id, body }) => {
		const response = await session.request<IDataObject>(
			{ method: 'PUT', path: `/bulkissuances/${encodeURIComponent(id)}`, body },
			`update bulk issuance ${id}`,
		);
		return unwrapResource(response.body);
	},
});
