import type { IDataObject, NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ProviderRequest, ProviderRequestError, ProviderResponse } from '../request';
import type { ApprovalStep, PendingApproval } from './approval';
import type { ProviderSession } from '../session';
import type { ValidationReport } from '../validation';

/**
 * # The provider contract of the bulk-order pipeline
 *
 * The engine (`runBulkOrder`) owns everything a bulk order needs on every provider: validation
 * of the whole order (all field errors at once, nothing sent), the plan (chunks within the
 * provider's per-call limit; a key or card ids per chunk derived from `orderReference`, never
 * random), Plan Only, the first call alone and the rest under Max Concurrency, pacing and retries
 * (through the session), the outcome of every chunk, totals that reconcile, per-call or per-card
 * output. A provider's create operation supplies only what is its own, as a `BulkCreateSpec`:
 *
 * - `readOrder`: its own parameters, checked into the shared report;
 * - `maxCardsPerCall` and `purpose` (part of every derived key and id: never change it);
 * - `idempotency`: how a chunk is kept from being created twice —
 *   `keyHeader` (the session's client sends the derived key in the provider's header and may
 *   retry), `derivedIds` (card ids derived from the order; before a chunk is sent, on the first
 *   try, a retry or a re-run, its ids are looked up and only the missing cards are created; a
 *   provider that creates asynchronously cannot prove absence, so an ambiguous chunk there is
 *   reported `unknown` and never resent in that run), or `none`;
 * - `buildRequest` (a chunk → one request) and `readResponse` (the answer → the chunk's outcome,
 *   its provider resource and, where the provider answers card by card, per-card results);
 * - optional `approval` (a person approves a write on a device first: the engine waits, bounded,
 *   or returns the chunk `awaiting_approval` for `submitAwaitingChunk`),
 * - optional `afterCreate` (e.g. submit the created bulk), `listCards` (per-card output when the
 *   answer has no cards), and the fields it adds to output items.
 */
export interface BulkCreateSpec<TOrder> {
	/** Part of each derived key and card id, e.g. "bulkIssuance.create". */
	purpose: string;
	maxCardsPerCall: number;
	idempotency: IdempotencyMode<TOrder>;
	/** Reads and checks the provider's own parameters; problems go into `report`. */
	readOrder(session: ProviderSession, report: ValidationReport): OrderRead<TOrder>;
	/** Words for errors, e.g. "create bulk issuance 2 of 3". */
	describeCall(chunk: ChunkPlan, chunkCount: number): string;
	/** Requests made per chunk when all goes well (1, or 2 with a submit), for the plan. */
	requestsPerChunk?(order: TOrder): number;
	/**
	 * The request that creates a chunk's cards. In derivedIds mode `cardIds` are the ids still to
	 * create and `cards` (when the order lists them) their cards, position by position.
	 */
	buildRequest(
		order: TOrder,
		chunk: ChunkPlan,
		cardIds?: string[],
		cards?: CardEntry[],
	): ProviderRequest;
	/** The chunk's outcome from the provider's answer to `request` (the request as it was sent). */
	readResponse(
		order: TOrder,
		chunk: ChunkPlan,
		response: ProviderResponse<unknown>,
		request: ProviderRequest,
	): ChunkAnswer;
	/** Advice that replaces the usual words for a failed create (e.g. what a 404 means there). */
	adviceFor?(failure: ProviderRequestError): string | undefined;
	/** Where a person must approve a write first (see `approval.ts`). */
	approval?: ApprovalStep<TOrder>;
	/** Runs after a chunk was created, e.g. submit it; may change the result's resource and fields. */
	afterCreate?(
		session: ProviderSession,
		order: TOrder,
		result: ChunkResult,
		chunkCount: number,
	): Promise<void>;
	/** The created cards of a chunk, for per-card output when the answer listed none. */
	listCards?(session: ProviderSession, order: TOrder, result: ChunkResult): Promise<IDataObject[]>;
	/** Provider fields of a per-call output item (ids, status, the redacted resource…). */
	chunkFields(order: TOrder, result: ChunkResult): IDataObject;
	/** Provider fields of a per-card output item. */
	cardFields(order: TOrder, result: ChunkResult, card: IDataObject): IDataObject;
}

/** Either a plain count, or the cards one by one (see `readCards`): not both. */
export interface OrderRead<TOrder> {
	order: TOrder;
	numberOfCards?: number;
	cards?: CardEntry[];
}

/** One card of an order listed card by card, with the input item it came from. */
export interface CardEntry {
	/** The card's fields, named as in the provider's API, already checked. */
	fields: IDataObject;
	itemIndex: number;
}

export type IdempotencyMode<TOrder> =
	| { kind: 'keyHeader' }
	| {
			kind: 'derivedIds';
			/** Prefix of every derived card id (e.g. a user-set one), may be empty. */
			idPrefix(order: TOrder): string;
			/** The id a listed card brings itself, used instead of a derived one. */
			ownId?(card: IDataObject): string | undefined;
			/** Which of `cardIds` exist at the provider already. */
			lookup(session: ProviderSession, order: TOrder, cardIds: string[]): Promise<Set<string>>;
			/** The provider creates after answering, so a lookup that finds nothing proves nothing. */
			asynchronous: boolean;
			/**
			 * Whether `failure` is the provider refusing a call that repeats a card id it already
			 * holds, where it refuses such calls. Offers the option Look Up Before Creating: when the
			 * user turns it off, a call is sent without a look-up first, and its ids are looked up
			 * only after such a refusal, a lost answer, or an answer that leaves some cards out.
			 */
			refusesRepeatedIds?(failure: ProviderRequestError): boolean;
	  }
	| { kind: 'none' };

export type Outcome = 'created' | 'failed' | 'unknown' | 'validated' | 'awaiting_approval';

export interface ChunkPlan {
	index: number;
	/** Position of the chunk's first card in the whole order. */
	offset: number;
	size: number;
	idempotencyKey?: string;
	/** The chunk's cards, when the order lists them. */
	cards?: CardEntry[];
}

export interface ChunkAnswer {
	outcome: 'created' | 'validated' | 'awaiting_approval';
	resource?: IDataObject;
	/** Per-card results where the provider answers card by card, in the chunk's card order. */
	cards?: CardAnswer[];
}

export interface CardAnswer {
	outcome: Outcome;
	/** What the output item shows of the card (ids, status…), redacted by the provider. */
	fields: IDataObject;
	/** The provider's reason when this card was not created. */
	error?: IDataObject;
	/** The input item the card came from; set by the engine. */
	itemIndex?: number;
}

/** What happened to one chunk; `counts` splits its cards by outcome (they sum to its size). */
export interface ChunkResult {
	chunk: ChunkPlan;
	outcome: Outcome;
	counts: Partial<Record<Outcome, number>>;
	resource?: IDataObject;
	cards?: CardAnswer[];
	/** Cards of this chunk found at the provider before sending (an earlier run created them). */
	alreadyExisted?: number;
	/** derivedIds mode: the chunk's card ids, which the user checks when the outcome is unknown. */
	cardIds?: string[];
	error?: NodeApiError | NodeOperationError;
	/** What a later submit needs, when the chunk waits for a person's approval. */
	approval?: PendingApproval;
	/** Provider fields set by `afterCreate` (e.g. submitted, submitError). */
	extra: IDataObject;
	/**
	 * Per-call output: the provider's `chunkFields`, taken as soon as the call is done so that its
	 * per-card answers (`cards`) need not be kept until the whole order has run.
	 */
	callFields?: IDataObject;
}
