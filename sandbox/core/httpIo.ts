/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development-only simulator server on loopback, never published: n8n's rules for node runtime code do not apply here */
import type { IncomingMessage, ServerResponse } from 'http';

import type { RequestBody, SandboxResponse } from './types';

export const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {
	constructor() {
		super(`Request body exceeds ${MAX_BODY_BYTES} bytes`);
	}
}

/** The body bytes exactly as received. */
export async function readRawBody(request: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of request) {
		const buffer = chunk as Buffer;
		size += buffer.length;
		if (size > MAX_BODY_BYTES) throw new BodyTooLargeError();
		chunks.push(buffer);
	}
	return Buffer.concat(chunks);
}

export function parseBody(bytes: Buffer): RequestBody {
	const raw = bytes.toString('utf8');
	if (raw.trim() === '') return { kind: 'none' };
	try {
		return { kind: 'json', value: JSON.parse(raw) as unknown };
	} catch {
		return { kind: 'invalid', raw };
	}
}

export function bodyValue(body: RequestBody): unknown {
	if (body.kind === 'json') return body.value;
	if (body.kind === 'invalid') return body.raw;
	return undefined;
}

function serialise(response: SandboxResponse): {
	headers: Record<string, string>;
	payload: Buffer;
} {
	if (response.rawBody !== undefined) {
		const payload = Buffer.from(response.rawBody, 'utf8');
		return { headers: { 'content-length': String(payload.length), ...response.headers }, payload };
	}
	const payload =
		response.body === undefined
			? Buffer.alloc(0)
			: Buffer.from(JSON.stringify(response.body), 'utf8');
	const headers: Record<string, string> = {
		...(response.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
		'content-length': String(payload.length),
		...response.headers,
	};
	return { headers, payload };
}

export function writeResponse(res: ServerResponse, response: SandboxResponse): void {
	if (res.destroyed) return;
	const { headers, payload } = serialise(response);
	res.writeHead(response.status, headers);
	res.end(payload);
}

/** Ends the exchange without a response: the client sees a reset connection. */
export function dropConnection(res: ServerResponse): void {
	res.socket?.destroy();
	res.destroy();
}

export class SandboxClosedError extends Error {
	constructor() {
		super('Sandbox closed');
	}
}

/** A real-time pause (network latency is real, not virtual) that ends early when the sandbox closes. */
export async function pause(ms: number, signal: AbortSignal): Promise<void> {
	if (signal.aborted) throw new SandboxClosedError();
	await new Promise<void>((resolve, reject) => {
		const onAbort = () => {
			clearTimeout(timer);
			reject(new SandboxClosedError());
		};
		const timer = setTimeout(() => {
			signal.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		signal.addEventListener('abort', onAbort, { once: true });
	});
}

const SLOW_BODY_PIECES = 10;

/** Sends the headers at once, then the body in pieces spread over `durationMs`. */
export async function writeResponseSlowly(
	res: ServerResponse,
	response: SandboxResponse,
	durationMs: number,
	signal: AbortSignal,
): Promise<void> {
	if (res.destroyed) return;
	const { headers, payload } = serialise(response);
	res.writeHead(response.status, headers);
	res.flushHeaders();
	const pieces = Math.max(1, Math.min(SLOW_BODY_PIECES, payload.length));
	const pieceSize = Math.ceil(payload.length / pieces);
	for (let offset = 0; offset < payload.length; offset += pieceSize) {
		await pause(durationMs / pieces, signal);
		if (res.destroyed) return;
		res.write(payload.subarray(offset, offset + pieceSize));
	}
	res.end();
}
