import { decodeCursor, encodeCursor, parseLimit } from '../../core/paging';
import type { Route, RouteHandler, SandboxRequest, SandboxResponse } from '../../core/types';
import type { FieldError } from '../../core/validation';
import { authorize } from './authRoutes';
import type { CardRecord } from './cardStore';
import { type DinteroContext, jsonBody } from './context';
import { cardNotFound, dinteroError, validationError } from './errors';
import {
	DEFAULT_PIN_FORMAT,
	DEFAULT_TOKEN_MASK_PREFIX,
	defaultToken,
	generateValue,
	maskCode,
} from './generator';
import { idProblem, validateActivation, validateCardBatch } from './validation';
import {
	CARD_STATUSES,
	CARD_TOKEN_LIFETIME_SECONDS,
	cardStatus,
	type CardStatus,
	cardView,
	createdCardView,
} from './views';

/** Dintero's documented default page size (`limit` 1–100, default 10). */
export const DEFAULT_DINTERO_PAGE_LIMIT = 10;

type AuthorizedHandler = (
	request: SandboxRequest,
	params: Record<string, string>,
	clientId: string,
) => SandboxResponse;

function withToken(context: DinteroContext, handler: AuthorizedHandler): RouteHandler {
	return (request, params) => {
		const auth = authorize(context, request, params.aid);
		if ('status' in auth) return auth;
		return handler(request, params, auth.clientId);
	};
}

function createBatch(
	context: DinteroContext,
	request: SandboxRequest,
	aid: string,
	clientId: string,
): SandboxResponse {
	const refused = (response: SandboxResponse) => {
		context.counters.batchesRefused += 1;
		return response;
	};
	const body = jsonBody(request);
	if (!body.ok) return refused(body.response);
	const batch = validateCardBatch(body.value);
	if (!batch.ok) return refused(validationError(batch.errors));

	const { cards, pinFormat, tokenFormat } = batch.value;
	const existing = cards.flatMap(({ cardId }, index) =>
		context.cards.get(aid, cardId) === undefined ? [] : [index],
	);
	context.counters.duplicatesRefused += existing.length;
	if (existing.length > 0 && context.config().duplicateCardId === 'rejectBatch') {
		return refused(
			dinteroError(
				400,
				'duplicate_card_id',
				`${existing.length} of the ${cards.length} card_id values already exist on account ${aid}; no card was created`,
				existing.map((index) => ({ field: `cards[${index}].card_id`, message: 'already exists' })),
			),
		);
	}

	const now = context.clock.now();
	const created: Array<Record<string, unknown>> = [];
	for (const { cardId, type } of cards) {
		if (context.cards.get(aid, cardId) !== undefined) continue;
		const pin = generateValue(pinFormat ?? DEFAULT_PIN_FORMAT);
		const token = tokenFormat === undefined ? defaultToken() : generateValue(tokenFormat);
		const card = context.cards.add(aid, {
			cardId,
			type,
			createdAt: now,
			createdBy: clientId,
			pinFormat,
			tokenFormat,
			maskedToken: maskCode(token.value, tokenFormat?.prefix ?? DEFAULT_TOKEN_MASK_PREFIX),
			tokenExpiresAt: now + CARD_TOKEN_LIFETIME_SECONDS * 1000,
		});
		created.push(createdCardView(card, now, pin, token));
	}
	context.counters.batchCalls += 1;
	context.counters.cardsCreated += created.length;
	return { status: 200, body: { cards: created } };
}

interface CardFilters {
	cardIds: string[];
	customerId?: string;
	statuses: CardStatus[];
	types: string[];
}

function cursorScope(aid: string): string {
	return `cards:${aid}`;
}

function readFilters(request: SandboxRequest, errors: FieldError[]): CardFilters {
	const { query } = request;
	const cardIds = query.getAll('card_id');
	cardIds.forEach((cardId) => {
		const problem = idProblem(cardId);
		if (problem !== undefined) errors.push({ field: 'card_id', message: problem });
	});
	const statuses = query.getAll('status');
	for (const status of statuses) {
		if (!CARD_STATUSES.includes(status as CardStatus)) {
			errors.push({ field: 'status', message: `must be one of ${CARD_STATUSES.join(', ')}` });
		}
	}
	const customerId = query.get('customer_id') ?? undefined;
	return {
		cardIds,
		...(customerId === undefined ? {} : { customerId }),
		statuses: statuses as CardStatus[],
		types: query.getAll('type'),
	};
}

