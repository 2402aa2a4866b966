import { NodeOperationError, type IDataObject, type NodeApiError } from 'n8n-workflow';

import { ProviderRequestError } from '../../../shared/request';
import { normaliseState } from '../../../shared/status';
import {
	asNodeError,
	NYMCARD,
	resourceId,
	unwrapResource,
	type NymCardSession,
} from '../../transport';

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
	try {
		const response = await session.client.request<IDataObject>({
			method: 'PUT',
			path,
			body: {
				...(typeof bulk.currency === 'string' ? { currency: bulk.currency } : {}),
				status: 'SUBMITTED',
			},
			safeToRetry: true,
		});
		const returned = unwrapResource(response.body);
		const updated = returned.id !== undefined ? returned : { ...bulk, status: 'SUBMITTED' };
		return { submitted: true, alreadySubmitted: false, bulk: updated };
	} catch (error) {
		if (!(error instanceof ProviderRequestError)) {
			throw new NodeOperationError(session.context.getNode(), error as Error, {
				itemIndex: session.itemIndex,
			});
		}
		const current = await readBack(session, path);
		if (current && isPastDraft(current))
			return { submitted: true, alreadySubmitted: false, bulk: current };
		return {
			submitted: false,
			alreadySubmitted: false,
			bulk: current ?? bulk,
			error: asNodeError(session, error, action),
		};
	}
}

function isPastDraft(bulk: IDataObject): boolean {
	const state = normaliseState(NYMCARD.provider, bulk.status);
	return state !== 'draft' && state !== 'unknown';
}

async function readBack(session: NymCardSession, path: string): Promise<IDataObject | undefined> {
	try {
		const response = await session.client.request<IDataObject>({
			method: 'GET',
			path,
			safeToRetry: true,
		});
		return unwrapResource(response.body);
	} catch {
		return undefined;
	}
}
