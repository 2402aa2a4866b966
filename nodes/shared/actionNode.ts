import { NodeConnectionTypes, type INodeProperties, type INodeTypeDescription } from 'n8n-workflow';

/**
 * What every action node of this package shares: version 1, one input and one output. (n8n's lint
 * wants `subtitle`, `usableAsTool` and the icons written in each node's own description.)
 */
export const ACTION_NODE_BASICS = {
	group: ['transform'],
	version: 1,
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
} satisfies Partial<INodeTypeDescription>;

/** The resource picker (first resource is the default) followed by each resource's parameters. */
export function resourceProperties(
	resources: Array<{ name: string; value: string; properties: INodeProperties[] }>,
): INodeProperties[] {
	const picker: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		default: '',
		options: resources.map(({ name, value }) => ({ name, value })),
	};
	picker.default = resources[0].value;
	return [picker, ...resources.flatMap((resource) => resource.properties)];
}
