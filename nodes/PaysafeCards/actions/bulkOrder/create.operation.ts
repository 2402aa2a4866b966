import {
	NodeApiError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import {
	bulkOrderOptions,
	derivedIdsOrderProperties,
	readCards,
	runBulkOrder,
	type BulkCreateSpec,
	type ChunkResult,
} from '../../../shared/bulkOrder';
import { compact } from '../../../shared/compact';
import type { PairedItems } from '../../../shared/items';
import { readRecords } from '../../../shared/records';
import type { ProviderSession } from '../../../shared/session';
import type { ValidationReport } from '../../../shared/validation';
import {
	checkPaysafeCard,
	deliveryAddressProperty,
	readCurrency,
	readDeliveryAddress,
	readMobile,
	type DeliveryAddressInput,
} from '../../helpers/orderFields';
import { customerPath, externalIdOf, listWithOffset, PAYSAFE } from '../../transport';
import { customerIdProperty, readCustomerId } from '../common';

const UNKNOWN_CUSTOMER_ADVICE =
	'Paysafe does not know this customer (DW-NO-SUCH-CUSTOMER): check the Customer ID, and that the credential points at the environment where the customer was onboarded.';

const DEFAULT_USER_AGENT = 'n8n-nodes-bulk-cards/0.1 (n8n workflow automation)';

const properties: INodeProperties[] = [
	customerIdProperty,
	{
		displayName: 'Program Name',
		name: 'programName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'PHYSICAL-MC-EEA',
		description: 'The card programme Paysafe set up for you',
	},
	{
		displayName: 'Card Type',
		name: 'cardType',
		type: 'options',
		default: 'PHYSICAL',
		options: [
			{ name: 'Physical', value: 'PHYSICAL', description: 'Delivered to the delivery address' },
			{ name: 'Virtual', value: 'VIRTUAL', description: 'No delivery address is sent' },
		],
		description: 'The kind of cards of the programme: physical cards need a delivery address',
	},
	{
		displayName: 'Currency',
		name: 'currency',
		type: 'string',
		required: true,
		default: 'EUR',
		description: 'Three-letter ISO 4217 code of the programme',
	},
	{
		...deliveryAddressProperty,
		displayOptions: { show: { cardType: ['PHYSICAL'] } },
	},
	...derivedIdsOrderProperties({
		providerLabel: 'Paysafe',
		maxCardsPerCall: PAYSAFE.maxCardsPerBulk,
		calls: 'bulk orders',
		cardId: 'external ID',
		exampleCard: { externalId: 'EMP-1042', nameOnCard: 'JANE DOE' },
		orderReferenceHint:
			'Paysafe lists the cards of a bulk order only once it has processed it: run the same reference again only after Get Status shows its bulk orders completed or failed',
	}),
	{
		displayName: 'Mobile',
		name: 'mobile',
		type: 'string',
		default: '',
		placeholder: '+359888333333',
		description:
			'Optional; without it Paysafe uses the phone number given when the customer was onboarded',
	},
	{
		displayName: 'User Agent',
		name: 'userAgent',
		type: 'string',
		required: true,
		default: DEFAULT_USER_AGENT,
		description: 'Sent as Paysafe asks on every bulk order (at most 200 characters)',
	},
	{
		displayName:
			'Paysafe orders the cards when this call is accepted: there is no separate submit, and Paysafe publishes no activation call for businesses. The cards appear once Paysafe has processed the order; follow it with Get Status.',
		name: 'submitNotice',
		type: 'notice',
		default: '',
	},
	bulkOrderOptions({
		perCallName: 'One Item per Paysafe Call',
		perCallDescription: 'One item per bulk order of at most 50 cards, with its bulk ID',
		perCardDescription:
			'One item per card with its external ID and bulk ID, paired to the input item it came from',
	}),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['bulkOrder'], operation: ['create'] } },
	properties,
);

interface PaysafeOrder {
	customerId: string;
	/** The body fields every call of the order shares. */
	body: IDataObject;
	/** The customer's card external ids, read once per order (see `lookup`). */
	knownExternalIds?: Promise<Set<string>>;
}

