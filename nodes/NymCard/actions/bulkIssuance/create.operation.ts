import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	type NodeApiError,
} from 'n8n-workflow';

import {
	additionalBodyFieldsOption,
	readAdditionalBodyFields,
	withAdditionalBodyFields,
} from '../../../shared/additionalBodyFields';
import { planChunks, type Chunk } from '../../../shared/chunking';
import { mapWithConcurrency } from '../../../shared/concurrency';
import { deriveIdempotencyKey } from '../../../shared/idempotency';
import { requestOptionFields } from '../../../shared/options';
import { redact } from '../../../shared/redaction';
import { ProviderRequestError } from '../../../shared/request';
import { ValidationReport } from '../../../shared/validation';
import {
	compact,
	readAmountAndCurrency,
	readNameOnCard,
	readShippingAddress,
	shippingAddressProperty,
	UUID_PATTERN,
	type ShippingAddressInput,
} from '../../helpers/bulkIssuanceFields';
import { normaliseState } from '../../../shared/status';
import {
	asNodeError,
	listWithCursor,
	NYMCARD,
	resourceId,
	unwrapResource,
	type NymCardSession,
} from '../../transport';
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
	{
		displayName: 'Order Reference',
		name: 'orderReference',
		type: 'string',
		required: true,
		default: '={{ $execution.id }}-{{ $itemIndex }}',
		description:
			'Your reference for this order, e.g. a purchase-order number. Each call carries an idempotency key derived from it, so running the same reference again never orders the cards twice.',
		hint: 'Use a stable business reference so that a re-run of the workflow cannot order the same cards again',
	},
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
	{
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
					{
						name: 'One Item per NymCard Call',
						value: 'perCall',
						description: 'One item per bulk issuance created (at most 5000 cards each)',
					},
					{
						name: 'One Item per Card',
						value: 'perCard',
						description: 'Lists the cards of every created bulk and outputs each card',
					},
				],
			},
			additionalBodyFieldsOption,
			...requestOptionFields,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['bulkIssuance'], operation: ['create'] } },
	properties,
);

type Outcome = 'created' | 'failed' | 'unknown' | 'validated';

interface ChunkResult {
	chunk: Chunk;
	idempotencyKey: string;
	outcome: Outcome;
	bulk?: IDataObject;
	submitted?: boolean;
	submitError?: NodeApiError | NodeOperationError;
	error?: NodeApiError;
	/** Replaces the error's own description where the outcome needs more explaining. */
	errorAdvice?: string;
}

interface OrderInput {
	orderReference: string;
	numberOfCards: number;
	baseBody: IDataObject;
	dryRun: boolean;
	submitAfterCreate: boolean;
	outputMode: 'perCall' | 'perCard';
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	session: NymCardSession,
): Promise<IDataObject[]> {
	const order = readOrder(this, itemIndex);
	const [first, ...others] = planChunks(order.numberOfCards, NYMCARD.maxCardsPerBulk);
	const chunkCount = others.length + 1;
	// The first call goes alone: when NymCard refuses the order itself (unknown card product,
	// invalid field, bad key), the other calls would be refused too and are not sent.
	const firstResult = await createChunk(session, order, first, chunkCount);
	if (firstResult.outcome === 'failed' && firstResult.error) {
		if (others.length > 0) {
			firstResult.error.description =
				`${firstResult.error.description ?? ''}\nThe other ${others.length} call(s) of this order were not sent.`.trim();
		}
		throw firstResult.error;
	}
	const results = [
		firstResult,
		...(await mapWithConcurrency(
			others,
			session.options.maxConcurrency,
			async (chunk) => await createChunk(session, order, chunk, chunkCount),
		)),
	];

	const totals = summarise(order.numberOfCards, results);
	if (order.outputMode === 'perCard') return await perCardItems(session, order, results, totals);
	return results.map((result) => chunkItem(order, result, chunkCount, totals));
}

function readOrder(context: IExecuteFunctions, itemIndex: number): OrderInput {
	const report = new ValidationReport();
	const parameter = (name: string, fallback?: unknown) =>
		context.getNodeParameter(name, itemIndex, fallback);

	const cardProductId = report.requireText('Card Product ID', parameter('cardProductId'), {
		pattern: UUID_PATTERN,
		patternHint: 'must be a UUID such as f4947edd-0dc1-4d60-af5a-f0dcb01d141c',
	});
	const numberOfCards = report.requireInteger('Number of Cards', parameter('numberOfCards'), 1);
	const orderReference = report.requireText('Order Reference', parameter('orderReference'), {
		maxLength: 200,
	});
	const { amount, currency } = readAmountAndCurrency(
		report,
		parameter('amount', 0),
		parameter('currency', ''),
	);
	const nameOnCard = readNameOnCard(report, parameter('nameOnCard', ''));
	const shippingAddress = readShippingAddress(
		report,
		parameter('shippingAddress', {}) as ShippingAddressInput,
	);
	const dryRun = parameter('dryRun', false) === true;
	const submitAfterCreate = parameter('submitAfterCreate', false) === true;
	if (dryRun && submitAfterCreate)
		report.add(
			'Submit After Create',
			'cannot be combined with Dry Run: a dry run creates no bulk to submit',
		);
	const options = parameter('options', {}) as IDataObject;
	const additionalBodyFields = readAdditionalBodyFields(report, options.additionalBodyFields);
	report.throwIfInvalid(context.getNode(), itemIndex, 'The NymCard order');

	return {
		orderReference: orderReference as string,
		numberOfCards: numberOfCards as number,
		baseBody: withAdditionalBodyFields(
			compact({
				card_product_id: cardProductId,
				amount,
				currency,
				name_on_card: nameOnCard,
				shipping_address: shippingAddress,
				dry_run: dryRun,
			}),
			additionalBodyFields,
		),
		dryRun,
		submitAfterCreate,
		outputMode: options.outputMode === 'perCard' ? 'perCard' : 'perCall',
	};
}

