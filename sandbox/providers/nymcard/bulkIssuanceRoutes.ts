import { decodeCursor, encodeCursor, parseLimit } from '../../core/paging';
import type { Route, SandboxRequest, SandboxResponse } from '../../core/types';
import type { FieldError } from '../../core/validation';
import type { BulkRecord } from './bulkStore';
import { jsonBody, type NymCardContext, progressOf } from './context';
import { nymCardError, notFound, validationError } from './errors';
import { idempotentPost } from './idempotentPost';
import {
	type BulkIssuanceChanges,
	validateBulkIssuanceChanges,
	validateNewBulkIssuance,
} from './validation';
import { bulkIssuanceView, dryRunView } from './views';

const BULK_CURSOR_SCOPE = 'bulkissuances';

function createBulkIssuance(context: NymCardContext, request: SandboxRequest): SandboxResponse {
	return idempotentPost(context, request, 'POST /bulkissuances', () => {
		const body = jsonBody(request);
		if (!body.ok) return { response: body.response, remember: false };
		const config = context.config();
		const order = validateNewBulkIssuance(body.value, {
			knownCardProducts: config.cardProductIds,
			requireShippingAddress: config.requireShippingAddress,
		});
		if (!order.ok) return { response: validationError(order.errors), remember: false };
		const now = context.clock.now();
		if (order.value.dryRun) {
			return { response: { status: 200, body: dryRunView(order.value, now) }, remember: false };
		}
		const bulk = context.store.create(order.value, now);
		context.counters.bulksCreated += 1;
		context.counters.cardsCreated += bulk.numberOfCards;
		return {
			response: { status: 201, body: bulkIssuanceView(bulk, progressOf(context, bulk)) },
			remember: true,
		};
	});
}

function listBulkIssuances(context: NymCardContext, request: SandboxRequest): SandboxResponse {
	const errors: FieldError[] = [];
	const limit = parseLimit(request.query.get('limit'));
	if (!limit.ok) errors.push(limit.error);
	const rawCursor = request.query.get('after');
	let beforeSeq: number | undefined;
	if (rawCursor !== null && rawCursor !== '') {
		const cursor = decodeCursor(rawCursor, BULK_CURSOR_SCOPE);
		if (cursor.ok && cursor.value <= context.store.count()) beforeSeq = cursor.value;
		else errors.push({ field: 'after', message: 'is not a valid cursor' });
	}
	if (!limit.ok || errors.length > 0) return validationError(errors);

	const page = context.store.newestFirst(limit.value, beforeSeq);
	const last = page.items[page.items.length - 1];
	return {
		status: 200,
		body: {
			data: page.items.map((bulk) => bulkIssuanceView(bulk, progressOf(context, bulk))),
			paging: {
				after:
					page.hasMore && last !== undefined ? encodeCursor(BULK_CURSOR_SCOPE, last.seq) : null,
				has_more: page.hasMore,
			},
		},
	};
}

function getBulkIssuance(context: NymCardContext, id: string): SandboxResponse {
	const bulk = context.store.get(id);
	if (bulk === undefined) return notFound(`Bulk issuance ${id}`);
	return { status: 200, body: bulkIssuanceView(bulk, progressOf(context, bulk)) };
}

function sameAddress(left: object, right: object | null): boolean {
	return JSON.stringify(left) === JSON.stringify(right);
}

/** Names of the fields that `changes` would actually change on `bulk`. */
function fieldsChangedBy(bulk: BulkRecord, changes: BulkIssuanceChanges): string[] {
	const changed: string[] = [];
	if (changes.amount !== undefined && changes.amount !== bulk.amount) changed.push('amount');
	if (changes.currency !== undefined && changes.currency !== bulk.currency)
		changed.push('currency');
	if (changes.nameOnCard !== undefined && changes.nameOnCard !== bulk.nameOnCard) {
		changed.push('name_on_card');
	}
	if (
		changes.shippingAddress !== undefined &&
		!sameAddress(changes.shippingAddress, bulk.shippingAddress)
	) {
		changed.push('shipping_address');
	}
	return changed;
}

/**
 * Field updates only while DRAFT. After submission, a PUT that changes nothing (a retried submit,
 * even one repeating `currency` like NymCard's example) answers 200 with the bulk unchanged.
 */
function updateBulkIssuance(
	context: NymCardContext,
	request: SandboxRequest,
	id: string,
): SandboxResponse {
	const bulk = context.store.get(id);
	if (bulk === undefined) return notFound(`Bulk issuance ${id}`);
	const body = jsonBody(request);
	if (!body.ok) return body.response;
	const validated = validateBulkIssuanceChanges(body.value, bulk);
	if (!validated.ok) return validationError(validated.errors);
	const changes = validated.value;
	const changedFields = fieldsChangedBy(bulk, changes);

	const progress = progressOf(context, bulk);
	if (progress.status !== 'DRAFT') {
		if (changedFields.length > 0) {
			return nymCardError(
				409,
				'BULK_NOT_EDITABLE',
				`Bulk issuance is ${progress.status}; only a DRAFT can be changed (${changedFields.join(', ')})`,
			);
		}
		return { status: 200, body: bulkIssuanceView(bulk, progress) };
	}

	const now = context.clock.now();
	if (changes.amount !== undefined) bulk.amount = changes.amount;
	if (changes.currency !== undefined) bulk.currency = changes.currency;
	if (changes.nameOnCard !== undefined) bulk.nameOnCard = changes.nameOnCard;
	if (changes.shippingAddress !== undefined) bulk.shippingAddress = changes.shippingAddress;
	if (changes.submit) {
		bulk.submittedAt = now;
		context.counters.bulksSubmitted += 1;
	}
	if (changes.submit || changedFields.length > 0) bulk.updatedAt = now;
	return { status: 200, body: bulkIssuanceView(bulk, progressOf(context, bulk)) };
}

export function bulkIssuanceRoutes(context: NymCardContext): Route[] {
	return [
		{
			method: 'POST',
			path: '/bulkissuances',
			handle: (request) => createBulkIssuance(context, request),
		},
		{
			method: 'GET',
			path: '/bulkissuances',
			handle: (request) => listBulkIssuances(context, request),
		},
		{
			method: 'GET',
			path: '/bulkissuances/{id}',
			handle: (_request, { id }) => getBulkIssuance(context, id),
		},
		{
			method: 'PUT',
			path: '/bulkissuances/{id}',
			handle: (request, { id }) => updateBulkIssuance(context, request, id),
		},
	];
}
