import { bodyValue } from '../../core/httpIo';
import { answerRepeatedKey, requestFingerprint } from '../../core/idempotency';
import type { Route, SandboxRequest, SandboxResponse } from '../../core/types';
import { isUuid } from '../../core/validation';
import { authenticate, header, requireScope } from './auth';
import { CARD_STATUSES, cardProgress, type CardRecord, type CardStatus } from './cardStore';
import type { QontoSandboxConfig } from './config';
import type { QontoContext } from './context';
import { type QontoErrorEntry, qontoError, qontoErrors } from './errors';
import { scaGate } from './scaRoutes';
import { CARD_LEVELS, type CardInput, checkBulkShape, checkCard } from './validation';
import { cardView } from './views';

export const IDEMPOTENCY_HEADER = 'x-qonto-idempotency-key';
const BULK_OPERATION = 'POST /v2/cards/bulk';
const MAX_KEY_LENGTH = 255;
const DEFAULT_PER_PAGE = 100;
const MAX_PER_PAGE = 100;
const SORT_FIELDS = ['status', 'nickname', 'last_activity_at', 'created_at'];

/** References to things the organisation must own; problems become per-card errors. */
function checkReferences(context: QontoContext, card: CardInput, index: number): QontoErrorEntry[] {
	const config = context.config();
	const base = `/cards/${index}/card`;
	const errors: QontoErrorEntry[] = [];
	if (!config.memberships.some(({ id }) => id === card.holder_id)) {
		errors.push({
			code: 'not_found',
			detail: 'holder_id is not a membership of this organization',
			source: { pointer: `${base}/holder_id` },
		});
	}
	if (!config.bankAccountIds.includes(card.bank_account_id)) {
		errors.push({
			code: 'not_found',
			detail: 'bank_account_id is not an account of this organization',
			source: { pointer: `${base}/bank_account_id` },
		});
	}
	if (card.organization_id !== null && card.organization_id !== config.organizationId) {
		errors.push({
			code: 'invalid',
			detail: 'organization_id is not the organization of these credentials',
			source: { pointer: `${base}/organization_id` },
		});
	}
	return errors;
}

/**
 * Per-card results in request order. ASSUMED (Qonto shows only "Option 1 / Errors"): a failed
 * element is `{"errors": [{code, detail, source: {pointer: "/cards/<i>/card/<field>"}}]}`,
 * a created one `{"card": {...}}`.
 */
function createCards(context: QontoContext, items: unknown[]): SandboxResponse {
	const config = context.config();
	const now = context.clock.now();
	const results = items.map((item, index) => {
		const checked = checkCard(item, index);
		const errors = checked.ok ? checkReferences(context, checked.card, index) : checked.errors;
		if (!checked.ok || errors.length > 0) {
			context.counters.cardErrors += 1;
			return { errors };
		}
		const holder = config.memberships.find(({ id }) => id === checked.card.holder_id)!;
		const held: CardStatus | null = config.onholdHolderIds.includes(holder.id) ? 'onhold' : null;
		const record = context.cards.create(checked.card, holder, config.organizationId, now, held);
		context.counters.cardsCreated += 1;
		return { card: cardView(record, cardProgress(record, config, now)) };
	});
	context.counters.bulkCalls += 1;
	return { status: 200, body: { cards: results } };
}

