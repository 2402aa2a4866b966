import {
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeType,
	Workflow,
} from 'n8n-workflow';

import { DinteroApi } from '../../credentials/DinteroApi.credentials';
import type { Sandbox } from '../../sandbox/server';
import { runWorkflow } from '../harness/workflowRunner';
import { CLIENT_ID, CLIENT_SECRET, dinteroUrl, TEST_ACCOUNT } from './dinteroHelpers';
import { useTestSandbox } from './helpers';

type ProbeStep = { request: IHttpRequestOptions } | { admin: string; body?: IDataObject };

/** Sends its steps through `httpRequestWithAuthentication`, as the Dintero node will. */
class DinteroProbe implements INodeType {
	description = {
		displayName: 'Dintero Probe',
		name: 'dinteroProbe',
		group: ['transform'],
		version: 1,
		description: 'Test-only',
		defaults: { name: 'Probe' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'dinteroApi', required: true }],
		properties: [{ displayName: 'Steps', name: 'steps', type: 'json', default: '[]' }],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const steps = JSON.parse(this.getNodeParameter('steps', 0) as string) as ProbeStep[];
		const results: INodeExecutionData[] = [];
		for (const step of steps) {
			if ('admin' in step) {
				await this.helpers.httpRequest({
					method: 'POST',
					url: step.admin,
					body: step.body,
					json: true,
				});
				continue;
			}
			try {
				const body = (await this.helpers.httpRequestWithAuthentication.call(this, 'dinteroApi', {
					...step.request,
					json: true,
				})) as IDataObject;
				results.push({ json: { ok: true, body } });
			} catch (error) {
				results.push({ json: { ok: false, message: (error as Error).message } });
			}
		}
		return [results];
	}
}

const credentialType = new DinteroApi();
let sandbox: Sandbox;
useTestSandbox((started) => (sandbox = started));

function credentialData(
	changes: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	return {
		accessToken: '',
		accountId: TEST_ACCOUNT,
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		environment: 'custom',
		baseUrl: `${dinteroUrl(sandbox)}/`,
		...changes,
	};
}

/** The credential's `test` request with its expressions resolved, as n8n's credential tester does. */
function connectionTestRequest(data: ICredentialDataDecryptedObject): IHttpRequestOptions {
	const node: INode = {
		id: 'probe',
		name: 'Probe',
		type: 'test.dinteroProbe',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => new DinteroProbe(),
			getByNameAndVersion: () => new DinteroProbe(),
			getKnownTypes: () => ({}),
		},
	});
	const resolve = (value: unknown) =>
		workflow.expression.getSimpleParameterValue(node, value as string, 'internal', {
			$credentials: data,
		} as never) as string;
	const { request } = credentialType.test;
	const headers = request.headers as Record<string, string>;
	const body = request.body as Record<string, string>;
	return {
		method: request.method,
		baseURL: resolve(request.baseURL),
		url: resolve(request.url),
		headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, resolve(v)])),
		body: Object.fromEntries(Object.entries(body).map(([k, v]) => [k, resolve(v)])),
	};
}

/** One card of the account: a plain read through the credential's Bearer token. */
function listRequest(data: ICredentialDataDecryptedObject): IHttpRequestOptions {
	const { baseURL } = connectionTestRequest(data);
	return {
		method: 'GET',
		baseURL,
		url: `/accounts/${String(data.accountId).trim()}/wallets/cards`,
		qs: { limit: 1 },
	};
}

async function probe(steps: ProbeStep[], data = credentialData()) {
	const result = await runWorkflow({
		nodeTypes: { 'test.dinteroProbe': new DinteroProbe() },
		credentials: [{ type: credentialType, data }],
		chain: [
			{
				name: 'Probe',
				type: 'test.dinteroProbe',
				parameters: { steps: JSON.stringify(steps) },
				credentials: { dinteroApi: { id: 'dintero-1', name: 'Dintero test account' } },
			},
		],
	});
	const outputs = result.nodes.Probe.items.map(({ json }) => json);
	const stored = await result.credentialsHelper.getDecrypted(
		undefined,
		{ id: 'dintero-1', name: 'Dintero test account' },
		'dinteroApi',
	);
	return {
		outputs,
		runs: result.credentialsHelper.preAuthenticationRuns.length,
		stored,
		error: result.nodes.Probe.error,
	};
}

const counters = () => sandbox.admin.counters().dintero;

