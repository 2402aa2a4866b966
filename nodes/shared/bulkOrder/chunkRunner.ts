import { withAdditionalBodyFields } from '../additionalBodyFields';
import type { ProviderRequest, ProviderRequestError } from '../request';
import { backoffDelayMs } from '../retry';
import type { ProviderSession } from '../session';
import {
	requestOfPending,
	sendWithApproval,
	settleApproval,
	type ApprovedSend,
	type PendingApproval,
} from './approval';
import type {
	BulkCreateSpec,
	CardEntry,
	ChunkAnswer,
	ChunkPlan,
	ChunkResult,
	Outcome,
} from './contract';
import { chunkCardIds, type BulkOrder } from './plan';

/** One order being run: what every chunk of it shares. */
export interface OrderRun<TOrder> {
	session: ProviderSession;
	spec: BulkCreateSpec<TOrder>;
	order: BulkOrder<TOrder>;
	chunkCount: number;
}

/** Creates one chunk under the provider's idempotency mode; never throws for a provider failure. */
export async function runChunk<TOrder>(
	run: OrderRun<TOrder>,
	chunk: ChunkPlan,
): Promise<ChunkResult> {
	const { session, spec, order, chunkCount } = run;
	const result =
		spec.idempotency.kind === 'derivedIds'
			? await createMissingCards(run, chunk)
			: await createOnce(run, chunk);
	if (result.counts.created && spec.afterCreate)
		await spec.afterCreate(session, order.provider, result, chunkCount);
	return result;
}

function request<TOrder>(
	spec: BulkCreateSpec<TOrder>,
	order: BulkOrder<TOrder>,
	chunk: ChunkPlan,
	cardIds?: string[],
	cards?: CardEntry[],
): ProviderRequest {
	const built = spec.buildRequest(order.provider, chunk, cardIds, cards);
	return {
		...built,
		body: built.body && withAdditionalBodyFields(built.body, order.additionalBodyFields),
		...(chunk.idempotencyKey ? { idempotencyKey: chunk.idempotencyKey } : {}),
	};
}

/** keyHeader and none: one request (the client retries it only when that is safe). */
async function createOnce<TOrder>(run: OrderRun<TOrder>, chunk: ChunkPlan): Promise<ChunkResult> {
	const { session, spec, order } = run;
	const sent = await sendWithApproval(
		session,
		spec.approval,
		order.provider,
		request(spec, order, chunk),
	);
	return resultOfSend(run, chunk, sent);
}

/** A chunk that waited for approval, once a later submit has the decision. */
export async function resumeChunk<TOrder>(
	run: OrderRun<TOrder>,
	chunk: ChunkPlan,
	pending: PendingApproval,
	waitMs: number,
): Promise<ChunkResult> {
	const { session, spec } = run;
	if (!spec.approval) throw new RangeError('this provider asks for no approval');
	const sent = await settleApproval(
		session,
		spec.approval,
		waitMs,
		requestOfPending(pending),
		pending.handle,
	);
	return resultOfSend(run, chunk, sent);
}

function resultOfSend<TOrder>(
	{ session, spec, order, chunkCount }: OrderRun<TOrder>,
	chunk: ChunkPlan,
	sent: ApprovedSend,
): ChunkResult {
	const action = spec.describeCall(chunk, chunkCount);
	if (sent.kind === 'awaiting') {
		return {
			chunk,
			outcome: 'awaiting_approval',
			counts: { awaiting_approval: chunk.size },
			approval: sent.pending,
			extra: {},
		};
	}
	if (sent.kind === 'denied') {
		return {
			chunk,
			outcome: 'failed',
			counts: { failed: chunk.size },
			error: session.problem(
				`The approval to ${action} was denied in ${session.provider.label}: nothing was created`,
				'The person asked to approve the request on their device refused it. Run the order again to ask for a new approval.',
			),
			extra: {},
		};
	}
	if (sent.attempt.ok) {
		const answer = spec.readResponse(order.provider, chunk, sent.attempt.response, sent.request);
		return answered(chunk, answer, chunk.cards, session.itemIndex);
	}
	return failedChunk(session, spec, chunk, sent.attempt.failure, action);
}

