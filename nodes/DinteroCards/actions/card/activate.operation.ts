import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { compact } from '../../../shared/compact';
import { defineOperation } from '../../../shared/operation';
import type { ProviderRequestError } from '../../../shared/request';
import type { ProviderSession } from '../../../shared/session';
import type { ValidationReport } from '../../../shared/validation';
import { idProblem } from '../../helpers/batchFields';
import { cardPath, DINTERO } from '../../transport';
import { cardIdProperty, readCardId } from '../common';

// POST /accounts/{aid}/wallets/cards/{card_id}/activate (providers.md §4.5 and §6): only amount
// (integer ≥ 0, smallest unit) and currency are required.
const CURRENCIES = ['NOK', 'SEK', 'DKK', 'EUR', 'USD'];

const properties: INodeProperties[] = [
	cardIdProperty,
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		required: true,
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 0,
		placeholder: '50000',
		description:
			'The value loaded on the card, in the smallest unit of the currency (50000 = 500.00 NOK)',
	},
	{
		displayName: 'Currency',
		name: 'currency',
		type: 'options',
		default: 'NOK',
		options: CURRENCIES.map((currency) => ({ name: currency, value: currency })),
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Active From',
				name: 'activeFrom',
				type: 'dateTime',
				default: '',
				description: 'No purchase with the card before this time (default: now)',
			},
			{
				displayName: 'Customer ID',
				name: 'customerId',
				type: 'string',
				default: '',
				description: 'Your ID of the customer who owns the card (at most 255 characters)',
			},
			{
				displayName: 'Expires At',
				name: 'expiresAt',
				type: 'dateTime',
				default: '',
				description: 'No transaction with the card after this time (default: never expires)',
			},
			{
				displayName: 'Metadata',
				name: 'metadata',
				type: 'json',
				default: '{}',
				description:
					'A JSON object of your own keys and values stored with the card (keys starting with dintero_ are reserved)',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Display name of the card',
			},
			{
				displayName: 'Originated By',
				name: 'originatedBy',
				type: 'string',
				default: '',
				description:
					'Who or what activated the card, e.g. a till or shop ID (at most 255 characters)',
			},
		],
	},
	{
		displayName:
			'Each input item activates one card and its output is paired to it. A card that is already active is read and reported (outcome "alreadyActive"), not activated twice.',
		name: 'activateNotice',
		type: 'notice',
		default: '',
	},
];

interface Activation {
	cardId: string;
	body: IDataObject;
}

function readActivation(session: ProviderSession, report: ValidationReport): Activation {
	const cardId = readCardId(session, report);
	const amount = report.requireInteger('Amount', session.parameter('amount'), 0);
	const currency = String(session.parameter('currency', 'NOK') ?? '').toUpperCase();
	if (!CURRENCIES.includes(currency))
		report.add('Currency', `must be one of ${CURRENCIES.join(', ')}`);
	const fields = session.parameter<IDataObject>('additionalFields', {}) ?? {};
	const id = (label: string, value: unknown) => {
		if (value === undefined || value === '') return undefined;
		const problem = idProblem(value);
		if (problem) report.add(`Additional Fields › ${label}`, problem);
		return value as string;
	};
	return {
		cardId,
		body: compact({
			amount,
			currency,
			customer_id: id('Customer ID', fields.customerId),
			name: (fields.name as string | undefined) || undefined,
			originated_by: id('Originated By', fields.originatedBy),
			metadata: readMetadata(report, fields.metadata),
			active_from: readDateTime(report, 'Active From', fields.activeFrom),
			expires_at: readDateTime(report, 'Expires At', fields.expiresAt),
		}),
	};
}

function readMetadata(report: ValidationReport, value: unknown): IDataObject | undefined {
	let parsed = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return undefined;
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			report.add('Additional Fields › Metadata', `is not valid JSON (${(error as Error).message})`);
			return undefined;
		}
	}
	if (parsed === undefined || parsed === null) return undefined;
	if (typeof parsed !== 'object' || Array.isArray(parsed)) {
		report.add(
			'Additional Fields › Metadata',
			'must be a JSON object, e.g. {"order_id": "xk39592f"}',
		);
		return undefined;
	}
	const reserved = Object.keys(parsed).filter((key) => key.startsWith('dintero_'));
	if (reserved.length > 0)
		report.add(
			'Additional Fields › Metadata',
			`keys starting with dintero_ are reserved by Dintero (${reserved.join(', ')})`,
		);
	return Object.keys(parsed).length > 0 ? (parsed as IDataObject) : undefined;
}

function readDateTime(report: ValidationReport, label: string, value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const time = Date.parse(String(value));
	if (Number.isNaN(time)) {
		report.add(
			`Additional Fields › ${label}`,
			'must be a date and time, e.g. 2026-12-24T10:00:00Z',
		);
		return undefined;
	}
	return new Date(time).toISOString();
}

/** Whether a card already active carries what this activation asked for. */
function matches(card: IDataObject, body: IDataObject): boolean {
	return (
		card.currency === body.currency &&
		(body.customer_id === undefined || card.customer_id === body.customer_id)
	);
}

function output(
	outcome: 'activated' | 'alreadyActive',
	card: IDataObject,
	extra: IDataObject = {},
) {
	return compact({
		provider: DINTERO.provider,
		card_id: card.card_id as string | undefined,
		outcome,
		status: card.status as string | undefined,
		...extra,
		card,
	});
}

/** A refusal that may mean "this card is not inactive" (Dintero names no code for it). */
function mayBeStatusRefusal(failure: ProviderRequestError): boolean {
	const { failure: cause } = failure;
	return cause.kind === 'http' && [400, 409, 422].includes(cause.statusCode);
}

export const { description, execute } = defineOperation({
	resource: 'card',
	operation: 'activate',
	subject: 'The card activation',
	properties,
	read: readActivation,
	run: async (session, { cardId, body }) => {
		const action = `activate card ${cardId}`;
		const request = { method: 'POST' as const, path: cardPath(cardId, '/activate'), body };
		const readCard = async () =>
			(
				await session.request<IDataObject>(
					{ method: 'GET', path: cardPath(cardId) },
					`read card ${cardId} after its activation failed`,
				)
			).body ?? {};
		for (let attempt = 0; ; attempt++) {
			const sent = await session.attempt<IDataObject>(request);
			if (sent.ok) return output('activated', sent.response.body ?? {});
			const { failure } = sent;
			// Dintero activates only inactive cards. When it refuses, or the answer was lost, the
			// card itself tells what happened: never activated twice, never failed blindly.
			if (!failure.ambiguous && !mayBeStatusRefusal(failure)) throw session.error(failure, action);
			const card = await readCard();
			if (card.status !== 'inactive') {
				const matchesRequest = matches(card, body);
				if (failure.ambiguous && matchesRequest)
					return output('activated', card, { confirmedByReadingTheCard: true });
				return output('alreadyActive', card, {
					matchesRequest,
					message: `Card ${cardId} was already ${String(card.status)}: it was not activated again`,
				});
			}
			// Still inactive: a lost answer means the activation did not happen; send it once more.
			if (!failure.ambiguous || attempt >= 1) throw session.error(failure, action);
		}
	},
});
