/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test-only fault matrix, never published: waits for held-back answers */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { RequestLogEntry } from '../../../sandbox/core/requestLog';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { createParameters } from '../../helpers/paysafe';
import { BANK_ACCOUNT_ID, HOLDERS } from '../../helpers/qonto';
import { API_PATHS, faultsAt, spread, TOKEN_PATHS, whenRequests } from './faults';
import {
	CREDENTIAL_SECRETS,
	EU_CUSTOMER,
	runNode,
	type NodeRun,
	type ProviderName,
} from './providers';
import { recordRows, type MatrixRow } from './results';
import { scaled } from './scale';
import { captureConsole, SecretScan } from './secrets';

// The fault matrix of issue 20: a multi-call create order per provider through n8n's real
// WorkflowExecute, under each fault, checked against what the sandbox really holds.

const MAX_RETRIES = 5;

interface ProviderCase {
	provider: ProviderName;
	perCall: number;
	calls: number;
	requested: number;
	/** Requests of a fault-free run, to size the fault spread. */
	estimatedRequests: number;
	/** Writes (create and submit calls) of a fault-free run. */
	writes: number;
	parameters(options: INodeParameters): INodeParameters;
	input(): IDataObject[];
	isWrite(entry: Pick<RequestLogEntry, 'method' | 'path'>): boolean;
	writeRegex: string;
	/** The call a write belongs to, for the retry budget. */
	callOf(entry: RequestLogEntry): string;
}

const nymcardCalls = scaled(4, 20);
const qontoCalls = scaled(8, 40);
const paysafeCalls = scaled(10, 40);
const dinteroCalls = scaled(5, 20);

/** derivedIds: `…-<position>` → the chunk the card id belongs to. */
const chunkOfIds = (ids: string[], perCall: number) =>
	String(Math.floor(Number(/-(\d+)$/.exec(ids[0] ?? '')?.[1] ?? -1) / perCall));