async function createChunk(
	session: NymCardSession,
	order: OrderInput,
	chunk: Chunk,
	chunkCount: number,
): Promise<ChunkResult> {
	const idempotencyKey = deriveIdempotencyKey({
		provider: NYMCARD.provider,
		purpose: 'bulkIssuance.create',
		orderReference: order.orderReference,
		chunkIndex: chunk.index,
	});
	const action = `create bulk issuance ${chunk.index + 1} of ${chunkCount}`;
	let bulk: IDataObject;
	try {
		const response = await session.client.request<IDataObject>({
			method: 'POST',
			path: '/bulkissuances',
			body: { ...order.baseBody, number_of_cards: chunk.size },
			headers: { [NYMCARD.idempotencyHeader]: idempotencyKey },
			safeToRetry: true,
		});
		bulk = unwrapResource(response.body);
	} catch (error) {
		if (!(error instanceof ProviderRequestError)) {
			throw new NodeOperationError(session.context.getNode(), error as Error, {
				itemIndex: session.itemIndex,
			});
		}
		const duplicate = error.failure.kind === 'http' && error.failure.statusCode === 409;
		return {
			chunk,
			idempotencyKey,
			outcome: error.ambiguous || duplicate ? 'unknown' : 'failed',
			error: asNodeError(session, error, action),
			errorAdvice: duplicate ? DUPLICATE_ADVICE : undefined,
		};
	}

	if (order.dryRun) return { chunk, idempotencyKey, outcome: 'validated', bulk };
	const result: ChunkResult = { chunk, idempotencyKey, outcome: 'created', bulk };
	if (order.submitAfterCreate && resourceId(bulk) === undefined) {
		result.submitted = false;
		result.submitError = new NodeOperationError(
			session.context.getNode(),
			'NymCard did not return the id of the created bulk issuance, so it could not be submitted',
			{
				itemIndex: session.itemIndex,
				description:
					'Find the bulk issuance in NymCard (Get Many) and submit it with the Submit operation.',
			},
		);
	} else if (order.submitAfterCreate) {
		const submission = await submitBulkIssuance(
			session,
			bulk,
			`submit bulk issuance ${chunk.index + 1} of ${chunkCount}`,
		);
		result.submitted = submission.submitted;
		result.bulk = submission.bulk;
		result.submitError = submission.error;
	}
	return result;
}

const DUPLICATE_ADVICE =
	'NymCard answered that this call repeats an earlier request with the same idempotency key: the order reference was used before ' +
	'(possibly with other values), or an earlier attempt of this call is still being processed. ' +
	'Check the bulk issuances in NymCard before ordering these cards again, and use a new order reference for a new order.';

interface OrderTotals {
	requested: number;
	calls: number;
	created: number;
	failed: number;
	unknown: number;
	validated: number;
}

function summarise(requested: number, results: ChunkResult[]): OrderTotals {
	const totals = {
		requested,
		calls: results.length,
		created: 0,
		failed: 0,
		unknown: 0,
		validated: 0,
	};
	for (const result of results) totals[result.outcome] += result.chunk.size;
	return totals;
}

function chunkItem(
	order: OrderInput,
	result: ChunkResult,
	chunkCount: number,
	totals: OrderTotals,
): IDataObject {
	const bulk = result.bulk;
	return compact({
		provider: NYMCARD.provider,
		orderReference: order.orderReference,
		chunkIndex: result.chunk.index,
		chunkCount,
		size: result.chunk.size,
		outcome: result.outcome,
		idempotencyKey: result.idempotencyKey,
		bulkIssuanceId: resourceId(bulk),
		status: typeof bulk?.status === 'string' ? bulk.status : undefined,
		state: bulk ? normaliseState('nymcard', bulk.status) : undefined,
		dryRun: order.dryRun,
		submitted: order.submitAfterCreate ? result.submitted === true : undefined,
		submitError: result.submitError ? describeError(result.submitError) : undefined,
		error: result.error ? describeError(result.error, result.errorAdvice) : undefined,
		order: { orderReference: order.orderReference, ...totals },
		bulkIssuance: bulk ? redact(bulk) : undefined,
	});
}

function describeError(error: NodeApiError | NodeOperationError, advice?: string): IDataObject {
	const httpCode = 'httpCode' in error ? (error.httpCode ?? undefined) : undefined;
	return compact({
		message: error.message,
		description: advice ?? error.description ?? undefined,
		httpCode,
	});
}

async function perCardItems(
	session: NymCardSession,
	order: OrderInput,
	results: ChunkResult[],
	totals: OrderTotals,
): Promise<IDataObject[]> {
	const items: IDataObject[] = [];
	for (const result of results) {
		const bulkId = resourceId(result.bulk);
		if (result.outcome !== 'created' || typeof bulkId !== 'string') {
			items.push(chunkItem(order, result, results.length, totals));
			continue;
		}
		const cards = await listWithCursor(
			session,
			'/cards',
			{ bulk_issuance_id: bulkId },
			result.chunk.size,
			`list the cards of bulk issuance ${bulkId}`,
		);
		for (const card of cards) {
			items.push({
				provider: NYMCARD.provider,
				orderReference: order.orderReference,
				chunkIndex: result.chunk.index,
				outcome: 'created',
				bulkIssuanceId: bulkId,
				submitted: order.submitAfterCreate ? result.submitted === true : undefined,
				cardId: card.id as string,
				card: redact(card),
			});
		}
	}
	return items.map((item) => compact(item));
}
