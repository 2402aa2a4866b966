import type { IDataObject } from 'n8n-workflow';

import type { ProviderDefinition, ProviderSession } from '../session';
import type { NormalisedState, NormalisedStatus } from '../status';
import type { ValidationReport } from '../validation';

/**
 * # The provider contract of the Bulk Card Trigger
 *
 * The engine (`pollWatch`) owns everything a polling trigger needs on every provider: the compact
 * state in the node's static data (versioned, keys hashed, statuses in a small dictionary), the
 * baseline (the first activated poll records what exists and returns `null`), the events
 * (`statusChanged`, `reachedState`, `newlySeen`), emitting each change exactly once (the state is
 * computed aside and committed only when the poll returns, so a failing poll changes nothing),
 * the per-poll cap and `getPollBudgetMs()` (reading stops early; what is left is carried to the
 * next poll, neither lost nor repeated), dropping terminal objects once their change was emitted
 * (a short tombstone keeps a list that still returns them from announcing them as new, until they
 * stop appearing), and the manual "Fetch test event" sample that leaves the state alone.
 *
 * A provider supplies only a `WatchSource`, built from the node's parameters by its
 * `WatchProvider`:
 *
 * - `scope`: what is watched, as text (provider, what, ids…). When it changes, the trigger starts
 *   over with a new baseline, so a saved state never describes other objects.
 * - `readPage`: one page of raw objects through the session (pacing, retries, error wording), from
 *   an opaque `cursor` the source itself returned (`undefined` = the start), with the cursor of
 *   the next page or none at the end. Read list endpoints, never one request per watched object
 *   where a list exists; a stable order (oldest first, or a cursor) keeps resumed reads exact.
 * - `observe`: one raw object as an `Observation` (key, raw status, normalised state, and the item
 *   emitted for it in the normalised status shape), or `undefined` to ignore it.
 * - optional `admit`: whether an object not yet watched starts being watched (a status filter that
 *   must keep following an object after it leaves the filtered statuses).
 */
export interface WatchSource {
	scope: string;
	readPage(session: ProviderSession, cursor: string | undefined): Promise<WatchPage>;
	observe(raw: IDataObject, observedAtMs: number): Observation | undefined;
	admit?(observation: Observation): boolean;
}

export interface WatchPage {
	records: IDataObject[];
	/** Where the next page starts; none after the last page. */
	next?: string;
}

export interface Observation {
	/** The object's id at the provider (stored hashed). */
	key: string;
	/** The provider's raw status; `null` when it shows none. */
	status: string | null;
	state: NormalisedState;
	/** What an emitted item shows: the normalised status shape plus the provider's own fields. */
	item: NormalisedStatus;
}

/** A provider's part of the trigger node: its credential, and its watch source from parameters. */
export interface WatchProvider {
	definition: ProviderDefinition;
	/** Reads and checks what to watch; every problem goes into `report` (nothing is read then). */
	readSource(session: ProviderSession, report: ValidationReport): WatchSource;
}

export type TriggerEvent = 'statusChanged' | 'reachedState' | 'newlySeen';

export interface TriggerSettings {
	events: TriggerEvent[];
	/** Normalised states whose reaching is an event (with `reachedState`). */
	reachedStates: NormalisedState[];
	/** At most this many items per poll; the rest waits for the next poll. */
	maxItemsPerPoll: number;
	/** Items of a manual "Fetch test event". */
	sampleSize: number;
}