/**
 * derivedIds: look the chunk's ids up first (a re-run finds what an earlier run created), create
 * only the missing cards, and after an ambiguous failure look again before sending anything more.
 * Where the provider refuses repeated ids and the user turned Look Up Before Creating off, the
 * ids are sent at once, and looked up after that refusal or an answer that leaves cards out.
 */
async function createMissingCards<TOrder>(
	{ session, spec, order, chunkCount }: OrderRun<TOrder>,
	chunk: ChunkPlan,
): Promise<ChunkResult> {
	if (spec.idempotency.kind !== 'derivedIds') throw new RangeError('not a derivedIds provider');
	const { lookup, asynchronous, refusesRepeatedIds } = spec.idempotency;
	const sendFirst = refusesRepeatedIds !== undefined && !order.lookUpFirst;
	const action = spec.describeCall(chunk, chunkCount);
	const ids = chunkCardIds(session, spec, order, chunk);
	const cardOf = new Map(ids.map((id, position) => [id, chunk.cards?.[position]]));
	const existing = sendFirst ? new Set<string>() : await lookup(session, order.provider, ids);
	let alreadyExisted = existing.size;
	let missing = ids.filter((id) => !existing.has(id));
	let refusalLookedUp = false;
	const settled = (result: Omit<ChunkResult, 'alreadyExisted'>): ChunkResult => ({
		...result,
		cardIds: ids,
		...(alreadyExisted > 0 ? { alreadyExisted } : {}),
	});
	if (missing.length === 0) {
		return settled({ chunk, outcome: 'created', counts: { created: chunk.size }, extra: {} });
	}
	for (let round = 0; ; round++) {
		const missingCards = chunk.cards ? missing.map((id) => cardOf.get(id) as CardEntry) : undefined;
		const toSend = request(spec, order, chunk, missing, missingCards);
		const sent = await session.attempt<unknown>(toSend);
		if (sent.ok) {
			const answer = spec.readResponse(order.provider, chunk, sent.response, toSend);
			const result = answered(chunk, answer, missingCards, session.itemIndex);
			if (sendFirst)
				alreadyExisted += await dropLeftOutThatExist(result, missing, (left) =>
					lookup(session, order.provider, left),
				);
			const created = chunk.size - missing.length;
			if (created > 0) result.counts.created = (result.counts.created ?? 0) + created;
			if (!answer.cards) result.counts = { [answer.outcome]: chunk.size };
			return settled(result);
		}
		if (sendFirst && !refusalLookedUp && refusesRepeatedIds(sent.failure)) {
			// Some ids exist already (an earlier run): find them, then send only the others.
			refusalLookedUp = true;
			const found = await lookup(session, order.provider, missing);
			alreadyExisted += found.size;
			missing = missing.filter((id) => !found.has(id));
			if (missing.length === 0) {
				return settled({ chunk, outcome: 'created', counts: { created: chunk.size }, extra: {} });
			}
			continue;
		}
		const failed = failedChunk(session, spec, chunk, sent.failure, action);
		const created = chunk.size - missing.length;
		if (failed.outcome !== 'unknown' || asynchronous || round >= session.options.retry.maxRetries) {
			if (asynchronous && failed.outcome === 'unknown' && failed.error)
				failed.error.description = asynchronousAdvice(session, missing);
			return settled({
				...failed,
				counts: { ...(created > 0 ? { created } : {}), [failed.outcome]: missing.length },
			});
		}
		await session.clock.sleep(backoffDelayMs(round, session.options.retry));
		const found = await lookup(session, order.provider, missing);
		missing = missing.filter((id) => !found.has(id));
		if (missing.length === 0) {
			return settled({ chunk, outcome: 'created', counts: { created: chunk.size }, extra: {} });
		}
	}
}

