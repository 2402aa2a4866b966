/* eslint-disable @n8n/community-nodes/require-node-api-error -- test-only: a failing property case is thrown for fast-check, never published */
import fc from 'fast-check';
import {
	NodeApiError,
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
} from 'n8n-workflow';

import { DinteroCards } from '../../nodes/DinteroCards/DinteroCards.node';
import { NymCard } from '../../nodes/NymCard/NymCard.node';
import { PaysafeCards } from '../../nodes/PaysafeCards/PaysafeCards.node';
import { QontoCards } from '../../nodes/QontoCards/QontoCards.node';
import { createParameters as dinteroCreate } from '../helpers/dintero';
import { createOrderParameters as nymCardCreate } from '../helpers/nymCard';
import { createParameters as paysafeCreate } from '../helpers/paysafe';
import { cardRequests, createParameters as qontoCreate } from '../helpers/qonto';
import { CREDENTIAL_SECRETS, runNode } from './support/providers';
import { recordRows } from './support/results';
import { scaled, SEED } from './support/scale';
import { captureConsole, SecretScan } from './support/secrets';
import { startSandbox, type Sandbox } from '../../sandbox/server';

// Bad input, property-based: every operation of the four nodes gets parameters and input items
// drawn by fast-check — a valid order with some values replaced by hostile ones (wrong types,
// empty, huge, negative, NaN, long, JSON fragments, card numbers). The node's own execute() runs
// in-process with a minimal IExecuteFunctions (the real node code: router, sessions, validation,
// the bulk-order engine); its HTTP helper records each request and answers 418, so a case ends at
// the first request. Only NodeOperationError / NodeApiError with words a person can act on may
// come out, never a crash, and an order the node refuses must have sent nothing. A sample of
// refused cases also runs through n8n's real WorkflowExecute against the sandbox, whose request
// log must stay empty.

const CASES_PER_OPERATION = scaled(150, 10_000);
const SAMPLE_PER_OPERATION = scaled(2, 20);

// Card details a user may type (NymCard Link): they must never show in an error.
const PAN = '5123450000000346';
const CVV = '739';
const EXPIRY = '12/29';
const ACTIVATION_TOKEN = 'b'.repeat(64) + 'a1c2';

interface NodeUnderTest {
	name: 'nymcard' | 'qonto' | 'paysafe' | 'dintero';
	node: INodeType;
	credentialType: (parameters: INodeParameters) => string;
	credential: ICredentialDataDecryptedObject;
	/** Valid parameters (and input items) per `resource.operation`, mutated by the cases. */
	valid: Record<string, { parameters: INodeParameters; items?: IDataObject[] }>;
}

const NODES: NodeUnderTest[] = [
	{
		name: 'nymcard',
		node: new NymCard(),
		credentialType: () => 'nymCardApi',
		credential: {
			apiKey: CREDENTIAL_SECRETS[0],
			environment: 'custom',
			baseUrl: 'http://127.0.0.1:9/nymcard/v1',
		},
		valid: {
			'bulkIssuance.create': { parameters: nymCardCreate() },
			'card.link': {
				parameters: {
					resource: 'card',
					operation: 'link',
					tokenSource: 'cardDetails',
					pan: PAN,
					expiry: EXPIRY,
					cvv2: CVV,
					activationToken: ACTIVATION_TOKEN,
					userId: 'user-1',
				},
			},
		},
	},
	{
		name: 'qonto',
		node: new QontoCards(),
		credentialType: (parameters) =>
			parameters.authentication === 'apiKey' ? 'qontoApi' : 'qontoOAuth2Api',
		credential: {
			environment: 'custom',
			baseUrl: 'http://127.0.0.1:9/qonto',
			stagingToken: CREDENTIAL_SECRETS[2],
			secretKey: CREDENTIAL_SECRETS[1],
			login: 'acme-sandbox-1234',
			clientSecret: CREDENTIAL_SECRETS[3],
		},
		valid: {
			'cardBulk.create': {
				parameters: { authentication: 'oAuth2', ...qontoCreate({ waitForApproval: false }) },
				items: cardRequests(3),
			},
		},
	},
	{
		name: 'paysafe',
		node: new PaysafeCards(),
		credentialType: () => 'paysafeApi',
		credential: {
			clientId: 'paysafe-sandbox-client',
			clientSecret: CREDENTIAL_SECRETS[4],
			brand: 'paysafe-sandbox-brand',
			environment: 'custom',
			baseUrl: 'http://127.0.0.1:9/paysafe/digitalwallets/v1',
			accessToken: 'paysafe-access-token-known-to-the-scan',
		},
		valid: { 'bulkOrder.create': { parameters: paysafeCreate({ numberOfCards: 3 }) } },
	},
	{
		name: 'dintero',
		node: new DinteroCards(),
		credentialType: () => 'dinteroApi',
		credential: {
			accountId: 'T12345678',
			clientId: 'dintero-sandbox-client',
			clientSecret: CREDENTIAL_SECRETS[5],
			environment: 'custom',
			baseUrl: 'http://127.0.0.1:9/dintero/v1',
			accessToken: 'dintero-access-token-known-to-the-scan',
		},
		valid: { 'cardBatch.create': { parameters: dinteroCreate({ numberOfCards: 3 }) } },
	},
];

