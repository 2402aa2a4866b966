import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IPollFunctions,
	type NodeApiError,
} from 'n8n-workflow';

import type { Clock } from './clock';
import { toNodeApiError } from './errors';
import {
	resolveRequestOptions,
	type ExecutionScope,
	type RequestOptionValues,
	type ResolvedRequestOptions,
} from './options';
import type { PacingWindow } from './pacing';
import {
	ProviderClient,
	ProviderRequestError,
	type ProviderRequest,
	type ProviderResponse,
} from './request';

export type Attempt<T> =
	| { ok: true; response: ProviderResponse<T> }
	| { ok: false; failure: ProviderRequestError };

/** Action nodes and the polling trigger both open sessions. */
export type ProviderContext = IExecuteFunctions | IPollFunctions;

/** What the engine needs to know about a provider to talk to it; each provider folder exports one. */
export interface ProviderDefinition {
	/** Stable machine name, part of idempotency keys and outputs, e.g. "acmecards". */
	name: string;
	/** Name as users know it, e.g. "Acme Cards". */
	label: string;
	credentialType: string;
	/**
	 * Where a node offers several credentials, the node parameter that picks one (n8n's usual
	 * `authentication`) and the credential type of each of its values.
	 */
	credentialChoice?: { parameter: string; types: Record<string, string> };
	/**
	 * The API root for these credentials, or a problem the user must fix in the credential
	 * (`advice` says where; by default: correct its Base URL). Checked before any request.
	 */
	baseUrl(
		credentials: ICredentialDataDecryptedObject,
	): { url: string } | { problem: string; advice?: string };
	/** Credential values that must never be shown (API keys, secrets). */
	secrets(credentials: ICredentialDataDecryptedObject): string[];
	/** Headers every request carries, from the credential (where its own authentication cannot). */
	headers?(credentials: ICredentialDataDecryptedObject): IDataObject;
	/** Header that carries an idempotency key, for providers that honour one. */
	idempotencyHeader?: string;
	/** Documented rate limits, always respected whatever the user sets. */
	rateLimits?: PacingWindow[];
}

/** What a session needs the item's credentials for: the client, and the values never to show. */
export interface ProviderConnection {
	client: ProviderClient;
	secrets: string[];
}

/**
 * One item's connection to a provider: every request of an operation goes through it, so that
 * pacing, retries, idempotency keys and the wording of failures are the same everywhere.
 * The item's credentials are read at its first request, not before: n8n reads them from its
 * database and resolves their expressions on each read, and most items of an order whose cards
 * come from the input items send nothing (the first item carries the whole order).
 */
export class ProviderSession {
	/** Values that must never be shown: credential secrets (once read), card details the user typed. */
	readonly secrets: string[] = [];

	private connection?: Promise<ProviderClient>;

	constructor(
		readonly provider: ProviderDefinition,
		readonly context: ProviderContext,
		readonly itemIndex: number,
		private readonly connect: () => Promise<ProviderConnection>,
		readonly options: ResolvedRequestOptions,
		readonly clock: Clock,
	) {}

	/** The client, connected with the item's credentials on first use. */
	private async client(): Promise<ProviderClient> {
		this.connection ??= this.connect().then(({ client, secrets }) => {
			this.secrets.push(...secrets);
			return client;
		});
		return await this.connection;
	}

	/** Sends a request; a failure becomes the `NodeApiError` the user sees. */
	async request<T = IDataObject>(
		request: ProviderRequest,
		action: string,
	): Promise<ProviderResponse<T>> {
		const client = await this.client();
		try {
			return await client.request<T>(request);
		} catch (error) {
			throw this.error(error, action);
		}
	}

	/**
	 * Sends a request; a provider failure is returned, not thrown, for the caller to classify
	 * (a refused page size, an ambiguous create). Anything unexpected is thrown as a node error.
	 */
	async attempt<T = IDataObject>(request: ProviderRequest): Promise<Attempt<T>> {
		const client = await this.client();
		try {
			return { ok: true, response: await client.request<T>(request) };
		} catch (error) {
			if (error instanceof ProviderRequestError) return { ok: false, failure: error };
			throw this.error(error, `${request.method} ${request.path}`);
		}
	}

	/** A failed call as the error the user sees; anything unexpected keeps its item index. */
	error(error: ProviderRequestError, action: string): NodeApiError;
	error(error: unknown, action: string): NodeApiError | NodeOperationError;
	error(error: unknown, action: string): NodeApiError | NodeOperationError {
		if (!(error instanceof ProviderRequestError)) {
			return new NodeOperationError(this.context.getNode(), error as Error, {
				itemIndex: this.itemIndex,
			});
		}
		return toNodeApiError(this.context.getNode(), error, {
			providerLabel: this.provider.label,
			itemIndex: this.itemIndex,
			action,
			secrets: this.secrets,
		});
	}

	/** An error about the user's input or the provider's answer that is not an HTTP failure. */
	problem(message: string, description?: string): NodeOperationError {
		return new NodeOperationError(this.context.getNode(), message, {
			itemIndex: this.itemIndex,
			description,
		});
	}

	/** A node parameter of this session's item, from an action node or the polling trigger. */
	parameter<T = unknown>(name: string, fallback?: T): T {
		return readParameter(this.context, name, this.itemIndex, fallback) as T;
	}
}

export function readParameter(
	context: ProviderContext,
	name: string,
	itemIndex: number,
	fallback?: unknown,
): unknown {
	// The polling trigger has no items: its getNodeParameter takes no item index.
	if ('getInputData' in context) return context.getNodeParameter(name, itemIndex, fallback);
	return context.getNodeParameter(name, fallback);
}

function chosenCredentialType(
	context: ProviderContext,
	provider: ProviderDefinition,
	itemIndex: number,
): string {
	const choice = provider.credentialChoice;
	if (!choice) return provider.credentialType;
	const value = readParameter(context, choice.parameter, itemIndex, undefined);
	return choice.types[String(value)] ?? provider.credentialType;
}

/**
 * Opens a session with the item's `options` (one pacing budget per run); its credentials are read
 * when it first sends (the credential choice and the options are checked now).
 */
export async function openProviderSession(
	context: ProviderContext,
	provider: ProviderDefinition,
	scope: ExecutionScope,
	itemIndex = 0,
): Promise<ProviderSession> {
	const credentialType = chosenCredentialType(context, provider, itemIndex);
	const optionValues = readParameter(context, 'options', itemIndex, {}) as RequestOptionValues;
	const options = resolveRequestOptions(optionValues, scope, provider.rateLimits);
	const connect = async (): Promise<ProviderConnection> => {
		const credentials = await context.getCredentials(credentialType, itemIndex);
		const baseUrl = provider.baseUrl(credentials);
		if ('problem' in baseUrl) {
			throw new NodeOperationError(context.getNode(), baseUrl.problem, {
				itemIndex,
				description:
					baseUrl.advice ?? `Open the ${provider.label} credential and correct its Base URL.`,
			});
		}
		const client = new ProviderClient(context, {
			credentialType,
			baseUrl: baseUrl.url,
			idempotencyHeader: provider.idempotencyHeader,
			headers: provider.headers?.(credentials),
			retry: options.retry,
			timeoutMs: options.timeoutMs,
			pacing: options.pacing,
			clock: scope.clock,
		});
		return { client, secrets: provider.secrets(credentials).filter((secret) => secret !== '') };
	};
	return new ProviderSession(provider, context, itemIndex, connect, options, scope.clock);
}
