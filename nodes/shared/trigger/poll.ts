import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type IPollFunctions,
} from 'n8n-workflow';

import { systemClock, type Clock } from '../clock';
import { redact } from '../redaction';
import type { ProviderSession } from '../session';
import type { NormalisedState } from '../status';
import type { Observation, TriggerEvent, TriggerSettings, WatchSource } from './contract';
import {
	commitState,
	emptyState,
	endReadThrough,
	hashKey,
	loadState,
	STATE_PROPERTY,
	statusIndex,
	tombstoneKey,
	type WatchState,
} from './state';

/** Used when n8n does not tell the poll its budget (before n8n 2.x). */
const DEFAULT_POLL_BUDGET_MS = 5 * 60_000;
/** Share of the budget reading may use: the rest is left for building items and committing. */
const BUDGET_SHARE = 0.8;

interface PendingItem {
	observation: Observation;
	event: TriggerEvent;
	previous?: [string | null, NormalisedState];
}

export interface PollReport {
	/** Pages read by this poll. */
	pages: number;
	/** Why reading stopped before the end of the list, if it did. */
	stoppedBy?: 'cap' | 'budget';
	/** Whether this poll finished a read-through of the whole list. */
	readThroughEnded: boolean;
}

/**
 * One poll of a watch source (see `contract.ts`): the items to emit, or `null` when there is
 * nothing new. In manual mode, a small sample of current objects and no change to the state.
 */
export async function pollWatch(
	context: IPollFunctions,
	session: ProviderSession,
	source: WatchSource,
	settings: TriggerSettings,
	clock: Clock = systemClock,
	report?: (report: PollReport) => void,
): Promise<INodeExecutionData[][] | null> {
	const staticData = context.getWorkflowStaticData('node');
	if (context.getMode() === 'manual')
		return await sample(context, session, source, settings, staticData, clock);

	// Two polls of the same trigger must not overlap: both would read the same stored state, emit
	// the same changes, and the later commit would overwrite the earlier. A poll that starts while
	// another runs on this state waits for it, then reads the state it committed.
	const earlier = pollsInFlight.get(staticData);
	const run = (async () => {
		if (earlier) await earlier.catch(() => undefined);
		return await pollOnce(context, session, source, settings, staticData, clock, report);
	})();
	pollsInFlight.set(staticData, run);
	try {
		return await run;
	} finally {
		if (pollsInFlight.get(staticData) === run) pollsInFlight.delete(staticData);
	}
}

/** The poll running (or last queued) on each trigger's static data, in this process. */
const pollsInFlight = new WeakMap<IDataObject, Promise<unknown>>();

async function pollOnce(
	context: IPollFunctions,
	session: ProviderSession,
	source: WatchSource,
	settings: TriggerSettings,
	staticData: IDataObject,
	clock: Clock,
	report?: (report: PollReport) => void,
): Promise<INodeExecutionData[][] | null> {
	const stored = loadState(staticData, source.scope);
	const state = stored ?? emptyState(source.scope);
	const baseline = state.b === 0;
	const startedAt = clock.now();
	const budgetMs =
		typeof context.getPollBudgetMs === 'function'
			? context.getPollBudgetMs()
			: DEFAULT_POLL_BUDGET_MS;
	const items: PendingItem[] = [];
	let cursor = state.c;
	let pages = 0;
	let slowestPageMs = 0;
	let stoppedBy: PollReport['stoppedBy'];
	let readThroughEnded = false;

	reading: for (;;) {
		if (pages > 0) {
			const elapsed = clock.now() - startedAt;
			if (elapsed + 2 * slowestPageMs > budgetMs * BUDGET_SHARE) {
				stoppedBy = 'budget';
				break;
			}
		}
		const pageStartedAt = clock.now();
		const page = await readPage(session, source, cursor, pages === 0 && cursor !== undefined);
		if (page.restarted) cursor = undefined;
		pages++;
		slowestPageMs = Math.max(slowestPageMs, clock.now() - pageStartedAt);
		const observedAtMs = clock.now();
		for (const raw of page.records) {
			const observation = source.observe(raw, observedAtMs);
			if (!observation) continue;
			const pending = observe(state, source, settings, observation, baseline);
			if (!pending) continue;
			if (items.length >= settings.maxItemsPerPoll) {
				// Not committed: this page is read again by the next poll, from where it starts.
				stoppedBy = 'cap';
				state.c = cursor;
				break reading;
			}
			commit(state, observation);
			items.push(pending);
		}
		if (page.next === undefined) {
			endReadThrough(state);
			readThroughEnded = true;
			break;
		}
		cursor = page.next;
		state.c = cursor;
	}

	report?.({ pages, stoppedBy, readThroughEnded });
	commitState(staticData, state);
	if (baseline && stored === undefined) return null;
	if (items.length === 0) return null;
	const json = items.map(({ observation, event, previous }) => ({
		...(observation.item as unknown as IDataObject),
		previousStatus: previous ? previous[0] : null,
		previousState: previous ? previous[1] : null,
		event,
	}));
	return [context.helpers.returnJsonArray(redact(json, session.secrets) as IDataObject[])];
}

