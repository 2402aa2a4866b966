import { requestFingerprint } from '../../core/idempotency';
import { bodyValue } from '../../core/httpIo';
import type { Route, SandboxRequest, SandboxResponse } from '../../core/types';
import { authenticate, header } from './auth';
import type { QontoContext } from './context';
import { qontoError, traceId } from './errors';

export const SCA_TOKEN_HEADER = 'x-qonto-sca-session-token';
export const SCA_PREFERENCE_HEADER = 'x-qonto-2fa-preference';
const SCA_PREFERENCES = ['paired-device', 'passkey', 'sms-otp'];

export type ScaGate = { ok: true } | { ok: false; response: SandboxResponse };

/** The identical-replay rule: same method, path, body and 2FA preference. */
function fingerprintOf(request: SandboxRequest, operation: string): string {
	const preference = header(request, SCA_PREFERENCE_HEADER) ?? 'paired-device';
	return requestFingerprint(`${operation}\n${preference}`, bodyValue(request.body) ?? null);
}

/**
 * Strong customer authentication for a sensitive write (providers.md §2.2): without a session
 * token → 428 with a new `sca_session_token`; with one → proceed only if that session is `allow`,
 * not used yet, and started by this very request. Other cases answer 412 (codes are assumptions).
 */
export function scaGate(
	context: QontoContext,
	request: SandboxRequest,
	operation: string,
): ScaGate {
	const config = context.config();
	if (config.scaMode === 'off') return { ok: true };
	const preference = header(request, SCA_PREFERENCE_HEADER);
	if (preference !== undefined && !SCA_PREFERENCES.includes(preference)) {
		return {
			ok: false,
			response: qontoError(
				400,
				'invalid',
				`X-Qonto-2fa-Preference must be one of ${SCA_PREFERENCES.join(', ')}`,
			),
		};
	}
	const now = context.clock.now();
	const fingerprint = fingerprintOf(request, operation);
	const token = header(request, SCA_TOKEN_HEADER);
	if (token === undefined) {
		const session = context.sca.start(fingerprint, now);
		return {
			ok: false,
			response: {
				status: 428,
				body: {
					sca_session_token: session.token,
					errors: [
						{
							code: 'sca_required',
							detail:
								'Strong customer authentication is required: approve the action, then replay the identical request with X-Qonto-Sca-Session-Token',
						},
					],
					trace_id: traceId(),
				},
			},
		};
	}
	const failed = (code: string, detail: string): ScaGate => ({
		ok: false,
		response: qontoError(412, code, detail),
	});
	const session = context.sca.get(token);
	if (session === undefined)
		return failed('sca_session_not_found', 'The SCA session does not exist');
	const result = context.sca.result(session, now, config);
	if (result === 'waiting')
		return failed('sca_session_waiting', 'The SCA session has not been approved yet');
	if (result === 'deny')
		return failed('sca_session_denied', 'The SCA session was denied or expired');
	if (session.fingerprint !== fingerprint) {
		return failed(
			'sca_session_mismatch',
			'The request differs from the one that started the SCA session',
		);
	}
	if (session.consumed) return failed('sca_session_used', 'The SCA session was already used');
	session.consumed = true;
	return { ok: true };
}

function mockedSessionView(context: QontoContext, token: string): SandboxResponse {
	const session = context.sca.get(token);
	if (session === undefined) return qontoError(404, 'not_found', 'The SCA session does not exist');
	const result = context.sca.result(session, context.clock.now(), context.config());
	return {
		status: 200,
		body: {
			result,
			canceled_at: session.canceledAt === null ? null : new Date(session.canceledAt).toISOString(),
		},
	};
}

function decide(context: QontoContext, token: string, decision: string): SandboxResponse {
	if (decision !== 'allow' && decision !== 'deny') {
		return qontoError(400, 'invalid', 'decision must be allow or deny');
	}
	const session = context.sca.get(token);
	if (session === undefined) return qontoError(404, 'not_found', 'The SCA session does not exist');
	if (!context.sca.decideNow(session, decision, context.clock.now(), context.config())) {
		return qontoError(
			422,
			'sca_session_not_waiting',
			'The SCA session was already decided or expired',
		);
	}
	return { status: 200, body: { message: 'Success' } };
}

/**
 * `GET /v2/sca_sessions/{token}` (OAuth) and the sandbox-only mock of the user's device:
 * `GET /v2/mocked_sca_sessions/{token}`, `POST /v2/mocked_sca_sessions/{token}/{allow|deny}`.
 */
export function scaRoutes(context: QontoContext): Route[] {
	return [
		{
			method: 'GET',
			path: '/v2/sca_sessions/{token}',
			handle: (request, { token }) => {
				const auth = authenticate(context, request);
				if (!auth.ok) return auth.response;
				if (auth.principal.kind !== 'oauth') {
					return qontoError(403, 'forbidden', 'SCA sessions need an OAuth access token');
				}
				const view = mockedSessionView(context, token);
				return view.status === 200
					? { status: 200, body: { result: (view.body as { result: string }).result } }
					: view;
			},
		},
		{
			method: 'GET',
			path: '/v2/mocked_sca_sessions/{token}',
			handle: (_request, { token }) => mockedSessionView(context, token),
		},
		{
			method: 'POST',
			path: '/v2/mocked_sca_sessions/{token}/{decision}',
			handle: (_request, { token, decision }) => decide(context, token, decision),
		},
	];
}
