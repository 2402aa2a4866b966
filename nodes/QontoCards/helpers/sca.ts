import type { IDataObject } from 'n8n-workflow';

import type { ApprovalDecision, ApprovalStep } from '../../shared/bulkOrder';
import { headerValue } from '../../shared/request';

/**
 * Qonto's strong customer authentication (https://docs.qonto.com/get-started/business-api/authentication/sca):
 * the write answers 428 with a `sca_session_token` (valid 15 minutes); the session is polled at
 * most once a second (`GET /v2/sca_sessions/{token}` → `result`: waiting | deny | allow); once
 * allowed, the identical request is sent again with `X-Qonto-Sca-Session-Token`, keeping any
 * `X-Qonto-2fa-Preference` of the first request.
 */
export interface ScaSettings {
	waitForApproval: boolean;
	approvalTimeoutSeconds: number;
}

export const qontoSca: ApprovalStep<ScaSettings> = {
	requestedBy(failure) {
		if (failure.failure.kind !== 'http' || failure.failure.statusCode !== 428) return undefined;
		return findToken(failure.failure.body) ?? stringHeader(failure.failure.headers);
	},
	async decision(session, handle) {
		const { body } = await session.request<IDataObject>(
			{ method: 'GET', path: `/v2/sca_sessions/${encodeURIComponent(handle)}` },
			'read the state of the approval (strong customer authentication)',
		);
		const result = String(
			(body?.result ??
				(body?.sca_session as IDataObject | undefined)?.result ??
				'waiting') as string,
		).toLowerCase();
		const decisions: Record<string, ApprovalDecision> = {
			allow: 'allowed',
			allowed: 'allowed',
			deny: 'denied',
			denied: 'denied',
		};
		return decisions[result] ?? 'waiting';
	},
	withApproval: (request, handle) => ({
		...request,
		headers: { ...request.headers, 'X-Qonto-Sca-Session-Token': handle },
	}),
	waitMs: (settings) => (settings.waitForApproval ? settings.approvalTimeoutSeconds * 1000 : 0),
	pollEveryMs: 1000,
};

function findToken(body: unknown): string | undefined {
	if (!body || typeof body !== 'object') return undefined;
	const object = body as IDataObject;
	const direct = object.sca_session_token;
	if (typeof direct === 'string' && direct !== '') return direct;
	for (const value of Object.values(object)) {
		const nested = typeof value === 'object' ? findToken(value) : undefined;
		if (nested) return nested;
	}
	return undefined;
}

function stringHeader(headers: IDataObject): string | undefined {
	const value = headerValue(headers, 'x-qonto-sca-session-token');
	return typeof value === 'string' && value !== '' ? value : undefined;
}
