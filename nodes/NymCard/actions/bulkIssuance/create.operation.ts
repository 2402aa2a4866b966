import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import {
	bulkOrderOptions,
	describeError,
	orderReferenceProperty,
	runBulkOrder,
	type BulkCreateSpec,
	type ChunkResult,
} from '../../../shared/bulkOrder';
import { compact } from '../../../shared/compact';
import type { PairedItems } from '../../../shared/items';
import { redact } from '../../../shared/redaction';
import type { ProviderSession } from '../../../shared/session';
import type { ValidationReport } from '../../../shared/validation';
import {
	readAmountAndCurrency,
	readNameOnCard,
	readShippingAddress,
	shippingAddressProperty,
	UUID_PATTERN,
	type ShippingAddressInput,
} from '../../helpers/bulkIssuanceFields';
import { bulkState } from '../../helpers/bulkStatus';
import { listWithCursor, NYMCARD, resourceId, unwrapResource } from '../../transport';
import { submitBulkIssuance } from './submitBulkIssuance';

const properties: INodeProperties[] = [
	{
		displayName: 'Card Product ID',
		name: 'cardProductId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'f4947edd-0dc1-4d60-af5a-f0dcb01d141c',
		description: 'The card product (a UUID from your NymCard programme) the cards are issued under',
	},
	{
		displayName: 'Number of Cards',
		name: 'numberOfCards',
		type: 'number',
		required: true,
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 1,
		description: `Any number: orders above ${NYMCARD.maxCardsPerBulk} are split into several NymCard bulk issuances of at most ${NYMCARD.maxCardsPerBulk} cards each`,
	},
	orderReferenceProperty,
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		description: 'Optional amount preloaded on every card; 0 preloads nothing',
	},
	{
		displayName: 'Currency',
		name: 'currency',
		type: 'string',
		default: '',
		placeholder: 'USD',
		description: 'Three-letter ISO 4217 code; required when an amount is preloaded',
	},
	{
		displayName: 'Name on Card',
		name: 'nameOnCard',
		type: 'string',
		default: '',
		placeholder: 'Gift Card',
		description: 'Text embossed on every card of the bulk (at most 26 characters)',
	},
	shippingAddressProperty,
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description: 'Whether to ask NymCard to validate the order without creating any card',
	},
	{
		displayName: 'Submit After Create',
		name: 'submitAfterCreate',
		type: 'boolean',
		default: false,
		description:
			'Whether to submit each created bulk for production right away (status SUBMITTED). Otherwise the bulks stay drafts until the Submit operation.',
	},
	bulkOrderOptions({
		perCallName: 'One Item per NymCard Call',
		perCallDescription: 'One item per bulk issuance created (at most 5000 cards each)',
		perCardDescription: 'Lists the cards of every created bulk and outputs each card',
	}),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['bulkIssuance'], operation: ['create'] } },
	properties,
);

interface NymCardOrder {
	body: IDataObject;
	dryRun: boolean;
	submitAfterCreate: boolean;
	secrets: string[];
}

const bulkIssuanceCreate: BulkCreateSpec<NymCardOrder> = {
	purpose: 'bulkIssuance.create',
	maxCardsPerCall: NYMCARD.maxCardsPerBulk,
	idempotency: { kind: 'keyHeader' },
	readOrder,
	describeCall: (chunk, count) => `create bulk issuance ${chunk.index + 1} of ${count}`,
	requestsPerChunk: (order) => (order.submitAfterCreate ? 2 : 1),
	buildRequest: (order, chunk) => ({
		method: 'POST',
		path: '/bulkissuances',
		body: { ...order.body, number_of_cards: chunk.size },
	}),
	readResponse: (order, _chunk, response) => ({
		outcome: order.dryRun ? 'validated' : 'created',
		resource: unwrapResource(response.body),
	}),
	afterCreate: submitCreatedBulk,
	listCards: async (session, _order, result) =>
		await listWithCursor(
			session,
			'/cards',
			{ bulk_issuance_id: resourceId(result.resource) },
			result.chunk.size,
			`list the cards of bulk issuance ${resourceId(result.resource)}`,
		),
	chunkFields: (order, result) => {
		const bulk = result.resource;
		return compact({
			bulkIssuanceId: resourceId(bulk),
			status: typeof bulk?.status === 'string' ? bulk.status : undefined,
			state: bulk ? bulkState(bulk) : undefined,
			dryRun: order.dryRun,
			...submissionFields(order, result),
			bulkIssuance: bulk ? redact(bulk, order.secrets) : undefined,
		});
	},
	cardFields: (order, result, card) =>
		compact({
			bulkIssuanceId: resourceId(result.resource),
			submitted: submissionFields(order, result).submitted,
			cardId: card.id as string,
			card: redact(card, order.secrets),
		}),
};

export async function execute(
	this: IExecuteFunctions,
	_itemIndex: number,
	session: ProviderSession,
): Promise<PairedItems> {
	return await runBulkOrder(session, bulkIssuanceCreate);
}

function readOrder(session: ProviderSession, report: ValidationReport) {
	const cardProductId = report.requireText('Card Product ID', session.parameter('cardProductId'), {
		pattern: UUID_PATTERN,
		patternHint: 'must be a UUID such as f4947edd-0dc1-4d60-af5a-f0dcb01d141c',
	});
	const numberOfCards = report.requireInteger(
		'Number of Cards',
		session.parameter('numberOfCards'),
		1,
	);
	const { amount, currency } = readAmountAndCurrency(
		report,
		session.parameter('amount', 0),
		session.parameter('currency', ''),
	);
	const nameOnCard = readNameOnCard(report, session.parameter('nameOnCard', ''));
	const shippingAddress = readShippingAddress(
		report,
		session.parameter<ShippingAddressInput>('shippingAddress', {}),
	);
	const dryRun = session.parameter<unknown>('dryRun', false) === true;
	const submitAfterCreate = session.parameter<unknown>('submitAfterCreate', false) === true;
	if (dryRun && submitAfterCreate)
		report.add(
			'Submit After Create',
			'cannot be combined with Dry Run: a dry run creates no bulk to submit',
		);
	return {
		numberOfCards,
		order: {
			body: compact({
				card_product_id: cardProductId,
				amount,
				currency,
				name_on_card: nameOnCard,
				shipping_address: shippingAddress,
				dry_run: dryRun,
			}),
			dryRun,
			submitAfterCreate,
			secrets: session.secrets,
		},
	};
}

async function submitCreatedBulk(
	session: ProviderSession,
	order: NymCardOrder,
	result: ChunkResult,
	chunkCount: number,
): Promise<void> {
	if (!order.submitAfterCreate || !result.resource) return;
	if (resourceId(result.resource) === undefined) {
		result.extra.submitted = false;
		result.extra.submitError = describeError(
			session.problem(
				'NymCard did not return the id of the created bulk issuance, so it could not be submitted',
				'Find the bulk issuance in NymCard (Get Many) and submit it with the Submit operation.',
			),
		);
		return;
	}
	const submission = await submitBulkIssuance(
		session,
		result.resource,
		`submit bulk issuance ${result.chunk.index + 1} of ${chunkCount}`,
	);
	result.resource = submission.bulk;
	result.extra.submitted = submission.submitted;
	if (submission.error) result.extra.submitError = describeError(submission.error);
}

function submissionFields(order: NymCardOrder, result: ChunkResult): IDataObject {
	if (!order.submitAfterCreate) return {};
	return { submitted: result.extra.submitted === true, submitError: result.extra.submitError };
}