/** Values nobody should type, and some that people do. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
	fc.string({ maxLength: 30 }),
	fc.string({ minLength: 250, maxLength: 320 }),
	fc.integer(),
	fc.double(),
	fc.constantFrom(0, -1, 1e12, Number.NaN, Number.POSITIVE_INFINITY, 0.5, 5001, 1001, 51),
	fc.boolean(),
	fc.constantFrom(null, undefined, '', '   ', '{"cards": [', '[]', '{}', '__proto__'),
	fc.constantFrom('5123 4500 0000 0346', '2029-13', 'ZZZ', 'usd', 'ÅØÆ✓', '\u0000'),
	fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
	fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), {
		maxKeys: 3,
		noNullPrototype: true,
	}),
);

interface Operation {
	node: NodeUnderTest;
	resource: string;
	operation: string;
	/** Names of the parameters shown for this operation, with their defaults. */
	defaults: INodeParameters;
}

function operationsOf(node: NodeUnderTest): Operation[] {
	const properties = node.node.description.properties;
	const resources = (properties.find((p) => p.name === 'resource')?.options ?? []) as Array<{
		value: string;
	}>;
	return resources.flatMap(({ value: resource }) => {
		const operationProperty = properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
		);
		const operations = (operationProperty?.options ?? []) as Array<{ value: string }>;
		return operations.map(({ value: operation }) => ({
			node,
			resource,
			operation,
			defaults: defaultsFor(properties, resource, operation),
		}));
	});
}

function defaultsFor(
	properties: INodeProperties[],
	resource: string,
	operation: string,
): INodeParameters {
	const defaults: INodeParameters = { resource, operation };
	for (const property of properties) {
		if (['resource', 'operation'].includes(property.name) || property.type === 'notice') continue;
		const show = property.displayOptions?.show ?? {};
		if (show.resource && !show.resource.includes(resource)) continue;
		if (show.operation && !show.operation.includes(operation)) continue;
		defaults[property.name] ??= property.default;
	}
	return defaults;
}

