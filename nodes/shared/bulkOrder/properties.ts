import type { INodeProperties } from 'n8n-workflow';

import { additionalBodyFieldsOption } from '../additionalBodyFields';
import { requestOptionFields } from '../options';

/** `orderReference`, the same on every create (a public parameter name). */
export const orderReferenceProperty: INodeProperties = {
	displayName: 'Order Reference',
	name: 'orderReference',
	type: 'string',
	required: true,
	default: '={{ $execution.id }}-{{ $itemIndex }}',
	description:
		'Your reference for this order, e.g. a purchase-order number. Each call carries an idempotency key derived from it, so running the same reference again never orders the cards twice.',
	hint: 'Use a stable business reference so that a re-run of the workflow cannot order the same cards again',
};

/** The `options` collection of every create: output mode, Plan Only, extra body fields, pacing. */
export function bulkOrderOptions(labels: {
	/** e.g. "One Item per Acme Call" */
	perCallName: string;
	perCallDescription: string;
	perCardDescription: string;
}): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Output Mode',
				name: 'outputMode',
				type: 'options',
				default: 'perCall',
				options: [
					{ name: labels.perCallName, value: 'perCall', description: labels.perCallDescription },
					{ name: 'One Item per Card', value: 'perCard', description: labels.perCardDescription },
				],
			},
			{
				displayName: 'Plan Only',
				name: 'planOnly',
				type: 'boolean',
				default: false,
				description:
					'Whether to return the plan of the order (calls, their sizes and idempotency keys or card IDs, requests, expected time) without sending anything',
			},
			additionalBodyFieldsOption,
			...requestOptionFields,
		],
	};
}
