import { ExecutionLifecycleHooks, PollContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type WorkflowActivateMode,
} from 'n8n-workflow';

import { TestCredentialsHelper } from './credentialsHelper';
import { buildAdditionalData, buildNodeTypes } from './workflowRunner';

export interface PollerOptions {
	nodeType: INodeType;
	/** e.g. `n8n-nodes-bulk-cards.bulkCardTrigger` */
	typeName: string;
	nodeName?: string;
	parameters: INode['parameters'];
	credentials: Array<{ type: ICredentialType; data: ICredentialDataDecryptedObject }>;
	nodeCredentials?: INode['credentials'];
	/** Static data of an earlier activation (e.g. after a restart); default none. */
	staticData?: IDataObject;
	/** What `getPollBudgetMs()` answers; n8n's default is 5 minutes. */
	pollBudgetMs?: number;
}

export interface Poller {
	/** One poll through a fresh real `PollContext`, as n8n runs each tick (`trigger`) or "Fetch test event" (`manual`). */
	poll(mode?: 'trigger' | 'manual'): Promise<INodeExecutionData[][] | null>;
	/** The node's static data as the workflow holds it (what n8n would save). */
	nodeStaticData(): IDataObject;
	/** The node's static data as JSON (for before/after comparisons). */
	snapshot(): string;
	workflow: Workflow;
	setPollBudgetMs(ms: number): void;
}

/**
 * A workflow with one polling trigger, activated once and polled as often as a test asks, each
 * poll through n8n-core's own `PollContext` (the context n8n's ActiveWorkflows builds).
 */
export function createPoller(options: PollerOptions): Poller {
	const node: INode = {
		id: 'trigger-node',
		name: options.nodeName ?? 'Bulk Card Trigger',
		type: options.typeName,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: options.nodeCredentials,
	};
	const workflow = new Workflow({
		id: 'test-trigger-workflow',
		name: 'Trigger test workflow',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: buildNodeTypes({ [options.typeName]: options.nodeType }),
		staticData: options.staticData ?? {},
		settings: { executionOrder: 'v1' },
	});
	const credentialsHelper = new TestCredentialsHelper(options.credentials);
	let budgetMs = options.pollBudgetMs ?? 5 * 60_000;
	let polls = 0;
	return {
		workflow,
		poll: async (mode = 'trigger') => {
			polls++;
			const executionId = `poll-${polls}`;
			const hooks = new ExecutionLifecycleHooks(mode, executionId, {
				id: workflow.id,
				name: workflow.name,
				nodes: [node],
				connections: {},
				active: true,
				settings: {},
				isArchived: false,
				createdAt: new Date(),
				updatedAt: new Date(),
			} as never);
			const additionalData = buildAdditionalData(credentialsHelper, hooks, executionId);
			const activation: WorkflowActivateMode = 'activate';
			const context = new PollContext(
				workflow,
				node,
				additionalData,
				mode,
				activation,
				undefined,
				undefined,
				undefined,
				undefined,
				undefined,
				() => budgetMs,
			);
			return await options.nodeType.poll!.call(context);
		},
		nodeStaticData: () => workflow.getStaticData('node', node),
		snapshot: () => JSON.stringify(workflow.getStaticData('node', node)),
		setPollBudgetMs: (ms) => {
			budgetMs = ms;
		},
	};
}
