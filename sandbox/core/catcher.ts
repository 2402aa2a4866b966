import { SandboxAdminError } from './adminError';
import { bodyValue } from './httpIo';
import type { Route, SandboxRequest, SandboxResponse } from './types';

/** Where the catcher listens: `POST /__catcher/<channel>`. */
export const CATCHER_BASE_PATH = '/__catcher';
/** The oldest messages are dropped past this many (a runaway workflow cannot fill the memory). */
export const MAX_CAUGHT_MESSAGES = 1000;
const CHANNEL_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export interface CaughtMessage {
	/** 1, 2, … in arrival order (not reset by dropping old messages; reset by `clear`). */
	seq: number;
	channel: string;
	/** Sandbox time of arrival (ISO) and the same in epoch ms. */
	receivedAt: string;
	receivedAtMs: number;
	contentType: string | null;
	/** The JSON received, or the text when it was not JSON; `null` for an empty body. */
	body: unknown;
}

/** In-process face of the catcher (`sandbox.admin.catcher`). */
export interface CatcherAdmin {
	/** Messages received, oldest first; only one channel's when `channel` is given. */
	messages(channel?: string): CaughtMessage[];
	clear(): void;
}

/**
 * A webhook catcher standing in for Slack's Incoming Webhooks and for a mail relay: whatever is
 * POSTed to `/__catcher/<channel>` is kept with its arrival time and answered like Slack does
 * (200, text `ok`), so a workflow's alert step can be checked without the internet.
 */
export class WebhookCatcher {
	private caught: CaughtMessage[] = [];
	private seq = 0;

	constructor(private readonly now: () => number) {}

	readonly admin: CatcherAdmin = {
		messages: (channel) =>
			this.caught
				.filter((message) => channel === undefined || message.channel === channel)
				.map((message) => ({ ...message })),
		clear: () => {
			this.caught = [];
			this.seq = 0;
		},
	};

	/** Answers a request below `/__catcher` (its `path` is what follows that). */
	receive(request: SandboxRequest): SandboxResponse {
		const channel = request.path.replace(/^\/+|\/+$/g, '');
		if (!CHANNEL_PATTERN.test(channel)) {
			return {
				status: 404,
				body: {
					error: {
						code: 'NOT_FOUND',
						message: `POST to ${CATCHER_BASE_PATH}/<channel>, a channel of 1–64 letters, digits, dots, dashes or underscores`,
					},
				},
			};
		}
		if (request.method !== 'POST') {
			return {
				status: 405,
				body: { error: { code: 'METHOD_NOT_ALLOWED', message: 'The catcher takes POST only' } },
			};
		}
		const nowMs = this.now();
		this.seq += 1;
		const contentType = request.headers['content-type'];
		this.caught.push({
			seq: this.seq,
			channel,
			receivedAt: new Date(nowMs).toISOString(),
			receivedAtMs: nowMs,
			contentType: typeof contentType === 'string' ? contentType : null,
			body: bodyValue(request.body) ?? null,
		});
		if (this.caught.length > MAX_CAUGHT_MESSAGES) this.caught.shift();
		return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, rawBody: 'ok' };
	}
}

/** `GET /__admin/catcher[?channel=…]` → `{messages}`, `DELETE /__admin/catcher` empties it. */
export function catcherAdminRoutes(admin: CatcherAdmin): Route[] {
	return [
		{
			method: 'GET',
			path: '/catcher',
			handle: (request) => {
				const channel = request.query.get('channel') ?? undefined;
				if (channel !== undefined && !CHANNEL_PATTERN.test(channel))
					throw new SandboxAdminError(400, 'channel is not a valid channel name');
				return { status: 200, body: { messages: admin.messages(channel) } };
			},
		},
		{
			method: 'DELETE',
			path: '/catcher',
			handle: () => {
				admin.clear();
				return { status: 200, body: { ok: true } };
			},
		},
	];
}
