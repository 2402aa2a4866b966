import { decodeCursor, encodeCursor, parseLimit } from '../../core/paging';
import type { Route, SandboxRequest, SandboxResponse } from '../../core/types';
import type { FieldError } from '../../core/validation';
import type { BulkRecord } from './bulkStore';
import { jsonBody, type NymCardContext, progressOf } from './context';
import { nymCardError, notFound, validationError } from './errors';
import { idempotentPost } from './idempotentPost';
import type { BulkProgress } from './lifecycle';
import { validateCardLink } from './validation';
import { cardView, type CardView } from './views';

function cardCursorScope(bulk: BulkRecord): string {
	return `cards:${bulk.id}`;
}

function viewOfCard(
	context: NymCardContext,
	bulk: BulkRecord,
	index: number,
	progress: BulkProgress,
): CardView {
	const { id, secrets } = context.store.card(bulk, index);
	return cardView(
		bulk,
		{
			id,
			pan: secrets.pan,
			expiry: secrets.expiry,
			userId: context.store.linkedUser(bulk, index),
			status: context.store.cardStatus(bulk, index),
		},
		progress,
	);
}

/** The cards of one bulk in issue order; all share the bulk's creation time. */
function listCards(context: NymCardContext, request: SandboxRequest): SandboxResponse {
	const errors: FieldError[] = [];
	const bulkId = request.query.get('bulk_issuance_id');
	if (bulkId === null || bulkId === '')
		errors.push({ field: 'bulk_issuance_id', message: 'is required' });
	const limit = parseLimit(request.query.get('limit'));
	if (!limit.ok) errors.push(limit.error);
	if (!limit.ok || bulkId === null || errors.length > 0) return validationError(errors);

	const bulk = context.store.get(bulkId);
	if (bulk === undefined) return notFound(`Bulk issuance ${bulkId}`);

	let start = 0;
	const rawCursor = request.query.get('after');
	if (rawCursor !== null && rawCursor !== '') {
		const cursor = decodeCursor(rawCursor, cardCursorScope(bulk));
		if (!cursor.ok || cursor.value > bulk.numberOfCards) {
			return validationError([{ field: 'after', message: 'is not a valid cursor' }]);
		}
		start = cursor.value;
	}

	const end = Math.min(start + limit.value, bulk.numberOfCards);
	const progress = progressOf(context, bulk);
	const data: CardView[] = [];
	for (let index = start; index < end; index += 1)
		data.push(viewOfCard(context, bulk, index, progress));
	const hasMore = end < bulk.numberOfCards;
	return {
		status: 200,
		body: {
			data,
			paging: {
				after: hasMore ? encodeCursor(cardCursorScope(bulk), end) : null,
				has_more: hasMore,
			},
		},
	};
}

function linkCard(context: NymCardContext, request: SandboxRequest): SandboxResponse {
	const body = jsonBody(request);
	if (!body.ok) return body.response;
	const link = validateCardLink(body.value);
	if (!link.ok) return validationError(link.errors);

	const card = context.store.findByActivationToken(link.value.activationToken);
	if (card === undefined) {
		return nymCardError(404, 'CARD_NOT_FOUND', 'No card matches this activation token');
	}
	const { bulk, index } = card;
	const progress = progressOf(context, bulk);
	if (progress.status === 'DRAFT') {
		return nymCardError(
			409,
			'BULK_NOT_SUBMITTED',
			'The card belongs to a bulk issuance that is not submitted yet',
		);
	}
	if (progress.status === 'FAILED') {
		return nymCardError(409, 'BULK_FAILED', 'The card belongs to a failed bulk issuance');
	}
	const linkedTo = context.store.linkedUser(bulk, index);
	if (linkedTo !== null && linkedTo !== link.value.userId) {
		return nymCardError(409, 'CARD_ALREADY_LINKED', 'The card is already linked to another user');
	}
	if (linkedTo === null) {
		context.store.link(bulk, index, link.value.userId);
		context.counters.cardsLinked += 1;
	}
	return { status: 200, body: viewOfCard(context, bulk, index, progress) };
}

export function cardRoutes(context: NymCardContext): Route[] {
	return [
		{ method: 'GET', path: '/cards', handle: (request) => listCards(context, request) },
		{
			method: 'POST',
			path: '/cards:link',
			handle: (request) =>
				idempotentPost(context, request, 'POST /cards:link', () => ({
					response: linkCard(context, request),
					remember: true,
				})),
		},
	];
}
