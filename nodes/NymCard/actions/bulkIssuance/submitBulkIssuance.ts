import type { IDataObject, NodeApiError } from 'n8n-workflow';

import { bulkState } from '../../helpers/bulkStatus';
import { resourceId, unwrapResource, type NymCardSession } from '../../transport';

export interface SubmissionResult {
	submitted: boolean;
	alreadySubmitted: boolean;
	bulk: IDataObject;
	error?: NodeApiError;
}

/**
 * Moves a draft bulk to SUBMITTED (PUT, documented body `{currency, status}`). If the call
 * fails, the bulk is read back: a submit whose response was lost may have gone through, and
 * a repeat of it can be refused as an invalid transition.
 */
export async function submitBulkIssuance(
	session: NymCardSession,
	bulk: IDataObject,
	action: string,
): Promise<SubmissionResult> {
	const id = resourceId(bulk) ?? '';
	if (isPastDraft(bulk)) return { submitted: true, alreadySubmitted: true, bulk };
	const path = `/bulkissuances/${encodeURIComponent(id)}`;
	const submission = await session.attempt<IDataObject>({
		method: 'PUT',
		path,
		body: {
			...(typeof bulk.currency === 'string' ? { currency: bulk.currency } : {}),
			status: 'SUBMITTED',
		},
	});
	if (submission.ok) {
		const returned = unwrapResource(submission.response.body);
		const updated = returned.id !== undefined ? returned : { ...bulk, status: 'SUBMITTED' };
		return { submitted: true, alreadySubmitted: false, bulk: updated };
	}
	const current = await readBack(session, path);
	if (current && isPastDraft(current))
		return { submitted: true, alreadySubmitted: false, bulk: current };
	return {
		submitted: false,
		alreadySubmitted: false,
		bulk: current ?? bulk,
		error: session.error(submission.failure, action),
	};
}

function isPastDraft(bulk: IDataObject): boolean {
	const state = bulkState(bulk);
	return state !== 'draft' && state !== 'unknown';
}

async function readBack(session: NymCardSession, path: string): Promise<IDataObject | undefined> {
	const read = await session.attempt<IDataObject>({ method: 'GET', path });
	return read.ok ? unwrapResource(read.response.body) : undefined;
}