export const bulkOrderCreate: BulkCreateSpec<PaysafeOrder> = {
	purpose: 'bulkOrder.create',
	maxCardsPerCall: PAYSAFE.maxCardsPerBulk,
	// Paysafe documents no idempotency header; external ids are derived from the order reference.
	// A bulk's cards appear only once Paysafe has processed it, so a lookup cannot prove a card
	// missing: a call whose answer was lost is reported unknown and never sent again in that run.
	idempotency: {
		kind: 'derivedIds',
		idPrefix: () => '',
		ownId: externalIdOf,
		lookup: async (session, order, ids) => {
			order.knownExternalIds ??= readKnownExternalIds(session, order.customerId);
			const known = await order.knownExternalIds;
			return new Set(ids.filter((id) => known.has(id)));
		},
		asynchronous: true,
	},
	readOrder,
	describeCall: (chunk, count) => `order bulk ${chunk.index + 1} of ${count}`,
	buildRequest: (order, _chunk, cardIds = [], cards) => ({
		method: 'POST',
		path: customerPath(order.customerId, '/bulk'),
		body: {
			...order.body,
			quantity: cardIds.length,
			cards: cardIds.map((externalId, position) => ({
				...(cards?.[position]?.fields ?? {}),
				externalId,
			})),
		},
	}),
	readResponse: (_order, _chunk, response, request) => {
		const bulk = (response.body ?? {}) as IDataObject;
		return {
			outcome: 'created',
			resource: bulk,
			cards: readRecords(request.body, 'cards').map((card) => ({
				outcome: 'created',
				fields: compact({
					externalId: card.externalId as string,
					nameOnCard: card.nameOnCard as string | undefined,
					bulkId: bulk.id as string | undefined,
				}),
			})),
		};
	},
	adviceFor: (failure) =>
		failure.failure.kind === 'http' && failure.failure.statusCode === 404
			? UNKNOWN_CUSTOMER_ADVICE
			: undefined,
	chunkFields: (order, result) => chunkFields(order, result),
	cardFields: (_order, result, card) => ({ bulkId: result.resource?.id, card }),
};

export async function execute(
	this: IExecuteFunctions,
	_itemIndex: number,
	session: ProviderSession,
): Promise<PairedItems> {
	return await runBulkOrder(session, bulkOrderCreate);
}

function readOrder(session: ProviderSession, report: ValidationReport) {
	const customerId = readCustomerId(session, report);
	const cardType = session.parameter<string>('cardType', 'PHYSICAL');
	const deliveryAddress =
		cardType === 'PHYSICAL'
			? readDeliveryAddress(report, session.parameter<DeliveryAddressInput>('deliveryAddress', {}))
			: undefined;
	const us = deliveryAddress?.countryCode === 'US';
	const body = compact({
		programName: report.requireText('Program Name', session.parameter('programName'), {
			maxLength: 100,
		}),
		currency: readCurrency(report, session.parameter('currency')),
		mobile: readMobile(report, session.parameter('mobile', '')),
		userAgent: report.requireText('User Agent', session.parameter('userAgent'), {
			maxLength: 200,
		}),
		deliveryAddress,
	});
	const { source, cards } = readCards(session, report, (card, cardReport, label) =>
		checkPaysafeCard(card, cardReport, label, us),
	);
	reportRepeatedExternalIds(
		report,
		cards.map((card) => externalIdOf(card.fields)),
	);
	const numberOfCards =
		source === 'quantity'
			? report.requireInteger('Number of Cards', session.parameter('numberOfCards'), 1)
			: undefined;
	return {
		order: { customerId, body },
		...(source === 'quantity' ? { numberOfCards } : { cards }),
	};
}

function reportRepeatedExternalIds(report: ValidationReport, ids: Array<string | undefined>) {
	const seen = new Set<string>();
	for (const id of ids) {
		if (id === undefined) continue;
		if (seen.has(id)) report.add('Cards › externalId', `"${id}" is given to more than one card`);
		seen.add(id);
	}
}

/** Every external id of the customer's cards, read once (Paysafe cannot filter by it). */
async function readKnownExternalIds(
	session: ProviderSession,
	customerId: string,
): Promise<Set<string>> {
	const action = `look up the cards customer ${customerId} already has`;
	try {
		const path = customerPath(customerId);
		const { records } = await listWithOffset(session, path, {}, Number.MAX_SAFE_INTEGER, action);
		return new Set(records.flatMap((card) => externalIdOf(card) ?? []));
	} catch (error) {
		const failure = error instanceof NodeApiError ? error : session.error(error, action);
		if ('httpCode' in failure && failure.httpCode === '404')
			failure.description = UNKNOWN_CUSTOMER_ADVICE;
		throw failure;
	}
}

function chunkFields(order: PaysafeOrder, result: ChunkResult): IDataObject {
	const bulk = result.resource;
	return compact({
		customerId: order.customerId,
		bulkId: typeof bulk?.id === 'string' ? bulk.id : undefined,
		externalIds: result.cardIds,
		bulkOrder: bulk,
	});
}
