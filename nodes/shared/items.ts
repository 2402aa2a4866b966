import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
} from 'n8n-workflow';

import { withMaskedParameters } from './redaction';

/** Output items that carry their own `pairedItem` (a card is paired to the item it came from). */
export class PairedItems {
	constructor(readonly items: INodeExecutionData[]) {}
}

/**
 * Runs `handler` for every input item. Results carry `pairedItem`; a failing item either
 * becomes an error item (Continue On Fail) or stops the node with its item index.
 */
export async function forEachItem(
	context: IExecuteFunctions,
	handler: (itemIndex: number) => Promise<IDataObject | IDataObject[] | PairedItems>,
	secretParameters: readonly string[] = [],
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	const count = context.getInputData().length;
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			const result = await handler(itemIndex);
			if (result instanceof PairedItems) {
				output.push(...result.items);
				continue;
			}
			output.push(
				...context.helpers.constructExecutionMetaData(context.helpers.returnJsonArray(result), {
					itemData: { item: itemIndex },
				}),
			);
		} catch (caught) {
			const error =
				caught instanceof NodeApiError || caught instanceof NodeOperationError
					? caught
					: new NodeOperationError(context.getNode(), caught as Error, { itemIndex });
			if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
			(error as { node: INode }).node = withMaskedParameters(error.node, secretParameters);
			if (!context.continueOnFail()) throw error;
			// Only `error` and `details`: n8n's error output recognises such items, and without
			// `item.error` the engine keeps the details instead of reducing them to the message.
			output.push({
				json: {
					error: error.message,
					details: {
						...(error.description ? { description: error.description } : {}),
						...(error instanceof NodeApiError && error.httpCode
							? { httpCode: error.httpCode }
							: {}),
						...(error.context.fieldErrors
							? { fieldErrors: error.context.fieldErrors as IDataObject[] }
							: {}),
					},
				},
				pairedItem: { item: itemIndex },
			});
		}
	}
	return output;
}