describe('dinteroApi credential against the sandbox', () => {
	it('tests the connection by asking the token endpoint for a token, so that a wrong secret fails it', async () => {
		const request = connectionTestRequest(credentialData());

		expect(request).toEqual({
			method: 'POST',
			baseURL: dinteroUrl(sandbox),
			url: `/accounts/${TEST_ACCOUNT}/auth/token`,
			headers: {
				Authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`,
			},
			body: {
				grant_type: 'client_credentials',
				audience: `https://api.dintero.com/v1/accounts/${TEST_ACCOUNT}`,
			},
		});
		expect(connectionTestRequest(credentialData({ environment: 'production' })).baseURL).toBe(
			'https://api.dintero.com/v1',
		);

		// Through the credential, as n8n sends it: the Basic header is kept, not replaced by a Bearer.
		const tested = await probe(
			[{ request: request as IHttpRequestOptions }],
			credentialData({ accessToken: 'a-stored-token' }),
		);
		expect(tested.outputs[0]).toMatchObject({ ok: true, body: { token_type: 'Bearer' } });
		const wrong = connectionTestRequest(credentialData({ clientSecret: 'wrong-secret' }));
		const refused = await probe(
			[{ request: wrong as IHttpRequestOptions }],
			credentialData({ accessToken: 'a-stored-token' }),
		);
		expect(refused.outputs[0].ok).toBe(false);
	});

	it('gets one token by preAuthentication, sends it as Bearer and reuses it across requests and executions', async () => {
		const test = listRequest(credentialData());
		const list = { request: test };
		const getMissing = {
			request: { ...test, url: `/accounts/${TEST_ACCOUNT}/wallets/cards/none`, qs: {} },
		};

		const first = await probe([list, list, getMissing, list]);

		expect(first.error).toBeUndefined();
		expect(first.outputs.map(({ ok }) => ok)).toEqual([true, true, false, true]);
		expect(first.outputs[0].body).toEqual({ cards: [] });
		expect(first.runs).toBe(1);
		expect(first.stored.accessToken).toEqual(expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/));
		expect(counters()).toMatchObject({ tokenRequests: 1, tokensIssued: 1, unauthorized: 0 });
		const log = sandbox.admin.requests('dintero');
		expect(log[0]).toMatchObject({
			method: 'POST',
			path: `/dintero/v1/accounts/${TEST_ACCOUNT}/auth/token`,
			body: {
				grant_type: 'client_credentials',
				audience: `https://api.dintero.com/v1/accounts/${TEST_ACCOUNT}`,
			},
		});

		const second = await probe([list], first.stored);
		expect(second.runs).toBe(0);
		expect(second.outputs[0].ok).toBe(true);
		expect(counters().tokensIssued).toBe(1);
	});

	it('fetches a new token after a 401 (token expired) and retries the request once', async () => {
		sandbox.admin.dintero.configure({ tokenLifetimeSeconds: 60 });
		const list = { request: listRequest(credentialData()) };

		const result = await probe([
			list,
			{ admin: `${sandbox.url}/__admin/clock/advance`, body: { ms: 60_000 } },
			list,
			list,
		]);

		expect(result.outputs.map(({ ok }) => ok)).toEqual([true, true, true]);
		expect(result.runs).toBe(2);
		expect(counters()).toMatchObject({ tokensIssued: 2, unauthorized: 1 });
	});

	it.each([
		['a malformed account id', { accountId: 'T1234' }, 'T followed by 8 digits'],
		['plain http to a remote host', { baseUrl: 'http://cards.example.com/v1' }, 'use https'],
	])('refuses %s before sending anything', async (_case, changes, expected) => {
		const result = await probe(
			[{ request: listRequest(credentialData()) }],
			credentialData(changes),
		);

		expect(result.outputs[0].ok).toBe(false);
		expect(JSON.stringify(result.outputs)).toContain(expected);
		expect(counters().requests).toBe(0);
	});

	it('reports a refused token request without the client secret', async () => {
		const result = await probe(
			[{ request: listRequest(credentialData()) }],
			credentialData({ clientSecret: 'wrong-secret-value' }),
		);

		expect(result.outputs[0].ok).toBe(false);
		const text = JSON.stringify(result.outputs);
		expect(text).toContain('401');
		expect(text).not.toContain('wrong-secret-value');
		expect(text).not.toContain(Buffer.from(`${CLIENT_ID}:wrong-secret-value`).toString('base64'));
	});
});
