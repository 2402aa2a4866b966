import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem, type PairedItems } from './items';
import { newExecutionScope } from './options';
import { passwordParameterNames } from './redaction';
import { openProviderSession, type ProviderDefinition, type ProviderSession } from './session';

/** One operation of an action node: reads its parameters through the session, returns output. */
export type Operation = (
	this: IExecuteFunctions,
	itemIndex: number,
	session: ProviderSession,
) => Promise<IDataObject | IDataObject[] | PairedItems>;

export interface NodeRoutes {
	provider: ProviderDefinition;
	/** resource → operation → implementation (values as stored in saved workflows). */
	operations: Record<string, Record<string, Operation>>;
	/** Every parameter of the node, so that password fields are masked on any error it shows. */
	properties: INodeProperties[];
}

/**
 * The `execute()` of every action node: one pacing budget for the run, one session per item,
 * `pairedItem` on every output, Continue On Fail, password parameters masked on errors.
 */
export async function routeItems(
	context: IExecuteFunctions,
	routes: NodeRoutes,
): Promise<INodeExecutionData[][]> {
	const scope = newExecutionScope();
	const secretParameters = passwordParameterNames(routes.properties);
	const output = await forEachItem(
		context,
		async (itemIndex) => {
			const resource = context.getNodeParameter('resource', itemIndex) as string;
			const operation = context.getNodeParameter('operation', itemIndex) as string;
			const run = routes.operations[resource]?.[operation];
			if (!run) {
				throw new NodeOperationError(
					context.getNode(),
					`The operation "${operation}" of "${resource}" is not supported`,
					{ itemIndex },
				);
			}
			const session = await openProviderSession(context, routes.provider, scope, itemIndex);
			return await run.call(context, itemIndex, session);
		},
		secretParameters,
	);
	return [output];
}
