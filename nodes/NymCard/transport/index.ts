import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type NodeApiError,
} from 'n8n-workflow';

import { NYMCARD_BASE_URLS } from '../../../credentials/NymCardApi.credentials';
import { checkBaseUrl } from '../../shared/baseUrl';
import type { Clock } from '../../shared/clock';
import { toNodeApiError } from '../../shared/errors';
import {
	resolveRequestOptions,
	type ExecutionScope,
	type RequestOptionValues,
	type ResolvedRequestOptions,
} from '../../shared/options';
import {
	ProviderClient,
	ProviderRequestError,
	type ProviderRequest,
	type ProviderResponse,
} from '../../shared/request';

export const NYMCARD = {
	label: 'NymCard',
	provider: 'nymcard',
	credentialType: 'nymCardApi',
	/** "The create bulk card request API supports maximum 5000 cards creation per call" (bulk page). */
	maxCardsPerBulk: 5000,
	/** All POSTs accept it; a retry with the same key returns the original result (api-core-principles). */
	idempotencyHeader: 'x-nymos-idempotency-key',
	maxPageSize: 100,
	fallbackPageSize: 20,
} as const;

/** Everything one item's NymCard calls share: the client, its pacing budget, and what to redact. */
export interface NymCardSession {
	context: IExecuteFunctions;
	itemIndex: number;
	client: ProviderClient;
	options: ResolvedRequestOptions;
	clock: Clock;
	/** Values that must never be shown: the API key, and card details the user typed. */
	secrets: string[];
}

export async function openNymCardSession(
	context: IExecuteFunctions,
	itemIndex: number,
	scope: ExecutionScope,
): Promise<NymCardSession> {
	const { clock } = scope;
	const credentials = await context.getCredentials(NYMCARD.credentialType, itemIndex);
	const baseUrl = resolveBaseUrl(credentials, context, itemIndex);
	const optionValues = context.getNodeParameter('options', itemIndex, {}) as RequestOptionValues;
	const options = resolveRequestOptions(optionValues, scope);
	const client = new ProviderClient(context, {
		credentialType: NYMCARD.credentialType,
		baseUrl,
		retry: options.retry,
		timeoutMs: options.timeoutMs,
		pacing: options.pacing,
		clock,
	});
	const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey : '';
	return { context, itemIndex, client, options, clock, secrets: apiKey ? [apiKey] : [] };
}

function resolveBaseUrl(
	credentials: IDataObject,
	context: IExecuteFunctions,
	itemIndex: number,
): string {
	const environment = (credentials.environment as string | undefined) ?? 'production';
	if (environment === 'production' || environment === 'sandbox')
		return NYMCARD_BASE_URLS[environment];
	const check = checkBaseUrl(credentials.baseUrl);
	if (!check.ok) {
		throw new NodeOperationError(context.getNode(), check.problem, {
			itemIndex,
			description: 'Open the NymCard credential and correct its Base URL.',
		});
	}
	return check.url;
}

/** Sends one request; a failure becomes a `NodeApiError` worded for the user. */
export async function nymCardRequest<T = IDataObject>(
	session: NymCardSession,
	request: ProviderRequest,
	action: string,
): Promise<ProviderResponse<T>> {
	try {
		return await session.client.request<T>(request);
	} catch (error) {
		throw asNodeError(session, error, action);
	}
}

/** A failed call as the error the user sees; anything unexpected keeps its item index. */
export function asNodeError(
	session: NymCardSession,
	error: ProviderRequestError,
	action: string,
): NodeApiError;
export function asNodeError(
	session: NymCardSession,
	error: unknown,
	action: string,
): NodeApiError | NodeOperationError;
export function asNodeError(session: NymCardSession, error: unknown, action: string) {
	if (!(error instanceof ProviderRequestError)) {
		return new NodeOperationError(session.context.getNode(), error as Error, {
			itemIndex: session.itemIndex,
		});
	}
	return toNodeApiError(session.context.getNode(), error, {
		providerLabel: NYMCARD.label,
		itemIndex: session.itemIndex,
		action,
		secrets: session.secrets,
	});
}

/**
 * One page of a list. Only `paging.after`/`has_more` are documented (providers.md §1.4), not the
 * name of the records array, so the usual names are accepted.
 */
export function readCursorPage(
	body: unknown,
	requested: number,
): { records: IDataObject[]; next?: string } {
	const object = body && typeof body === 'object' ? (body as IDataObject) : {};
	const list = Array.isArray(body)
		? body
		: [object.data, object.items, object.results, object.bulk_issuances, object.cards].find(
				Array.isArray,
			);
	const records = ((list as unknown[] | undefined) ?? []).filter(
		(record): record is IDataObject => !!record && typeof record === 'object',
	);
	const paging = (object.paging ?? {}) as IDataObject;
	const after = typeof paging.after === 'string' && paging.after !== '' ? paging.after : undefined;
	// Without `has_more`, a full page with a cursor is taken to mean there may be more.
	const hasMore =
		paging.has_more === undefined ? records.length >= requested : paging.has_more === true;
	return { records, next: hasMore && records.length > 0 ? after : undefined };
}

/**
 * Follows nCore's `limit`/`after` cursor (response `paging.after` + `paging.has_more`) until
 * `max` records are collected or the provider has no more. Stops on a repeated cursor rather
 * than looping forever on a misbehaving API.
 */
export async function listWithCursor(
	session: NymCardSession,
	path: string,
	query: IDataObject,
	max: number,
	action: string,
): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	const seenCursors = new Set<string>();
	let after: string | undefined;
	let pageSize: number = NYMCARD.maxPageSize;
	while (records.length < max) {
		const limit = Math.min(pageSize, max - records.length);
		const request: ProviderRequest = {
			method: 'GET',
			path,
			qs: { ...query, limit, ...(after ? { after } : {}) },
			safeToRetry: true,
		};
		let body: unknown;
		try {
			body = (await session.client.request<unknown>(request)).body;
		} catch (error) {
			// nCore's largest page size is not published: a refused page is asked again, smaller.
			const refused =
				error instanceof ProviderRequestError &&
				error.failure.kind === 'http' &&
				(error.failure.statusCode === 400 || error.failure.statusCode === 422);
			if (refused && limit > NYMCARD.fallbackPageSize) {
				pageSize = NYMCARD.fallbackPageSize;
				continue;
			}
			throw asNodeError(session, error, action);
		}
		const page = readCursorPage(body, limit);
		records.push(...page.records.slice(0, max - records.length));
		const next = page.next;
		if (next === undefined) break;
		if (seenCursors.has(next)) {
			throw new NodeOperationError(
				session.context.getNode(),
				`NymCard returned the same page cursor twice while trying to ${action}`,
				{
					itemIndex: session.itemIndex,
					description:
						'The listing was stopped to avoid an endless loop. Use a Limit, or contact NymCard support.',
				},
			);
		}
		seenCursors.add(next);
		after = next;
	}
	return records;
}

/**
 * The resource object of a response. nCore's schemas are not public; accept both a bare object
 * and one wrapped in `data`, so an `id` is never missed.
 */
export function unwrapResource(body: unknown): IDataObject {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
	const object = body as IDataObject;
	const data = object.data;
	if (object.id === undefined && data && typeof data === 'object' && !Array.isArray(data))
		return data as IDataObject;
	return object;
}

/** The id of a returned resource as text, whether the API sends it as a string or a number. */
export function resourceId(resource: IDataObject | undefined): string | undefined {
	const id = resource?.id;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}
