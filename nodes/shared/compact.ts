import type { IDataObject } from 'n8n-workflow';

/** The object without its undefined and empty-string fields: what is sent and shown. */
export function compact(object: IDataObject): IDataObject {
	return Object.fromEntries(
		Object.entries(object).filter(([, value]) => value !== undefined && value !== ''),
	);
}
