import type { Route, SandboxRequest, SandboxResponse } from '../../core/types';
import { withToken } from './authRoutes';
import { CARD_STATUSES, type CardFilter } from './bulkStore';
import { findCustomer } from './config';
import type { PaysafeContext } from './context';
import { fieldErrors, noSuchCustomer, type PaysafeFieldError } from './errors';
import { readPaging } from './paging';
import { cardView, pageMeta } from './views';

const CARD_TYPES: ReadonlyArray<string> = ['PHYSICAL', 'VIRTUAL'];
/** Accepted and checked; the sandbox has no tokenizations or actions to add. */
const INCLUDES: ReadonlyArray<string> = ['TOKENIZATIONS', 'AVAILABLE_ACTIONS'];

/** A comma list of allowed values; `undefined` when the parameter is absent. */
function readList(
	request: SandboxRequest,
	name: string,
	allowed: ReadonlyArray<string>,
	errors: PaysafeFieldError[],
): Set<string> | undefined {
	const raw = request.query.get(name);
	if (raw === null) return undefined;
	const values = raw.split(',').map((value) => value.trim());
	const unknown = values.filter((value) => !allowed.includes(value));
	if (unknown.length > 0) {
		errors.push({ field: name, error: `must be a comma list of ${allowed.join(', ')}` });
	}
	return new Set(values);
}

/** `GET /customers/{customerId}/prepaid/cards`: the customer's cards in creation order. */
function listCards(
	context: PaysafeContext,
	request: SandboxRequest,
	customerId: string,
): SandboxResponse {
	if (findCustomer(context.config(), customerId) === undefined) return noSuchCustomer();
	const paging = readPaging(request);
	const errors = paging.ok ? [] : [...paging.errors];
	const filter: CardFilter = {
		statuses: readList(request, 'status', CARD_STATUSES, errors),
		cardTypes: readList(request, 'cardType', CARD_TYPES, errors),
	};
	readList(request, 'include', INCLUDES, errors);
	if (!paging.ok || errors.length > 0) return fieldErrors(errors);
	const { offset, limit } = paging;
	const page = context.bulks.page(customerId, filter, offset, limit, context.clock.now());
	return {
		status: 200,
		body: { cards: page.cards.map(cardView), meta: pageMeta(page.total, offset, limit) },
	};
}

export function cardRoutes(context: PaysafeContext): Route[] {
	return [
		{
			method: 'GET',
			path: '/customers/{customerId}/prepaid/cards',
			handle: withToken(context, (request, { customerId }) =>
				listCards(context, request, customerId),
			),
		},
	];
}
