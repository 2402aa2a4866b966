import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IConnections,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { TestCredentialsHelper } from './credentialsHelper';

/** Starts a test workflow with the items it is given, like a Manual Trigger with pinned data. */
class TestStartNode implements INodeType {
	description = {
		displayName: 'Test Start',
		name: 'testStart',
		group: ['trigger'],
		version: 1,
		description: 'Emits the items in its "items" parameter',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[{}]' }],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getNodeParameter('items', 0, '[{}]') as IDataObject[] | string;
		const parsed = (typeof items === 'string' ? JSON.parse(items) : items) as IDataObject[];
		return [parsed.map((json, index) => ({ json, pairedItem: { item: index } }))];
	}
}

export interface TestNode {
	name: string;
	type: string;
	parameters: INode['parameters'];
	credentials?: INode['credentials'];
	continueOnFail?: boolean;
}

export interface WorkflowRunOptions {
	/** Node classes by type name, e.g. `{ 'n8n-nodes-bulk-cards.nymCard': new NymCard() }`. */
	nodeTypes: Record<string, INodeType>;
	credentials: Array<{ type: ICredentialType; data: ICredentialDataDecryptedObject }>;
	/** Nodes run in this order, each fed by the one before; the first is fed `inputItems`. */
	chain: TestNode[];
	inputItems?: IDataObject[];
	mode?: WorkflowExecuteMode;
	executionId?: string;
}

export interface NodeRunResult {
	items: INodeExecutionData[];
	error?: Error & { description?: string; context?: IDataObject; httpCode?: string | null };
}

export interface WorkflowRunResult {
	run: IRun;
	/** Output of each node, by node name (first output, first run). */
	nodes: Record<string, NodeRunResult>;
	credentialsHelper: TestCredentialsHelper;
}

/** Runs a linear workflow through n8n-core's real `WorkflowExecute`, as n8n runs a manual execution. */
export async function runWorkflow(options: WorkflowRunOptions): Promise<WorkflowRunResult> {
	const start: INode = {
		id: 'start',
		name: 'Start',
		type: 'test.start',
		typeVersion: 1,
		position: [0, 0],
		parameters: { items: JSON.stringify(options.inputItems ?? [{}]) },
	};
	const chainNodes: INode[] = options.chain.map((node, index) => ({
		id: `node-${index}`,
		name: node.name,
		type: node.type,
		typeVersion: 1,
		position: [200 * (index + 1), 0],
		parameters: node.parameters,
		credentials: node.credentials,
		continueOnFail: node.continueOnFail,
		onError: node.continueOnFail ? 'continueRegularOutput' : undefined,
	}));
	const nodes = [start, ...chainNodes];
	const connections: IConnections = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return await runWorkflowJson({ ...options, nodes, connections });
}

export interface WorkflowJsonRunOptions
	extends Pick<WorkflowRunOptions, 'nodeTypes' | 'credentials' | 'mode' | 'executionId'> {
	/** Nodes and connections as in an exported workflow; a Manual Trigger starts the run. */
	nodes: INode[];
	connections: IConnections;
}

/** Runs an exported workflow (e.g. `examples/workflows/*.json`) through `WorkflowExecute`. */
export async function runWorkflowJson(options: WorkflowJsonRunOptions): Promise<WorkflowRunResult> {
	const nodeTypes = buildNodeTypes({
		'test.start': new TestStartNode(),
		'n8n-nodes-base.manualTrigger': new TestStartNode(),
		...options.nodeTypes,
	});
	const { nodes: allNodes, connections } = options;
	const start = allNodes.find(
		(node) => node.type === 'test.start' || node.type === 'n8n-nodes-base.manualTrigger',
	);
	if (!start) throw new Error('The workflow has no start node');
	const workflow = new Workflow({
		id: 'test-workflow',
		name: 'Test workflow',
		nodes: allNodes,
		connections,
		active: false,
		nodeTypes,
		staticData: {},
		settings: { executionOrder: 'v1' },
	});

	const mode = options.mode ?? 'manual';
	const executionId = options.executionId ?? 'test-execution-1';
	const credentialsHelper = new TestCredentialsHelper(options.credentials);
	const hooks = new ExecutionLifecycleHooks(mode, executionId, {
		id: workflow.id,
		name: workflow.name,
		nodes: allNodes,
		connections,
		active: false,
		settings: {},
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	const additionalData = buildAdditionalData(credentialsHelper, hooks, executionId);

	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: start, data: { main: [[{ json: {} }]] }, source: null }],
		},
	});
	const execute = new WorkflowExecute(additionalData, mode, runExecutionData);
	const run = await execute.processRunExecutionData(workflow);

	const nodes: Record<string, NodeRunResult> = {};
	for (const node of allNodes) {
		const taskData = run.data.resultData.runData[node.name]?.[0];
		nodes[node.name] = {
			items: taskData?.data?.main?.[0] ?? [],
			error: taskData?.error as NodeRunResult['error'],
		};
	}
	return { run, nodes, credentialsHelper };
}

export function buildNodeTypes(types: Record<string, INodeType>): INodeTypes {
	return {
		getByName: (name) => require_(types, name),
		getByNameAndVersion: (name) => require_(types, name),
		getKnownTypes: () => ({}),
	};
}

function require_(types: Record<string, INodeType>, name: string): INodeType {
	const type = types[name];
	if (!type) throw new Error(`Unknown node type ${name}`);
	return type;
}

/**
 * What n8n-core needs around a node run (credentials, hooks, the URLs expressions may read);
 * shared by workflow runs and trigger polls.
 */
export function buildAdditionalData(
	credentialsHelper: TestCredentialsHelper,
	hooks: ExecutionLifecycleHooks,
	executionId: string,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper,
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		formBaseUrl: 'http://127.0.0.1/form',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1/form-test',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		mcpBaseUrl: 'http://127.0.0.1/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1/mcp-test',
		variables: {},
		logAiEvent: () => {},
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: async () => {
			throw new Error('not used');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}
