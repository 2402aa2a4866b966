import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
} from 'n8n-workflow';

/**
 * The core n8n nodes the example workflows use, doing just what the examples ask of them, so that
 * the examples run in-process through n8n-core's WorkflowExecute in `npm test` (the real nodes
 * ship only with n8n itself; `npm run test:e2e` runs the examples there). Each stand-in reads its
 * parameters through n8n's own expression resolution, and refuses a use the examples do not make,
 * so that an example changed beyond what the stand-ins model fails here instead of passing untested.
 */

type Execute = (
	this: IExecuteFunctions,
	items: INodeExecutionData[],
) => Promise<INodeExecutionData[][]>;

function standIn(name: string, parameters: string[], outputs: number, execute: Execute): INodeType {
	const properties: INodeProperties[] = parameters.map((parameter) => ({
		displayName: parameter,
		name: parameter,
		type: 'json',
		default: '',
	}));
	return {
		description: {
			displayName: name,
			name,
			group: ['transform'],
			version: [1, 1.1, 2.2, 3.4, 4.2],
			description: 'Test stand-in',
			defaults: { name },
			inputs: ['main'],
			outputs: Array.from({ length: outputs }, () => 'main'),
			properties,
		},
		async execute(this: IExecuteFunctions) {
			return await execute.call(this, this.getInputData());
		},
	} as unknown as INodeType;
}

const paired = (json: IDataObject, item: number): INodeExecutionData => ({
	json,
	pairedItem: { item },
});

/** Edit Fields in raw JSON mode. */
const set = standIn('set', ['mode', 'jsonOutput'], 1, async function (items) {
	return [
		items.map((_item, index) => {
			if (this.getNodeParameter('mode', index) !== 'raw')
				throw new Error('stand-in Edit Fields models only mode "raw"');
			return paired(JSON.parse(this.getNodeParameter('jsonOutput', index) as string), index);
		}),
	];
});

/** Split Out of one list field, no other fields kept. */
const splitOut = standIn('splitOut', ['fieldToSplitOut'], 1, async function (items) {
	return [
		items.flatMap((item, index) => {
			const list = item.json[this.getNodeParameter('fieldToSplitOut', index) as string];
			return Array.isArray(list) ? list.map((json) => paired(json as IDataObject, index)) : [];
		}),
	];
});

/** If with one boolean "is true" condition: output 0 true, output 1 false. */
const ifNode = standIn('if', ['conditions'], 2, async function (items) {
	const outputs: INodeExecutionData[][] = [[], []];
	items.forEach((item, index) => {
		const filter = this.getNodeParameter('conditions', index) as {
			conditions: Array<{ leftValue: unknown; operator: { type: string; operation: string } }>;
		};
		const [condition, ...more] = filter.conditions;
		if (more.length > 0 || condition.operator.operation !== 'true')
			throw new Error('stand-in If models one "is true" condition');
		outputs[condition.leftValue === true ? 0 : 1].push({ ...item, pairedItem: { item: index } });
	});
	return outputs;
});

/** HTTP Request: POST of a JSON body (the sandbox's webhook catcher, as Slack answers: "ok"). */
const httpRequest = standIn(
	'httpRequest',
	['method', 'url', 'jsonBody'],
	1,
	async function (items) {
		const out: INodeExecutionData[] = [];
		for (let index = 0; index < items.length; index++) {
			const response = await fetch(this.getNodeParameter('url', index) as string, {
				method: this.getNodeParameter('method', index) as string,
				headers: { 'content-type': 'application/json' },
				body: this.getNodeParameter('jsonBody', index) as string,
			});
			out.push(paired({ data: await response.text() }, index));
		}
		return [out];
	},
);

/**
 * The stand-ins by node type. `wait(ms)` is called where the Wait node would wait (e.g. advance
 * the sandbox clock), so a wait-and-check loop runs in no time.
 */
export function coreNodeStandIns(wait: (ms: number) => void): Record<string, INodeType> {
	const waitNode = standIn('wait', ['amount', 'unit'], 1, async function (items) {
		const unit = this.getNodeParameter('unit', 0);
		if (unit !== 'seconds') throw new Error('stand-in Wait models only seconds');
		wait(Number(this.getNodeParameter('amount', 0)) * 1000);
		return [items.map((item, index) => ({ ...item, pairedItem: { item: index } }))];
	});
	return {
		'n8n-nodes-base.set': set,
		'n8n-nodes-base.splitOut': splitOut,
		'n8n-nodes-base.if': ifNode,
		'n8n-nodes-base.httpRequest': httpRequest,
		'n8n-nodes-base.wait': waitNode,
	};
}
