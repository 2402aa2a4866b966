import type { IDataObject } from 'n8n-workflow';

import type { Attempt, ProviderSession } from '../session';
import type { ProviderRequest, ProviderRequestError } from '../request';

/**
 * A provider that may hold a write until a person approves it on a device (Qonto's strong
 * customer authentication: 428 with a session token → the holder approves → the identical request
 * is sent again with the token). The engine waits for the decision, bounded, or hands the pending
 * request back as `awaiting_approval` for a later submit.
 */
export interface ApprovalStep<TOrder> {
	/** The handle of the approval that `failure` asks for, or undefined when it asks for none. */
	requestedBy(failure: ProviderRequestError): string | undefined;
	/** The person's decision so far. */
	decision(session: ProviderSession, handle: string): Promise<ApprovalDecision>;
	/** The identical request with what proves the approval. */
	withApproval(request: ProviderRequest, handle: string): ProviderRequest;
	/** How long this order waits for a decision; 0 returns the pending request at once. */
	waitMs(order: TOrder): number;
	/** Pause between two questions about the decision (Qonto: at most one a second). */
	pollEveryMs: number;
}

export type ApprovalDecision = 'waiting' | 'allowed' | 'denied';

/** What a later submit needs to send an approved request: the request as it was, and the handle. */
export interface PendingApproval extends IDataObject {
	handle: string;
	request: IDataObject;
}

export type ApprovedSend =
	| { kind: 'sent'; attempt: Attempt<unknown>; request: ProviderRequest }
	| { kind: 'awaiting'; pending: PendingApproval }
	| { kind: 'denied'; handle: string };

/**
 * Sends `request`; if the provider asks for an approval, waits for it up to `waitMs` and sends
 * the request again with the approval, or reports it pending or denied.
 */
export async function sendWithApproval<TOrder>(
	session: ProviderSession,
	step: ApprovalStep<TOrder> | undefined,
	order: TOrder,
	request: ProviderRequest,
): Promise<ApprovedSend> {
	const attempt = await session.attempt<unknown>(request);
	const handle = !attempt.ok && step ? step.requestedBy(attempt.failure) : undefined;
	if (!step || handle === undefined) return { kind: 'sent', attempt, request };
	return await settleApproval(session, step, step.waitMs(order), request, handle);
}

/** Waits for the decision on `handle` (up to `waitMs`) and acts on it. */
export async function settleApproval<TOrder>(
	session: ProviderSession,
	step: ApprovalStep<TOrder>,
	waitMs: number,
	request: ProviderRequest,
	handle: string,
): Promise<ApprovedSend> {
	const deadline = session.clock.now() + waitMs;
	for (;;) {
		const decision = await step.decision(session, handle);
		if (decision === 'denied') return { kind: 'denied', handle };
		if (decision === 'allowed') {
			const approved = step.withApproval(request, handle);
			return { kind: 'sent', attempt: await session.attempt(approved), request: approved };
		}
		if (session.clock.now() + step.pollEveryMs > deadline) {
			return { kind: 'awaiting', pending: { handle, request: pendingRequest(request) } };
		}
		await session.clock.sleep(step.pollEveryMs);
	}
}

function pendingRequest(request: ProviderRequest): IDataObject {
	return JSON.parse(JSON.stringify(request)) as IDataObject;
}

/** The request kept in an awaiting item, as it was first sent. */
export function requestOfPending(pending: PendingApproval): ProviderRequest {
	return pending.request as unknown as ProviderRequest;
}