const CASES: ProviderCase[] = [
	{
		provider: 'nymcard',
		perCall: 5000,
		calls: nymcardCalls,
		requested: 5000 * (nymcardCalls - 1) + 1234,
		estimatedRequests: 2 * nymcardCalls,
		writes: 2 * nymcardCalls,
		parameters: (options) => ({
			resource: 'bulkIssuance',
			operation: 'create',
			cardProductId: 'f4947edd-0dc1-4d60-af5a-f0dcb01d141c',
			numberOfCards: 5000 * (nymcardCalls - 1) + 1234,
			orderReference: 'PO-FAULTS-NYM',
			amount: 100,
			currency: 'USD',
			nameOnCard: 'Gift Card',
			submitAfterCreate: true,
			shippingAddress: {
				addressLine1: '1 Sheikh Zayed Road',
				city: 'Dubai',
				postalCode: '00000',
				country: 'AE',
			},
			options,
		}),
		input: () => [{}],
		isWrite: (entry) =>
			(entry.method === 'POST' && /\/bulkissuances$/.test(entry.path)) ||
			(entry.method === 'PUT' && /\/bulkissuances\/[^/]+$/.test(entry.path)),
		writeRegex: '/bulkissuances',
		callOf: (entry) => (entry.method === 'POST' ? `POST ${entry.idempotencyKey}` : entry.path),
	},
	{
		provider: 'qonto',
		perCall: 50,
		calls: qontoCalls,
		requested: 50 * qontoCalls - 17,
		estimatedRequests: qontoCalls,
		writes: qontoCalls,
		parameters: (options) => ({
			authentication: 'oAuth2',
			resource: 'cardBulk',
			operation: 'create',
			cardsSource: 'inputItems',
			orderReference: 'PO-FAULTS-Q',
			waitForApproval: true,
			approvalTimeoutSeconds: 30,
			options: { outputMode: 'perCard', ...options },
		}),
		input: () =>
			Array.from({ length: 50 * qontoCalls - 17 }, (_, index) => ({
				card_level: 'virtual',
				holder_id: HOLDERS[index % HOLDERS.length],
				bank_account_id: BANK_ACCOUNT_ID,
				payment_monthly_limit: 500,
			})),
		isWrite: (entry) => entry.method === 'POST' && entry.path.endsWith('/cards/bulk'),
		writeRegex: '/cards/bulk$',
		callOf: (entry) => String(entry.idempotencyKey),
	},
	{
		provider: 'paysafe',
		perCall: 50,
		calls: paysafeCalls,
		requested: 50 * paysafeCalls - 13,
		estimatedRequests: paysafeCalls + 1,
		writes: paysafeCalls,
		parameters: (options) =>
			createParameters({
				numberOfCards: 50 * paysafeCalls - 13,
				orderReference: 'PO-FAULTS-P',
				userAgent: 'n8n-faults/1.0',
				options,
			}),
		input: () => [{}],
		isWrite: (entry) => entry.method === 'POST' && entry.path.endsWith('/prepaid/cards/bulk'),
		writeRegex: '/prepaid/cards/bulk$',
		callOf: (entry) =>
			chunkOfIds(
				((entry.body as IDataObject)?.cards as IDataObject[]).map((card) =>
					String(card.externalId),
				),
				50,
			),
	},
	{
		provider: 'dintero',
		perCall: 1000,
		calls: dinteroCalls,
		requested: 1000 * (dinteroCalls - 1) + 321,
		estimatedRequests: 11 * dinteroCalls,
		writes: dinteroCalls,
		parameters: (options) => ({
			resource: 'cardBatch',
			operation: 'create',
			cardsSource: 'quantity',
			numberOfCards: 1000 * (dinteroCalls - 1) + 321,
			orderReference: 'PO-FAULTS-D',
			cardType: 'gift_card',
			options,
		}),
		input: () => [{}],
		isWrite: (entry) => entry.method === 'POST' && entry.path.endsWith('/wallets/cards/batch'),
		writeRegex: '/wallets/cards/batch$',
		callOf: (entry) =>
			chunkOfIds(
				((entry.body as IDataObject)?.cards as IDataObject[]).map((card) => String(card.card_id)),
				1000,
			),
	},
];

interface Scenario {
	name: string;
	/** Node options the scenario needs (e.g. a short timeout). */
	options?: INodeParameters;
	/** Not applicable to this provider: the reason, shown in the matrix. */
	notApplicable?(testCase: ProviderCase): string | undefined;
	/** Sets the faults up; may return a function that stops a watcher. */
	arrange(sandbox: Sandbox, testCase: ProviderCase): (() => void) | void;
	/** Extra attempts a call may take beyond the retry budget (a re-sent request after a new token). */
	extraAttempts?: number;
}

