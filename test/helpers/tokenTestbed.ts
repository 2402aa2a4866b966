import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INodeType,
} from 'n8n-workflow';

import type { Sandbox } from '../../sandbox/server';
import { runWorkflow, type TestNode, type WorkflowRunResult } from '../harness/workflowRunner';
import { useTestSandbox } from '../sandbox/helpers';

export interface TokenTestbed {
	sandbox: Sandbox;
	/** The credential as n8n stores it; the token a run fetched stays in it for the next run. */
	credential: ICredentialDataDecryptedObject;
	run(chain: TestNode[], inputItems?: IDataObject[]): Promise<WorkflowRunResult>;
}

/**
 * A sandbox reset before each test, and a runner of real workflows with one node type and a
 * credential that fetches its own token (`preAuthentication`): what a run stores in the
 * credential (the token) is kept for the next run, as n8n keeps it in its database.
 */
export function useTokenTestbed(setup: {
	nodeType: string;
	node: () => INodeType;
	credentialType: () => ICredentialType;
	/** The node's credential reference, as in `TestNode.credentials`. */
	credentialRef: { id: string; name: string };
	/** The credential's data before any run, for the sandbox that runs the tests. */
	credential: (sandbox: Sandbox) => ICredentialDataDecryptedObject;
}): TokenTestbed {
	let sandbox: Sandbox | undefined;
	let credential: ICredentialDataDecryptedObject = {};
	useTestSandbox((started) => (sandbox = started));
	const started = () => {
		if (!sandbox) throw new Error('the sandbox starts in beforeAll');
		return sandbox;
	};
	beforeEach(() => {
		credential = { accessToken: '', ...setup.credential(started()) };
	});
	return {
		get sandbox() {
			return started();
		},
		get credential() {
			return credential;
		},
		run: async (chain, inputItems = [{}]) => {
			const type = setup.credentialType();
			const result = await runWorkflow({
				nodeTypes: { [setup.nodeType]: setup.node() },
				credentials: [{ type, data: credential }],
				chain,
				inputItems,
			});
			credential = await result.credentialsHelper.getDecrypted(
				undefined,
				setup.credentialRef,
				type.name,
			);
			return result;
		},
	};
}
