import type { IDataObject } from 'n8n-workflow';

/**
 * The records of a list answer: a bare array, or the first array found under `names` (the
 * provider's own name first) or the usual `data`, `items`, `results`. Providers rarely publish the
 * wrapper, so all of them are read; entries that are not objects are dropped.
 */
export function readRecords(body: unknown, ...names: string[]): IDataObject[] {
	const object = body && typeof body === 'object' ? (body as IDataObject) : {};
	const list = Array.isArray(body)
		? body
		: [...names, 'data', 'items', 'results'].map((name) => object[name]).find(Array.isArray);
	return ((list as unknown[] | undefined) ?? []).filter(
		(record): record is IDataObject => !!record && typeof record === 'object',
	);
}