/** A case: the valid parameters with some values (top level or one level down) replaced. */
function caseArbitrary(op: Operation) {
	const valid = op.node.valid[`${op.resource}.${op.operation}`];
	const base: INodeParameters = { ...op.defaults, ...(valid?.parameters ?? {}) };
	const paths = Object.entries(base).flatMap(([key, value]) =>
		['resource', 'operation'].includes(key)
			? []
			: value && typeof value === 'object' && !Array.isArray(value)
				? // A collection is always an object in n8n: its fields take any value (expressions).
					Object.keys(value).map((inner) => [key, inner])
				: [[key]],
	);
	const validItems = valid?.items ?? [{}];
	const item = fc.oneof(
		{ weight: 3, arbitrary: fc.constantFrom(...validItems) },
		fc
			.record({ index: fc.nat(), key: fc.string({ maxLength: 20 }), value: hostile })
			.map(({ index, key, value }) => {
				const card = { ...validItems[index % validItems.length] } as IDataObject;
				const keys = Object.keys(card);
				card[keys.length > 0 && key.length % 2 === 0 ? keys[key.length % keys.length] : key] =
					value as never;
				return card;
			}),
		fc
			.dictionary(fc.string({ maxLength: 12 }), hostile, { maxKeys: 4 })
			.map((card) => card as IDataObject),
	);
	return fc
		.record({
			changes: fc.uniqueArray(fc.record({ path: fc.constantFrom(...paths), value: hostile }), {
				minLength: 1,
				maxLength: 3,
				selector: (change) => change.path.join('.'),
			}),
			items: fc.oneof(fc.constant(validItems), fc.array(item, { maxLength: 5 })),
		})
		.map(({ changes, items }) => {
			const parameters = structuredClone(base) as IDataObject;
			for (const { path, value } of changes) {
				if (path.length === 1) parameters[path[0]] = value as never;
				else {
					const parent = parameters[path[0]];
					if (parent && typeof parent === 'object' && !Array.isArray(parent))
						(parent as IDataObject)[path[1]] = value as never;
				}
			}
			return {
				parameters: parameters as INodeParameters,
				items,
				changes: changes.map((c) => c.path.join('.')),
			};
		});
}

interface Outcome {
	error?: unknown;
	requests: number;
}