const SCENARIOS: Scenario[] = [
	{ name: 'none (baseline)', arrange: () => undefined },
	{
		name: '5xx on 20% of calls',
		arrange: (sandbox, { provider, estimatedRequests }) =>
			spread(
				sandbox,
				{ kind: 'status', status: 503, provider, pathRegex: API_PATHS },
				estimatedRequests,
				0.2,
			),
	},
	{
		name: '429 bursts (3 in a row)',
		arrange: (sandbox, { provider, estimatedRequests }) =>
			faultsAt(
				sandbox,
				{ kind: 'rateLimit', retryAfterSeconds: 1, provider, pathRegex: API_PATHS },
				[2, Math.max(6, Math.ceil(estimatedRequests / 2))],
				3,
			),
	},
	{
		name: 'drop after processing, 10% of writes',
		arrange: (sandbox, { provider, writeRegex, writes }) =>
			spread(
				sandbox,
				{ kind: 'dropAfterProcessing', provider, pathRegex: writeRegex },
				writes,
				0.1,
			),
	},
	{
		name: 'slower than the timeout, 5%',
		options: { timeoutSeconds: 1 },
		arrange: (sandbox, { provider, estimatedRequests }) =>
			spread(
				sandbox,
				{ kind: 'latency', delayMs: 1600, provider, pathRegex: API_PATHS },
				estimatedRequests,
				0.05,
			),
	},
	{
		name: 'token endpoint 503, then 429',
		notApplicable: ({ provider }) =>
			provider === 'nymcard'
				? 'API key, no token'
				: provider === 'qonto'
					? 'OAuth token given, fetched by nobody'
					: undefined,
		arrange: (sandbox, { provider }) => {
			sandbox.admin.faults.add({ kind: 'status', status: 503, provider, pathRegex: TOKEN_PATHS });
			sandbox.admin.faults.add({ kind: 'rateLimit', provider, pathRegex: TOKEN_PATHS });
		},
	},
	{
		name: 'token expiry mid-order',
		extraAttempts: 1,
		notApplicable: ({ provider }) => (provider === 'nymcard' ? 'API key, no token' : undefined),
		arrange: (sandbox, testCase) =>
			whenRequests(
				sandbox,
				testCase.provider,
				testCase.isWrite,
				Math.ceil(testCase.calls / 2),
				() => {
					if (testCase.provider === 'paysafe') sandbox.admin.paysafe.expireTokens();
					else if (testCase.provider === 'dintero') sandbox.admin.dintero.revokeTokens();
					// Qonto: the OAuth access token lives 1 h; n8n refreshes it on the 401.
					else sandbox.admin.clock.advance(3_601_000);
				},
			),
	},
];

/**
 * The matrix rows of one provider, as a jest suite with its own sandbox (one file per provider,
 * so that jest runs them side by side); the rows go to the run's results for the reporter.
 */
/**
 * The matrix for one provider's create; `variant` runs it with some create options set (its
 * `name` goes into the rows and the test titles, e.g. "dintero, no look-up first").
 */
export function describeFaultMatrix(
	providerName: ProviderName,
	variant?: { name: string; options: INodeParameters },
): void {
	const base = CASES.find((candidate) => candidate.provider === providerName) as ProviderCase;
	const testCase: ProviderCase = variant
		? { ...base, parameters: (options) => base.parameters({ ...options, ...variant.options }) }
		: base;
	const provider = variant ? `${providerName}, ${variant.name}` : providerName;
	const rows: MatrixRow[] = [];
	const notApplicable: MatrixRow[] = [];
	const scan = new SecretScan();
	let consoleCapture: ReturnType<typeof captureConsole>;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0 });
		consoleCapture = captureConsole();
		scan.add(...CREDENTIAL_SECRETS);
	});

	afterAll(async () => {
		consoleCapture?.restore();
		await sandbox?.close();
		recordRows(`matrix-${provider.replace(/\W+/g, '-')}`, [...rows, ...notApplicable]);
	});

	describe(`fault matrix, ${provider}: ${testCase.requested} cards in ${testCase.calls} calls`, () => {
		for (const scenario of SCENARIOS) {
			const reason = scenario.notApplicable?.(testCase);
			if (reason) {
				it.skip(`${scenario.name} (n/a: ${reason})`, () => undefined);
				notApplicable.push({ provider, scenario: scenario.name, result: `n/a: ${reason}` });
				continue;
			}
			it(scenario.name, async () => {
				const row: MatrixRow = { provider, scenario: scenario.name, result: 'FAIL' };
				rows.push(row);
				await runScenario(testCase, scenario, row, scan);
				row.result = 'ok';
			});
		}

		it('leaks no secret in any output, error or console line', () => {
			scan.scan('console', consoleCapture.lines);
			rows.push({
				provider,
				scenario: `secrets scan: ${scan.size} secrets × ${scan.stringsScanned} strings`,
				result: scan.leaks.length === 0 ? 'ok' : 'FAIL',
			});
			expect(scan.leaks).toEqual([]);
		});
	});
}

let sandbox: Sandbox;