function bulkCreate(context: QontoContext, request: SandboxRequest): SandboxResponse {
	const auth = authenticate(context, request);
	if (!auth.ok) return auth.response;
	const refused = requireScope(auth.principal, 'card.write', false);
	if (refused) return refused;
	const config = context.config();
	if (!config.bulkCreationAvailable) {
		return qontoError(404, 'not_found', 'The requested resource could not be found');
	}
	if (request.body.kind === 'invalid') {
		return qontoErrors(400, [
			{ code: 'invalid', detail: 'The body is not valid JSON', source: { pointer: '' } },
		]);
	}
	const shape = checkBulkShape(bodyValue(request.body));
	if (!shape.ok) return qontoErrors(400, shape.errors);

	const key = header(request, IDEMPOTENCY_HEADER);
	if (key !== undefined && key.length > MAX_KEY_LENGTH) {
		return qontoErrors(400, [
			{
				code: 'invalid',
				detail: `The idempotency key must be at most ${MAX_KEY_LENGTH} characters`,
				source: { parameter: 'X-Qonto-Idempotency-Key' },
			},
		]);
	}
	// Qonto: "the successful response is cached for the key and replayed even if the body differs";
	// `idempotencyMismatch: "conflict"` plays a stricter server instead.
	const fingerprint = requestFingerprint(
		BULK_OPERATION,
		config.idempotencyMismatch === 'replay' ? null : bodyValue(request.body),
	);
	const now = context.clock.now();
	if (key !== undefined) {
		const repeated = answerRepeatedKey(
			context.idempotency,
			context.counters,
			{ key, fingerprint, now },
			() =>
				qontoError(
					422,
					'idempotency_key_reused',
					'This idempotency key was already used with a different request',
				),
		);
		if (repeated) return repeated;
	}
	const sca = scaGate(context, request, BULK_OPERATION);
	if (!sca.ok) return sca.response;
	const response = createCards(context, shape.items);
	if (key !== undefined) context.idempotency.remember(key, fingerprint, response, now);
	return response;
}

/** `key[]=a&key[]=b` (Qonto's form) or `key=a&key=b`. */
function listParam(request: SandboxRequest, name: string): string[] {
	return [...request.query.getAll(`${name}[]`), ...request.query.getAll(name)].filter(
		(value) => value !== '',
	);
}

function positiveInteger(raw: string | null, fallback: number): number | null {
	if (raw === null || raw === '') return fallback;
	return /^\d{1,9}$/.test(raw) && Number(raw) >= 1 ? Number(raw) : null;
}

interface CardFilters {
	ids: string[];
	statuses: string[];
	holderIds: string[];
	bankAccountIds: string[];
	cardLevels: string[];
	query: string;
	sortField: string;
	sortDirection: 'asc' | 'desc';
	page: number;
	perPage: number;
}

function parseFilters(
	request: SandboxRequest,
): { ok: true; value: CardFilters } | { ok: false; errors: QontoErrorEntry[] } {
	const errors: QontoErrorEntry[] = [];
	const invalid = (parameter: string, detail: string) =>
		errors.push({ code: 'invalid', detail: `${parameter} ${detail}`, source: { parameter } });
	const uuids = (name: string) => {
		const values = listParam(request, name);
		if (!values.every(isUuid)) invalid(`${name}[]`, 'must contain UUIDs');
		return values.map((value) => value.toLowerCase());
	};
	const ids = uuids('ids');
	const holderIds = uuids('holder_ids');
	const bankAccountIds = uuids('bank_account_ids');
	const statuses = listParam(request, 'statuses');
	if (!statuses.every((status) => (CARD_STATUSES as ReadonlyArray<string>).includes(status))) {
		invalid('statuses[]', `must be among ${CARD_STATUSES.join(', ')}`);
	}
	const cardLevels = listParam(request, 'card_levels');
	if (!cardLevels.every((level) => (CARD_LEVELS as ReadonlyArray<string>).includes(level))) {
		invalid('card_levels[]', `must be among ${CARD_LEVELS.join(', ')}`);
	}
	const [sortField, sortDirection] = (request.query.get('sort_by') || 'created_at:desc').split(':');
	if (!SORT_FIELDS.includes(sortField) || (sortDirection !== 'asc' && sortDirection !== 'desc')) {
		invalid('sort_by', `must be <${SORT_FIELDS.join('|')}>:<asc|desc>`);
	}
	const page = positiveInteger(request.query.get('page'), 1);
	if (page === null) invalid('page', 'must be a whole number ≥ 1');
	const perPage = positiveInteger(request.query.get('per_page'), DEFAULT_PER_PAGE);
	if (perPage === null || perPage > MAX_PER_PAGE)
		invalid('per_page', `must be a whole number from 1 to ${MAX_PER_PAGE}`);
	if (errors.length > 0) return { ok: false, errors };
	return {
		ok: true,
		value: {
			ids,
			statuses,
			holderIds,
			bankAccountIds,
			cardLevels,
			query: (request.query.get('query') ?? '').trim().toLowerCase(),
			sortField,
			sortDirection: sortDirection as 'asc' | 'desc',
			page: page!,
			perPage: perPage!,
		},
	};
}

