import type { Route, SandboxRequest, SandboxResponse } from '../../core/types';
import { bodyValue } from '../../core/httpIo';
import { checkSignature, withToken } from './authRoutes';
import { findCustomer } from './config';
import type { PaysafeContext } from './context';
import { fieldErrors, noSuchBulk, noSuchCustomer, quantityMismatch } from './errors';
import { readPaging } from './paging';
import { checkBulkOrder } from './validation';
import { acceptedBulkView, bulkView } from './views';

export const BULK_ROUTE_PATH = '/customers/{customerId}/prepaid/cards/bulk';

/** How many cards a bulk creates: all, none, or (partial) all but `partialShortfall`, at least one. */
function plannedCards(context: PaysafeContext, quantity: number, outcome: string): number {
	if (outcome === 'fail') return 0;
	if (outcome === 'complete') return quantity;
	const shortfall = Math.min(Math.max(context.config().partialShortfall, 1), quantity - 1);
	return quantity - shortfall;
}

/** Order of checks: token → signature (when configured) → customer (404) → fields (400). */
function orderBulk(
	context: PaysafeContext,
	request: SandboxRequest,
	customerId: string,
): SandboxResponse {
	const unsigned = checkSignature(context, request);
	if (unsigned !== undefined) return unsigned;
	const config = context.config();
	const customer = findCustomer(config, customerId);
	if (customer === undefined) return noSuchCustomer();
	const refused = (response: SandboxResponse) => {
		context.counters.bulksRefused += 1;
		return response;
	};
	if (request.body.kind === 'invalid') {
		return refused(fieldErrors([{ field: 'body', error: 'is not valid JSON' }]));
	}
	const check = checkBulkOrder(bodyValue(request.body), customer, config);
	if (check.kind === 'fieldErrors') return refused(fieldErrors(check.errors));
	if (check.kind === 'quantityMismatch') return refused(quantityMismatch());

	const { order, program } = check;
	const now = context.clock.now();
	const outcome = context.nextOutcome();
	const bulk = context.bulks.accept({
		customerId,
		order,
		cardType: program.cardType,
		acceptedAt: now,
		processingAt: now + config.processingAfterMs,
		completeAt: now + config.completeAfterMs,
		outcome,
		plannedCards: plannedCards(context, order.quantity, outcome),
	});
	context.counters.bulksAccepted += 1;
	context.counters.cardsRequested += order.quantity;
	return { status: 202, body: acceptedBulkView(bulk) };
}

function getBulk(
	context: PaysafeContext,
	request: SandboxRequest,
	customerId: string,
	bulkId: string,
): SandboxResponse {
	if (findCustomer(context.config(), customerId) === undefined) return noSuchCustomer();
	const paging = readPaging(request);
	if (!paging.ok) return fieldErrors(paging.errors);
	const now = context.clock.now();
	const bulk = context.bulks.bulk(customerId, bulkId, now);
	if (bulk === undefined) return noSuchBulk();
	return { status: 200, body: bulkView(bulk, now, paging.offset, paging.limit) };
}

export function bulkRoutes(context: PaysafeContext): Route[] {
	return [
		{
			method: 'POST',
			path: BULK_ROUTE_PATH,
			handle: withToken(context, (request, { customerId }) =>
				orderBulk(context, request, customerId),
			),
		},
		{
			method: 'GET',
			path: `${BULK_ROUTE_PATH}/{bulkId}`,
			handle: withToken(context, (request, { customerId, bulkId }) =>
				getBulk(context, request, customerId, bulkId),
			),
		},
	];
}
