import { bodyValue } from '../../core/httpIo';
import { answerRepeatedKey, requestFingerprint } from '../../core/idempotency';
import type { SandboxRequest, SandboxResponse } from '../../core/types';
import type { NymCardContext } from './context';
import { nymCardError } from './errors';

export const IDEMPOTENCY_HEADER = 'x-nymos-idempotency-key';
const MAX_KEY_LENGTH = 255;

function idempotencyKey(request: SandboxRequest): string | undefined {
	const raw = request.headers[IDEMPOTENCY_HEADER];
	const key = Array.isArray(raw) ? raw[0] : raw;
	return key === undefined || key === '' ? undefined : key;
}

/**
 * Runs `process` at most once per idempotency key: the same key with the same request replays
 * the first answer; the same key with another request is a 409.
 */
export function idempotentPost(
	context: NymCardContext,
	request: SandboxRequest,
	operation: string,
	process: () => { response: SandboxResponse; remember: boolean },
): SandboxResponse {
	const key = idempotencyKey(request);
	if (key === undefined) return process().response;
	if (key.length > MAX_KEY_LENGTH) {
		return nymCardError(400, 'VALIDATION_ERROR', 'The idempotency key is too long', [
			{ field: IDEMPOTENCY_HEADER, message: `must be at most ${MAX_KEY_LENGTH} characters` },
		]);
	}
	const now = context.clock.now();
	const fingerprint = requestFingerprint(operation, bodyValue(request.body));
	const repeated = answerRepeatedKey(
		context.idempotency,
		context.counters,
		{ key, fingerprint, now },
		() =>
			nymCardError(
				409,
				'DUPLICATE_REQUEST',
				'Duplicate Request: this idempotency key was already used with a different request',
			),
	);
	if (repeated) return repeated;
	const { response, remember } = process();
	if (remember) context.idempotency.remember(key, fingerprint, response, now);
	return response;
}