type ListedCard = { record: CardRecord; status: CardStatus; view: Record<string, unknown> };

/** A listed card whose full view is only built when needed (a page, a search, a sort by a field). */
function listed(record: CardRecord, config: QontoSandboxConfig, now: number): ListedCard {
	const progress = cardProgress(record, config, now);
	let view: Record<string, unknown> | undefined;
	return {
		record,
		status: progress.status,
		get view() {
			view ??= cardView(record, progress);
			return view;
		},
	};
}

/** Text search over holder names, id, nickname, last digits, status, expiry (providers.md §2.4). */
function matchesQuery(card: ListedCard, query: string): boolean {
	if (query === '') return true;
	const { record, view } = card;
	const haystack = [
		record.holderFirstName,
		record.holderLastName,
		record.id,
		view.nickname,
		record.lastDigits,
		view.status,
		view.pre_expires_at,
		record.expYear,
		record.expMonth,
	];
	return haystack.some((value) => typeof value === 'string' && value.toLowerCase().includes(query));
}

function compareCards(field: string, direction: 'asc' | 'desc') {
	const sign = direction === 'asc' ? 1 : -1;
	return (left: ListedCard, right: ListedCard): number => {
		const a = field === 'created_at' ? left.record.seq : String(left.view[field] ?? '');
		const b = field === 'created_at' ? right.record.seq : String(right.view[field] ?? '');
		if (a < b) return -sign;
		if (a > b) return sign;
		return (left.record.seq - right.record.seq) * sign;
	};
}

function listCards(context: QontoContext, request: SandboxRequest): SandboxResponse {
	const auth = authenticate(context, request);
	if (!auth.ok) return auth.response;
	const refused = requireScope(auth.principal, 'card.read', true);
	if (refused) return refused;
	const parsed = parseFilters(request);
	if (!parsed.ok) return qontoErrors(400, parsed.errors);
	const filters = parsed.value;
	const config = context.config();
	const now = context.clock.now();
	const matching = context.cards
		.all()
		.map((record) => listed(record, config, now))
		.filter(
			({ record, status }) =>
				(filters.ids.length === 0 || filters.ids.includes(record.id)) &&
				(filters.statuses.length === 0 || filters.statuses.includes(status)) &&
				(filters.holderIds.length === 0 || filters.holderIds.includes(record.input.holder_id)) &&
				(filters.bankAccountIds.length === 0 ||
					filters.bankAccountIds.includes(record.input.bank_account_id)) &&
				(filters.cardLevels.length === 0 || filters.cardLevels.includes(record.input.card_level)),
		)
		.filter((card) => matchesQuery(card, filters.query))
		.sort(compareCards(filters.sortField, filters.sortDirection));
	const totalCount = matching.length;
	const totalPages = Math.ceil(totalCount / filters.perPage);
	const start = (filters.page - 1) * filters.perPage;
	return {
		status: 200,
		body: {
			cards: matching.slice(start, start + filters.perPage).map(({ view }) => view),
			meta: {
				current_page: filters.page,
				next_page: filters.page < totalPages ? filters.page + 1 : null,
				prev_page: filters.page > 1 ? filters.page - 1 : null,
				total_pages: totalPages,
				total_count: totalCount,
				per_page: filters.perPage,
			},
		},
	};
}

export function cardRoutes(context: QontoContext): Route[] {
	return [
		{ method: 'POST', path: '/v2/cards/bulk', handle: (request) => bulkCreate(context, request) },
		{ method: 'GET', path: '/v2/cards', handle: (request) => listCards(context, request) },
	];
}
