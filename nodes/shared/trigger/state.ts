import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import type { NormalisedState } from '../status';

/**
 * What the trigger keeps in the node's static data, kept small on purpose (every poll that emits
 * writes it to the workflow row):
 *
 * - `w`: watched objects, key hash (10 base64url characters, 60 bits) → `status index × 2 + mark`;
 * - `t`: tombstones of terminal objects, key hash (8 characters) → `mark`;
 * - `d`: the dictionary of (raw status, normalised state) pairs the indexes point into;
 * - `m`: the mark of the current read-through of the list (0/1). Every object seen gets it; when a
 *   read-through ends, entries without it (no longer listed) are dropped and the mark flips;
 * - `c`: where the current read-through continues (when a poll stopped early);
 * - `b`: 1 once the baseline read-through is complete;
 * - `s`: hash of the watch source's scope; `v`: format version. Either differing starts over.
 */
export interface WatchState {
	v: number;
	s: string;
	b: 0 | 1;
	m: 0 | 1;
	c?: string;
	d: Array<[string | null, NormalisedState]>;
	w: Record<string, number>;
	t: Record<string, number>;
}

export const STATE_VERSION = 1;
/** The property of the node's static data that holds the state. */
export const STATE_PROPERTY = 'watch';

const WATCHED_KEY_LENGTH = 10;
const TOMBSTONE_KEY_LENGTH = 8;

export function hashKey(key: string): string {
	return createHash('sha256').update(key).digest('base64url').slice(0, WATCHED_KEY_LENGTH);
}

export function tombstoneKey(watchedKey: string): string {
	return watchedKey.slice(0, TOMBSTONE_KEY_LENGTH);
}

export function scopeHash(scope: string): string {
	return createHash('sha256').update(scope).digest('base64url').slice(0, 12);
}

export function emptyState(scope: string): WatchState {
	return { v: STATE_VERSION, s: scopeHash(scope), b: 0, m: 0, d: [], w: {}, t: {} };
}

/** The stored state if it is of this version and this scope, as a copy the poll may change. */
export function loadState(staticData: IDataObject, scope: string): WatchState | undefined {
	const stored = staticData[STATE_PROPERTY] as WatchState | undefined;
	if (!stored || typeof stored !== 'object') return undefined;
	if (stored.v !== STATE_VERSION || stored.s !== scopeHash(scope)) return undefined;
	return {
		...stored,
		d: stored.d.map(([status, state]) => [status, state]),
		w: { ...stored.w },
		t: { ...stored.t },
	};
}

/** Replaces the stored state (only when a poll returns). */
export function commitState(staticData: IDataObject, state: WatchState): void {
	for (const key of Object.keys(staticData)) delete staticData[key];
	staticData[STATE_PROPERTY] = state as unknown as IDataObject;
}

export function statusIndex(state: WatchState, status: string | null, normalised: NormalisedState) {
	const found = state.d.findIndex(([raw, known]) => raw === status && known === normalised);
	if (found >= 0) return found;
	state.d.push([status, normalised]);
	return state.d.length - 1;
}

/** Drops what the read-through that just ended did not see, and starts the next one. */
export function endReadThrough(state: WatchState): void {
	for (const [key, value] of Object.entries(state.w))
		if (value % 2 !== state.m) delete state.w[key];
	for (const [key, value] of Object.entries(state.t)) if (value !== state.m) delete state.t[key];
	state.m = state.m === 0 ? 1 : 0;
	state.b = 1;
	delete state.c;
}

/** Bytes of the state as stored (JSON), the figure "state per watched object" is measured with. */
export function stateBytes(state: WatchState): number {
	return Buffer.byteLength(JSON.stringify(state), 'utf8');
}