/**
 * Compares one observation with the state. Changes that are not events are committed here;
 * an event is returned for the caller to emit (and commit) or leave for the next poll.
 */
function observe(
	state: WatchState,
	source: WatchSource,
	settings: TriggerSettings,
	observation: Observation,
	baseline: boolean,
): PendingItem | undefined {
	const key = hashKey(observation.key);
	const entry = state.w[key];
	if (entry !== undefined) {
		state.w[key] = entry - (entry % 2) + state.m;
		const previous = state.d[Math.floor(entry / 2)];
		if (previous && previous[0] === observation.status && previous[1] === observation.state)
			return undefined;
		const event = changeEvent(settings, previous?.[1], observation.state);
		if (event) return { observation, event, previous };
		commit(state, observation);
		return undefined;
	}
	const tombstone = tombstoneKey(key);
	if (state.t[tombstone] !== undefined) {
		state.t[tombstone] = state.m;
		return undefined;
	}
	if (source.admit && !source.admit(observation)) return undefined;
	const event = baseline ? undefined : newObjectEvent(settings, observation.state);
	if (event) return { observation, event };
	commit(state, observation);
	return undefined;
}

function changeEvent(
	settings: TriggerSettings,
	previousState: NormalisedState | undefined,
	state: NormalisedState,
): TriggerEvent | undefined {
	if (
		settings.events.includes('reachedState') &&
		previousState !== state &&
		settings.reachedStates.includes(state)
	)
		return 'reachedState';
	if (settings.events.includes('statusChanged')) return 'statusChanged';
	return undefined;
}

function newObjectEvent(
	settings: TriggerSettings,
	state: NormalisedState,
): TriggerEvent | undefined {
	if (settings.events.includes('newlySeen')) return 'newlySeen';
	if (settings.events.includes('reachedState') && settings.reachedStates.includes(state))
		return 'reachedState';
	return undefined;
}

/** Records an observation as the last known (or, once terminal, the last) state of its object. */
function commit(state: WatchState, observation: Observation): void {
	const key = hashKey(observation.key);
	if (observation.item.terminal) {
		delete state.w[key];
		state.t[tombstoneKey(key)] = state.m;
		return;
	}
	state.w[key] = statusIndex(state, observation.status, observation.state) * 2 + state.m;
}

/**
 * A page from `cursor`. A stored cursor the provider no longer accepts (a 4xx on the first page
 * of a poll that resumes) restarts the read-through from the start instead of failing forever.
 */
async function readPage(
	session: ProviderSession,
	source: WatchSource,
	cursor: string | undefined,
	resumed: boolean,
) {
	try {
		return { ...(await source.readPage(session, cursor)), restarted: false };
	} catch (error) {
		const status = error instanceof NodeApiError ? Number(error.httpCode) : NaN;
		const refusedCursor =
			resumed && status >= 400 && status < 500 && ![401, 403, 429].includes(status);
		if (!refusedCursor) throw asNodeError(session, error);
		return { ...(await source.readPage(session, undefined)), restarted: true };
	}
}

/** A node error as it is; anything else worded by the session. */
function asNodeError(session: ProviderSession, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return session.error(error, 'read the watched list');
}

/** "Fetch test event": the first objects of the list as they are now; the state is only read. */
async function sample(
	context: IPollFunctions,
	session: ProviderSession,
	source: WatchSource,
	settings: TriggerSettings,
	staticData: IDataObject,
	clock: Clock,
): Promise<INodeExecutionData[][] | null> {
	const state = loadState(staticData, source.scope);
	const json: IDataObject[] = [];
	let cursor: string | undefined;
	for (let pages = 0; pages < 3 && json.length < settings.sampleSize; pages++) {
		const page = await source.readPage(session, cursor);
		const observedAtMs = clock.now();
		for (const raw of page.records) {
			const observation = source.observe(raw, observedAtMs);
			if (!observation || json.length >= settings.sampleSize) continue;
			const entry = state?.w[hashKey(observation.key)];
			const previous = entry === undefined ? undefined : state?.d[Math.floor(entry / 2)];
			json.push({
				...(observation.item as unknown as IDataObject),
				previousStatus: previous ? previous[0] : null,
				previousState: previous ? previous[1] : null,
				event: 'sample',
			});
		}
		if (page.next === undefined) break;
		cursor = page.next;
	}
	if (json.length === 0) return null;
	return [context.helpers.returnJsonArray(redact(json, session.secrets) as IDataObject[])];
}

export { STATE_PROPERTY };