async function runScenario(
	testCase: ProviderCase,
	scenario: Scenario,
	row: MatrixRow,
	scan: SecretScan,
) {
	const { provider } = testCase;
	sandbox.admin.reset();
	// n8n cannot send Qonto's staging token to the token endpoint (sandbox/README.md): refreshes need this.
	if (provider === 'qonto')
		sandbox.admin.qonto.configure({ scaMode: 'off', stagingTokenOnTokenEndpoint: false });
	const stop = scenario.arrange(sandbox, testCase);
	const started = Date.now();
	let run: NodeRun;
	try {
		run = await runNode(
			sandbox,
			provider,
			testCase.parameters({
				maxConcurrency: 2,
				requestsPerSecond: 50,
				maxRetries: MAX_RETRIES,
				...scenario.options,
			}),
			testCase.input(),
		);
	} finally {
		if (stop) stop();
	}
	row.seconds = (Date.now() - started) / 1000;
	// Let answers still held back by a latency fault go out before the books are read.
	await new Promise((resolve) => setTimeout(resolve, scenario.options?.timeoutSeconds ? 1000 : 0));

	const log = sandbox.admin.requests(provider);
	row.requests = log.length;
	// Injected faults, and the 401s of expired tokens.
	row.faults = log.filter((entry) => entry.fault !== undefined || entry.status === 401).length;

	// Secrets: the tokens of this run, and Dintero's PINs and card tokens, must appear nowhere else.
	scan.add(...run.tokens);
	const outputs = run.items.map((item) => item.json);
	for (const json of outputs)
		for (const card of (json.cards as IDataObject[] | undefined) ?? []) {
			scan.add(card.pinValue as string, card.tokenValue as string);
		}
	scan.scanError(`${provider}/${scenario.name} error`, run.error);
	run.items.forEach((item, index) =>
		scan.scan(`${provider}/${scenario.name} item ${index}`, item.json),
	);

	expect(run.error).toBeUndefined();
	const books = readBooks(testCase, outputs);
	Object.assign(row, {
		requested: books.requested,
		created: books.created,
		failed: books.failed,
		unknown: books.unknown,
	});

	// Every output item paired, to the input item its card came from.
	expect(run.items.every((item) => item.pairedItem !== undefined)).toBe(true);
	if (testCase.input().length > 1) {
		const paired = run.items.map((item) => (item.pairedItem as { item: number }).item);
		expect(paired.sort((a, b) => a - b)).toEqual(testCase.input().map((_, index) => index));
	}

	// The outcomes add up to the order, and nothing failed for a temporary fault.
	expect(books.requested).toBe(testCase.requested);
	expect(books.created + books.failed + books.unknown).toBe(testCase.requested);
	expect(books.failed).toBe(0);

	// What the sandbox holds: the created cards, and at most the unknown ones besides; no duplicate.
	const sandboxBooks = sandboxCards(testCase, log);
	row.atSandbox = sandboxBooks.count;
	row.duplicates = sandboxBooks.duplicates;
	expect(sandboxBooks.duplicates).toBe(0);
	expect(sandboxBooks.count).toBeGreaterThanOrEqual(books.created);
	expect(sandboxBooks.count).toBeLessThanOrEqual(books.created + books.unknown);
	expect(sandboxBooks.count).toBeLessThanOrEqual(testCase.requested);
	if (sandboxBooks.ids && books.createdIds && books.unknownIds) {
		const sandboxIds = sandboxBooks.ids;
		expect(books.createdIds.filter((id) => !sandboxIds.has(id))).toEqual([]);
		const accounted = new Set([...books.createdIds, ...books.unknownIds]);
		expect([...sandboxIds].filter((id) => !accounted.has(id))).toEqual([]);
	}
	// Unknown cards are named: their idempotency key, card ids or input items.
	expect(books.unknownNamed).toBeGreaterThanOrEqual(books.unknown);

	// Retries within budget: no call was attempted more than 1 + Max Retries times.
	const attempts = new Map<string, number>();
	for (const entry of log.filter(testCase.isWrite)) {
		const call = testCase.callOf(entry);
		attempts.set(call, (attempts.get(call) ?? 0) + 1);
	}
	row.maxAttempts = Math.max(0, ...attempts.values());
	expect(row.maxAttempts).toBeLessThanOrEqual(1 + MAX_RETRIES + (scenario.extraAttempts ?? 0));
}

