import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ProviderDefinition } from '../../nodes/shared/session';
import { openProviderSession } from '../../nodes/shared/session';
import { FakeClock } from './fakeClock';

/** What the fake does to the next create it receives. */
export type CreateFault =
	| 'dropAfterProcessing'
	| 'dropBeforeProcessing'
	| 'serverError'
	| 'refuse'
	| 'rateLimit';

export interface LoggedRequest {
	method: string;
	path: string;
	key?: string;
	body?: IDataObject;
	qs?: IDataObject;
	headers?: IDataObject;
}

/**
 * An in-memory card provider for engine tests: `POST /cards {count, ids?}` creates cards (replaying
 * a repeated idempotency key), `GET /cards?ids=a,b` looks ids up. With `asynchronous`, created cards
 * become visible to lookups only after the test calls `settle()`. Every request is logged.
 */
export class FakeCardProvider {
	readonly log: LoggedRequest[] = [];
	readonly cards = new Map<string, IDataObject>();
	readonly faults: CreateFault[] = [];
	private readonly replays = new Map<string, IDataObject>();
	/** When set, every create waits for a person's approval (answered 428 without one). */
	requireApproval = false;
	/** The decision each approval reaches after this many questions about it. */
	approvalRule: { afterPolls: number; decision: 'allowed' | 'denied' } = {
		afterPolls: 1,
		decision: 'allowed',
	};
	readonly approvals = new Map<string, { polls: number; decided?: 'allowed' | 'denied' }>();
	private pending: string[] = [];
	private nextId = 1;

	constructor(readonly asynchronous = false) {}

	get cardsCreated(): number {
		return this.cards.size + this.pending.length;
	}

	settle(): void {
		for (const id of this.pending) this.cards.set(id, { id });
		this.pending = [];
	}

	handle(options: {
		method?: string;
		url: string;
		headers?: IDataObject;
		body?: IDataObject;
		qs?: IDataObject;
	}): { statusCode: number; headers: IDataObject; body: unknown } {
		const path = options.url.replace(/^https?:\/\/[^/]+\/v1/, '');
		const key = options.headers?.['x-fake-key'] as string | undefined;
		const method = options.method ?? 'GET';
		this.log.push({
			method,
			path,
			key,
			body: options.body,
			qs: options.qs,
			headers: options.headers,
		});
		const approvalPath = /^\/approvals\/([\w-]+)$/.exec(path);
		if (method === 'GET' && approvalPath) {
			const approval = this.approvals.get(approvalPath[1]);
			if (!approval) return { statusCode: 404, headers: {}, body: { message: 'no such approval' } };
			approval.polls++;
			if (approval.polls >= this.approvalRule.afterPolls)
				approval.decided ??= this.approvalRule.decision;
			return ok({ result: approval.decided ?? 'waiting' });
		}
		if (method === 'GET') {
			const ids = String(options.qs?.ids ?? '').split(',');
			return ok({ data: ids.filter((id) => this.cards.has(id)).map((id) => ({ id })) });
		}
		if (this.requireApproval) {
			const token = options.headers?.['x-fake-approval'] as string | undefined;
			const approval = token === undefined ? undefined : this.approvals.get(token);
			if (approval?.decided !== 'allowed') {
				const handle = `approval-${this.approvals.size + 1}`;
				this.approvals.set(handle, { polls: 0 });
				return { statusCode: 428, headers: {}, body: { approval_token: handle } };
			}
		}
		const fault = this.faults.shift();
		if (fault === 'dropBeforeProcessing') throw networkError('ECONNRESET');
		if (fault === 'serverError') return { statusCode: 503, headers: {}, body: { message: 'busy' } };
		if (fault === 'rateLimit')
			return { statusCode: 429, headers: { 'retry-after': '1' }, body: { message: 'slow down' } };
		if (fault === 'refuse')
			return { statusCode: 400, headers: {}, body: { message: 'product is unknown' } };
		const body = options.body ?? {};
		const replay = key === undefined ? undefined : this.replays.get(key);
		const answer = replay ?? this.create(body);
		if (key !== undefined) this.replays.set(key, answer);
		if (fault === 'dropAfterProcessing') throw networkError('ECONNRESET');
		return { statusCode: 201, headers: {}, body: answer };
	}

	private create(body: IDataObject): IDataObject {
		if (Array.isArray(body.cards)) return this.createListed(body.cards as IDataObject[]);
		const ids = Array.isArray(body.ids)
			? (body.ids as string[])
			: Array.from({ length: Number(body.count) }, () => `card-${this.nextId++}`);
		for (const id of ids) {
			if (this.asynchronous) this.pending.push(id);
			else this.cards.set(id, { id });
		}
		return { batchId: `batch-${this.log.length}`, cards: ids.map((id) => ({ id })) };
	}

	/** Listed cards are answered one by one; a card with `refuse` set is refused alone. */
	private createListed(cards: IDataObject[]): IDataObject {
		return {
			results: cards.map((card) => {
				if (card.refuse) return { error: { code: 'invalid_holder', detail: String(card.refuse) } };
				const id = typeof card.id === 'string' ? card.id : `card-${this.nextId++}`;
				if (this.asynchronous) this.pending.push(id);
				else this.cards.set(id, { ...card, id });
				return { card: { id, holder: card.holder } };
			}),
		};
	}
}

function ok(body: unknown) {
	return { statusCode: 200, headers: {}, body };
}

function networkError(code: string): Error {
	return Object.assign(new Error('socket hang up'), {
		cause: Object.assign(new Error(code), { code }),
	});
}

export const fakeProviderDefinition: ProviderDefinition = {
	name: 'fake',
	label: 'FakeCards',
	credentialType: 'fakeApi',
	idempotencyHeader: 'x-fake-key',
	baseUrl: () => ({ url: 'http://127.0.0.1:9/v1' }),
	secrets: (credentials) => [String(credentials.apiKey)],
};

/** A session of one item against the fake, with the node parameters given, on a fake clock. */
export async function fakeSession(
	provider: FakeCardProvider,
	parameters: IDataObject,
	inputItems: IDataObject[] = [{}],
	itemIndex = 0,
) {
	const clock = new FakeClock();
	const context = {
		getNode: () => ({
			id: 'node-1',
			name: 'Fake Cards',
			type: 'fakeCards',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		}),
		getInputData: () => inputItems.map((json) => ({ json })),
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) =>
			name in parameters ? parameters[name] : fallback,
		getCredentials: async () => ({ apiKey: 'fake-secret-key' }),
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: never) =>
				provider.handle(options),
		},
	} as unknown as IExecuteFunctions;
	const session = await openProviderSession(context, fakeProviderDefinition, { clock }, itemIndex);
	return { session, clock };
}
