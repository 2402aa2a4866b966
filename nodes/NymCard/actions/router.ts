import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { forEachItem } from '../../shared/items';
import { newExecutionScope } from '../../shared/options';
import { passwordParameterNames } from '../../shared/redaction';
import { openNymCardSession, type NymCardSession } from '../transport';
import * as bulkIssuance from './bulkIssuance';
import * as card from './card';

type Operation = (
	this: IExecuteFunctions,
	itemIndex: number,
	session: NymCardSession,
) => Promise<unknown>;

const operations: Record<string, Record<string, Operation>> = {
	bulkIssuance: {
		create: bulkIssuance.create.execute,
		get: bulkIssuance.get.execute,
		getAll: bulkIssuance.getAll.execute,
		getStatus: bulkIssuance.getStatus.execute,
		submit: bulkIssuance.submit.execute,
		update: bulkIssuance.update.execute,
	},
	card: {
		getAll: card.getAll.execute,
		link: card.link.execute,
	},
};

const SECRET_PARAMETERS = passwordParameterNames([
	...bulkIssuance.description,
	...card.description,
]);

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const scope = newExecutionScope();
	const output = await forEachItem(
		this,
		async (itemIndex) => {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const run = operations[resource]?.[operation];
			if (!run) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operation}" of "${resource}" is not supported`,
					{ itemIndex },
				);
			}
			const session = await openNymCardSession(this, itemIndex, scope);
			return (await run.call(this, itemIndex, session)) as never;
		},
		SECRET_PARAMETERS,
	);
	return [output];
}