function matches(card: CardRecord, filters: CardFilters, now: number): boolean {
	if (filters.customerId !== undefined && card.activation?.customerId !== filters.customerId) {
		return false;
	}
	if (filters.statuses.length > 0 && !filters.statuses.includes(cardStatus(card, now)))
		return false;
	if (filters.types.length > 0 && !filters.types.includes(card.type)) return false;
	return true;
}

/**
 * Cards oldest first. `starting_after` is an opaque cursor (returned only while more cards may
 * follow); `card_id` may be repeated to look several cards up in one call.
 * `include_deleted` and `amount_available` are accepted and ignored (no deletion in the sandbox).
 */
function listCards(
	context: DinteroContext,
	request: SandboxRequest,
	aid: string,
	customerId?: string,
): SandboxResponse {
	const errors: FieldError[] = [];
	const rawLimit = request.query.get('limit');
	const limit =
		rawLimit === null
			? { ok: true as const, value: DEFAULT_DINTERO_PAGE_LIMIT }
			: parseLimit(rawLimit);
	if (!limit.ok) errors.push(limit.error);
	const filters = readFilters(request, errors);
	if (customerId !== undefined) filters.customerId = customerId;
	let start = 0;
	const rawCursor = request.query.get('starting_after');
	if (rawCursor !== null && rawCursor !== '') {
		const cursor = decodeCursor(rawCursor, cursorScope(aid));
		if (cursor.ok) start = cursor.value;
		else errors.push({ field: 'starting_after', message: 'is not a valid cursor' });
	}
	if (!limit.ok || errors.length > 0) return validationError(errors);
	const pageSize = limit.value;

	const now = context.clock.now();
	const candidates =
		filters.cardIds.length > 0
			? [...new Set(filters.cardIds)]
					.map((cardId) => context.cards.get(aid, cardId))
					.filter((card): card is CardRecord => card !== undefined)
					.sort((left, right) => left.seq - right.seq)
			: context.cards.all(aid);
	const page: CardRecord[] = [];
	let next: number | undefined;
	for (const card of candidates) {
		if (card.seq < start || !matches(card, filters, now)) continue;
		if (page.length === pageSize) {
			next = page[page.length - 1].seq + 1;
			break;
		}
		page.push(card);
	}
	return {
		status: 200,
		body: {
			cards: page.map((card) => cardView(card, now)),
			...(next === undefined ? {} : { starting_after: encodeCursor(cursorScope(aid), next) }),
		},
	};
}

function getCard(context: DinteroContext, aid: string, cardId: string): SandboxResponse {
	const card = context.cards.get(aid, cardId);
	if (card === undefined) return cardNotFound(cardId);
	return { status: 200, body: cardView(card, context.clock.now()) };
}

/** Only an `inactive` card can be activated; activating it again is refused (nothing changes). */
function activateCard(
	context: DinteroContext,
	request: SandboxRequest,
	aid: string,
	cardId: string,
): SandboxResponse {
	const card = context.cards.get(aid, cardId);
	if (card === undefined) return cardNotFound(cardId);
	const body = jsonBody(request);
	if (!body.ok) return body.response;
	const activation = validateActivation(body.value);
	if (!activation.ok) return validationError(activation.errors);
	const now = context.clock.now();
	const status = cardStatus(card, now);
	if (status !== 'inactive') {
		return dinteroError(
			400,
			'card_not_inactive',
			`Card ${JSON.stringify(cardId)} is ${status}; only an inactive card can be activated`,
		);
	}
	card.activation = { ...activation.value, activatedAt: now };
	context.counters.activations += 1;
	return { status: 200, body: cardView(card, now) };
}

export function cardRoutes(context: DinteroContext): Route[] {
	return [
		{
			method: 'POST',
			path: '/accounts/{aid}/wallets/cards/batch',
			handle: withToken(context, (request, { aid }, clientId) =>
				createBatch(context, request, aid, clientId),
			),
		},
		{
			method: 'GET',
			path: '/accounts/{aid}/wallets/cards',
			handle: withToken(context, (request, { aid }) => listCards(context, request, aid)),
		},
		{
			method: 'GET',
			path: '/accounts/{aid}/wallets/cards/{card_id}',
			handle: withToken(context, (_request, { aid, card_id: cardId }) =>
				getCard(context, aid, cardId),
			),
		},
		{
			method: 'POST',
			path: '/accounts/{aid}/wallets/cards/{card_id}/activate',
			handle: withToken(context, (request, { aid, card_id: cardId }) =>
				activateCard(context, request, aid, cardId),
			),
		},
		{
			method: 'GET',
			path: '/accounts/{aid}/wallets/customers/{customer_id}/cards',
			handle: withToken(context, (request, { aid, customer_id: customerId }) =>
				listCards(context, request, aid, customerId),
			),
		},
	];
}