/**
 * Sent without a look-up, an answer may leave out cards that existed already (a provider that
 * skips repeated ids): those found now are taken out of the per-card answers and counted as
 * created before. `sentIds` are the ids of the call, position by position. Answers how many.
 */
async function dropLeftOutThatExist(
	result: ChunkResult,
	sentIds: string[],
	lookup: (ids: string[]) => Promise<Set<string>>,
): Promise<number> {
	const cards = result.cards;
	if (!cards || cards.length !== sentIds.length) return 0;
	const leftOut = sentIds.filter((_id, position) => cards[position].outcome === 'unknown');
	if (leftOut.length === 0) return 0;
	const found = await lookup(leftOut);
	if (found.size === 0) return 0;
	result.cards = cards.filter((_card, position) => !found.has(sentIds[position]));
	const unknown = (result.counts.unknown ?? 0) - found.size;
	if (unknown > 0) result.counts.unknown = unknown;
	else delete result.counts.unknown;
	result.counts.created = (result.counts.created ?? 0) + found.size;
	if (result.outcome === 'unknown' && unknown <= 0) result.outcome = 'created';
	return found.size;
}

/** A chunk's result from the provider's answer; per-card answers are paired to their items. */
function answered(
	chunk: ChunkPlan,
	answer: ChunkAnswer,
	sentCards: CardEntry[] | undefined,
	itemIndex: number,
): ChunkResult {
	if (!answer.cards) {
		return { chunk, ...answer, counts: { [answer.outcome]: chunk.size }, extra: {} };
	}
	const counts: Partial<Record<Outcome, number>> = {};
	const cards = answer.cards.map((card, position) => {
		counts[card.outcome] = (counts[card.outcome] ?? 0) + 1;
		return { ...card, itemIndex: sentCards?.[position]?.itemIndex ?? itemIndex };
	});
	const outcomes = Object.keys(counts) as Outcome[];
	// A chunk answered card by card is "created" when any card was; `counts` shows the split.
	const outcome = outcomes.length === 1 ? outcomes[0] : counts.created ? 'created' : outcomes[0];
	return { chunk, ...answer, outcome, cards, counts, extra: {} };
}

function failedChunk<TOrder>(
	session: ProviderSession,
	spec: BulkCreateSpec<TOrder>,
	chunk: ChunkPlan,
	failure: ProviderRequestError,
	action: string,
): ChunkResult {
	const conflict = failure.failure.kind === 'http' && failure.failure.statusCode === 409;
	const keyed = chunk.idempotencyKey !== undefined;
	const unknown = failure.ambiguous || (conflict && keyed);
	const error = session.error(failure, action);
	const advice = conflict && keyed ? repeatedKeyAdvice(session) : spec.adviceFor?.(failure);
	if (advice) error.description = advice;
	return {
		chunk,
		outcome: unknown ? 'unknown' : 'failed',
		counts: { [unknown ? 'unknown' : 'failed']: chunk.size },
		error,
		extra: {},
	};
}

function repeatedKeyAdvice(session: ProviderSession): string {
	const label = session.provider.label;
	return (
		`${label} answered that this call repeats an earlier request with the same idempotency key: the order reference was used before ` +
		'(possibly with other values), or an earlier attempt of this call is still being processed. ' +
		`Check the orders in ${label} before ordering these cards again, and use a new order reference for a new order.`
	);
}

function asynchronousAdvice(session: ProviderSession, missing: string[]): string {
	const label = session.provider.label;
	return (
		`${label} may have received this call without confirming it, and it creates cards after answering, so looking the cards up now cannot prove they are missing. ` +
		`Nothing more was sent for them in this run. Check ${label} for the card ids ${missing[0]} to ${missing[missing.length - 1]} before running this order again; ` +
		'a re-run with the same order reference creates only the cards it does not find.'
	);
}
