import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { additionalBodyFieldsOption } from '../additionalBodyFields';
import { requestOptionFields } from '../options';
import { cardsSourceProperties } from './cards';

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

/**
 * The `options` collection of every create: output mode, Plan Only, extra body fields, pacing;
 * Look Up Before Creating where the provider refuses repeated card ids (`refusesRepeatedIds`).
 */
export function bulkOrderOptions(labels: {
	/** e.g. "One Item per Acme Call" */
	perCallName: string;
	perCallDescription: string;
	perCardDescription: string;
	/** For Look Up Before Creating: the provider's name and its word for a card's id. */
	repeatedIdsRefused?: { providerLabel: string; cardId: string };
}): INodeProperties {
	const refused = labels.repeatedIdsRefused;
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
			...(refused
				? [
						{
							displayName: 'Look Up Before Creating',
							name: 'lookUpBeforeCreating',
							type: 'boolean' as const,
							default: true,
							description: `Whether to look each call's ${refused.cardId}s up before sending it and send only the missing cards, so a re-run never repeats one. Off: each call is sent at once and looked up only when ${refused.providerLabel} refuses ${refused.cardId}s it already has, an answer is lost or leaves cards out — far fewer requests, but it counts on that refusal, which ${refused.providerLabel} does not document.`,
						},
					]
				: []),
			...requestOptionFields,
		],
	};
}

/**
 * The cards of an order in derivedIds mode (see `contract.ts`): Cards From (a count, input items or
 * a JSON list), Number of Cards, and an Order Reference worded for card ids derived from it.
 */
export function derivedIdsOrderProperties(labels: {
	providerLabel: string;
	/** The most cards of one provider call. */
	maxCardsPerCall: number;
	/** The provider's word for a call, plural, e.g. "batch calls". */
	calls: string;
	/** The provider's word for a card's id, e.g. "card ID". */
	cardId: string;
	exampleCard: IDataObject;
	/** Replaces the Order Reference's hint, e.g. when a re-run is safe only after some time. */
	orderReferenceHint?: string;
}): INodeProperties[] {
	const { providerLabel, cardId } = labels;
	return [
		...cardsSourceProperties({ providerLabel, quantity: true, exampleCard: labels.exampleCard }),
		{
			displayName: 'Number of Cards',
			name: 'numberOfCards',
			type: 'number',
			required: true,
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 1,
			displayOptions: { show: { cardsSource: ['quantity'] } },
			description: `Any number: split into ${providerLabel} ${labels.calls} of at most ${labels.maxCardsPerCall} cards, each card with a ${cardId} derived from the Order Reference`,
		},
		{
			...orderReferenceProperty,
			description: `Your reference for this order, e.g. a purchase-order number. Every card gets a ${cardId} derived from it, so a re-run of the same reference creates only the cards ${providerLabel} does not list yet.`,
			...(labels.orderReferenceHint ? { hint: labels.orderReferenceHint } : {}),
		},
	];
}