interface Books {
	requested: number;
	created: number;
	failed: number;
	unknown: number;
	/** Cards whose unknown outcome names them (key, ids or input item). */
	unknownNamed: number;
	createdIds?: string[];
	unknownIds?: string[];
}

function readBooks(testCase: ProviderCase, outputs: IDataObject[]): Books {
	if (testCase.provider === 'qonto') {
		const count = (outcome: string) => outputs.filter((json) => json.outcome === outcome).length;
		return {
			requested: outputs.length,
			created: count('created'),
			failed: count('failed'),
			unknown: count('unknown'),
			unknownNamed: count('unknown'),
		};
	}
	const totals = (outputs[0]?.order ?? {}) as IDataObject;
	const books: Books = {
		requested: Number(totals.requested),
		created: Number(totals.created),
		failed: Number(totals.failed),
		unknown: Number(totals.unknown),
		unknownNamed: 0,
	};
	for (const json of outputs) {
		if ((json.order as IDataObject).requested !== books.requested)
			throw new Error('the output items disagree on the order totals');
	}
	if (testCase.provider === 'nymcard') {
		books.unknownNamed = outputs
			.filter((json) => json.outcome === 'unknown' && typeof json.idempotencyKey === 'string')
			.reduce((sum, json) => sum + Number(json.size), 0);
		return books;
	}
	// derivedIds: every call lists its card ids; a call with unknown cards names them.
	books.createdIds = [];
	books.unknownIds = [];
	for (const json of outputs) {
		const ids = (json.cardIds ?? json.externalIds) as string[];
		const counts = json.counts as IDataObject | undefined;
		const unknownHere = counts
			? Number(counts.unknown ?? 0)
			: json.outcome === 'unknown'
				? ids.length
				: 0;
		if (unknownHere === 0 && json.outcome === 'created') books.createdIds.push(...ids);
		else {
			const perCard = (json.cards as IDataObject[] | undefined) ?? [];
			const unknownCards = perCard
				.filter((card) => card.outcome === 'unknown')
				.map((card) => String(card.card_id));
			books.unknownIds.push(...(unknownCards.length > 0 ? unknownCards : ids));
			books.unknownNamed += unknownCards.length > 0 ? unknownCards.length : ids.length;
		}
	}
	return books;
}

function sandboxCards(
	testCase: ProviderCase,
	log: RequestLogEntry[],
): { count: number; duplicates: number; ids?: Set<string> } {
	const counters = sandbox.admin.counters()[testCase.provider] as unknown as Record<string, number>;
	switch (testCase.provider) {
		case 'nymcard':
		case 'qonto':
			// Idempotent replays are fine; cards created never above the cards requested.
			return {
				count: counters.cardsCreated,
				duplicates: Math.max(0, counters.cardsCreated - testCase.requested),
			};
		case 'paysafe': {
			// Paysafe creates a bulk's cards once it has processed it, on the sandbox clock.
			sandbox.admin.clock.advance(60_000);
			const cards = sandbox.admin.paysafe.cards(EU_CUSTOMER);
			const ids = cards.map((card) => String(card.externalId));
			const after = sandbox.admin.counters().paysafe as unknown as Record<string, number>;
			return {
				count: ids.length,
				duplicates: after.duplicateExternalIds + (ids.length - new Set(ids).size),
				ids: new Set(ids),
			};
		}
		case 'dintero': {
			const created = log
				.filter((entry) => testCase.isWrite(entry) && entry.status !== null && entry.status < 300)
				.flatMap((entry) =>
					((entry.body as IDataObject).cards as IDataObject[]).map((card) => String(card.card_id)),
				);
			expect(created.length).toBe(counters.cardsCreated);
			return {
				count: created.length,
				duplicates: created.length - new Set(created).size,
				ids: new Set(created),
			};
		}
	}
}
