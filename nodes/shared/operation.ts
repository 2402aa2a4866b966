import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { requestOptionsCollection } from './options';
import { redact } from './redaction';
import type { Operation } from './router';
import type { ProviderSession } from './session';
import { ValidationReport } from './validation';

export interface OperationDefinition<TInput> {
	resource: string;
	operation: string;
	/** The operation's own parameters; the shared `options` collection is added unless present. */
	properties: INodeProperties[];
	/** Names the input in the error that lists its invalid fields, e.g. "The card link". */
	subject?: string;
	/** Reads and checks the parameters; every problem goes into `report` (nothing is sent then). */
	read(session: ProviderSession, report: ValidationReport): TInput;
	/** The calls; what it returns is redacted of the session's secrets before n8n sees it. */
	run(session: ProviderSession, input: TInput): Promise<IDataObject | IDataObject[]>;
}

/**
 * An operation of an action node in the shape every provider shares: parameters shown for one
 * resource and operation; all of them checked before a request is sent; output redacted.
 */
export function defineOperation<TInput>(definition: OperationDefinition<TInput>): {
	description: INodeProperties[];
	execute: Operation;
} {
	const hasOptions = definition.properties.some((property) => property.name === 'options');
	const description = updateDisplayOptions(
		{ show: { resource: [definition.resource], operation: [definition.operation] } },
		hasOptions ? definition.properties : [...definition.properties, requestOptionsCollection],
	);
	async function execute(
		this: IExecuteFunctions,
		itemIndex: number,
		session: ProviderSession,
	): Promise<IDataObject | IDataObject[]> {
		const report = new ValidationReport();
		const input = definition.read(session, report);
		report.throwIfInvalid(this.getNode(), itemIndex, definition.subject ?? 'The request');
		return redact(await definition.run(session, input), session.secrets);
	}
	return { description, execute };
}

/** `returnAll` and `limit`, the same on every list operation (public parameter names). */
export function returnAllProperties(what: string): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
			hint: `Counts ${what}`,
		},
	];
}

/** How many records a list operation returns: all of them, or its Limit. */
export function readListLimit(session: ProviderSession, report: ValidationReport): number {
	if (session.parameter<unknown>('returnAll', false) === true) return Number.MAX_SAFE_INTEGER;
	return report.requireInteger('Limit', session.parameter('limit', 50), 1) ?? 1;
}