/** Runs the node's execute() in-process with a minimal n8n context; requests answer 418. */
async function executeInProcess(
	op: Operation,
	parameters: INodeParameters,
	items: IDataObject[],
): Promise<Outcome> {
	const node: INode = {
		id: 'node-1',
		name: 'Node',
		type: `n8n-nodes-bulk-cards.${op.node.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	let requests = 0;
	const inputData: INodeExecutionData[] = items.map((json, index) => ({
		json: json as IDataObject,
		pairedItem: { item: index },
	}));
	const context = {
		getNode: () => node,
		getInputData: () => inputData,
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) => {
			// As n8n: a parameter never set has its default (an expression may still give anything).
			const value = (parameters as IDataObject)[name] ?? op.defaults[name];
			if (value !== undefined) return value;
			if (fallback !== undefined) return fallback;
			throw new Error(`Could not get parameter "${name}"`);
		},
		getCredentials: async () => op.node.credential,
		continueOnFail: () => false,
		getMode: () => 'manual',
		helpers: {
			returnJsonArray: (data: IDataObject | IDataObject[]) =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			constructExecutionMetaData: (data: INodeExecutionData[], meta: { itemData: unknown }) =>
				data.map((entry) => ({ ...entry, pairedItem: meta.itemData })),
			httpRequestWithAuthentication: async () => {
				requests++;
				return { statusCode: 418, headers: {}, body: { message: 'fault suite: no provider here' } };
			},
		},
	} as unknown as IExecuteFunctions;
	try {
		await op.node.node.execute!.call(context);
		return { requests };
	} catch (error) {
		return { error, requests };
	}
}

const CRASH =
	/Cannot read prop|is not a function|is not iterable|undefined is not|Maximum call stack|\[object Object\]|^undefined$|\bNaN\b/;

/** Why an error is not one a person can act on, or undefined when it is. */
function unfitError(error: unknown): string | undefined {
	if (!(error instanceof NodeOperationError) && !(error instanceof NodeApiError))
		return `not a node error: ${(error as Error)?.name}: ${(error as Error)?.message}`;
	const cause = (error as { cause?: unknown }).cause;
	if (
		cause instanceof TypeError ||
		cause instanceof RangeError ||
		cause instanceof ReferenceError ||
		cause instanceof SyntaxError
	)
		return `a crash wrapped in a node error: ${cause.name}: ${cause.message}`;
	const message = error.message ?? '';
	if (message.trim().length < 10) return `message too short: "${message}"`;
	if (CRASH.test(message)) return `message reads like a crash: "${message}"`;
	const description = error.description ?? '';
	if (
		error instanceof NodeOperationError &&
		description.trim() === '' &&
		!/:|must|is not|cannot/i.test(message)
	)
		return `no advice: "${message}"`;
	return undefined;
}

const rows: IDataObject[] = [];
const scan = new SecretScan();
let consoleCapture: ReturnType<typeof captureConsole>;
let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
	consoleCapture = captureConsole();
	scan.add(...CREDENTIAL_SECRETS, PAN, CVV, EXPIRY, ACTIVATION_TOKEN);
	for (const node of NODES) scan.add(node.credential.accessToken as string | undefined);
});

afterAll(async () => {
	consoleCapture?.restore();
	await sandbox?.close();
	recordRows('bad-input', rows);
});

describe('bad input', () => {
	for (const nodeUnderTest of NODES) {
		for (const op of operationsOf(nodeUnderTest)) {
			it(`${nodeUnderTest.name} ${op.resource}.${op.operation}: only actionable node errors, nothing sent for a refused order`, async () => {
				const started = Date.now();
				let refused = 0;
				let accepted = 0;
				const refusedSamples: Array<{ parameters: INodeParameters; items: IDataObject[] }> = [];
				await fc.assert(
					fc.asyncProperty(caseArbitrary(op), async ({ parameters, items }) => {
						const { error, requests } = await executeInProcess(op, parameters, items);
						if (error === undefined) {
							accepted++;
							return;
						}
						const problem = unfitError(error);
						if (problem)
							throw new Error(
								`${problem}\nparameters: ${JSON.stringify(parameters).slice(0, 600)}`,
							);
						scan.scanError(`${nodeUnderTest.name} ${op.resource}.${op.operation}`, error);
						if (error instanceof NodeOperationError) {
							refused++;
							// A refused order sends nothing.
							if (requests !== 0)
								throw new Error(`${requests} request(s) sent before: ${error.message}`);
							if (refusedSamples.length < SAMPLE_PER_OPERATION)
								refusedSamples.push({ parameters, items });
						} else accepted++;
					}),
					{ numRuns: CASES_PER_OPERATION, seed: SEED, endOnFailure: true },
				);
				// A sample through n8n's real WorkflowExecute against the sandbox: nothing reaches it.
				// Values typed into n8n are normalised by n8n before the node reads them (a null where a
				// boolean goes is its default): only the cases n8n's run refuses as well count here.
				let sampleRequests = 0;
				for (const sample of refusedSamples) {
					sandbox.admin.reset();
					let refusedThere = true;
					try {
						const run = await runNode(sandbox, nodeUnderTest.name, sample.parameters, sample.items);
						scan.scanError('sample', run.error);
						refusedThere = run.error?.name === 'NodeOperationError';
					} catch (error) {
						// n8n itself may refuse to start a node with issues (a required value missing).
						if ((error as Error).name !== 'WorkflowHasIssuesError') throw error;
					}
					if (!refusedThere) continue;
					sampleRequests += sandbox.admin
						.requests(nodeUnderTest.name)
						.filter((entry) => !/\/(auth|oauth2)\//.test(entry.path)).length;
				}
				rows.push({
					node: nodeUnderTest.name,
					operation: `${op.resource}.${op.operation}`,
					cases: CASES_PER_OPERATION,
					refused,
					accepted,
					requestsForInvalid: sampleRequests,
					seconds: (Date.now() - started) / 1000,
					result: 'ok',
				});
				expect(sampleRequests).toBe(0);
			});
		}
	}

	it('leaks no typed card detail or credential value in any error or console line', () => {
		scan.scan('console', consoleCapture.lines);
		rows.push({
			node: 'all',
			operation: `secrets scan: ${scan.size} secrets × ${scan.stringsScanned} strings`,
			result: scan.leaks.length === 0 ? 'ok' : 'FAIL',
		});
		expect(scan.leaks).toEqual([]);
	});
});
