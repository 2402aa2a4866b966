/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- development-only benchmark: reads process memory and times and prints its figures, never published */
/**
 * One order scenario, run in a process of its own so that its peak RSS is its own: one provider's
 * node orders `cards` cards in a real n8n workflow (n8n-core's WorkflowExecute), against the
 * sandbox (in a child process, so that RSS and CPU are n8n's and the node's only) with a fixed latency on every request and a provider rate limit that the node is told
 * (Requests per Second) or not (automatic pacing). Prints one JSON line with the figures.
 * Driven by scripts/bench.js (`npm run bench`); the providers differ only in bench/providers.ts.
 *
 *   node .dev-dist/bench/order.js --provider qonto --cards 100000 --limit 20 [--told] [--latency 50]
 */
import { runWorkflow } from '../test/harness/workflowRunner';
import { counters, everyCallSucceeded, providerOf } from './providers';
import { startSandboxProcess } from './sandboxProcess';

interface Scenario {
	provider: string;
	cards: number;
	limit: number;
	told: boolean;
	latencyMs: number;
	maxConcurrency: number;
}

function readScenario(argv: string[]): Scenario {
	const text = (name: string) => {
		const index = argv.indexOf(`--${name}`);
		return index >= 0 ? argv[index + 1] : undefined;
	};
	const value = (name: string, fallback: number) => Number(text(name) ?? fallback);
	const provider = providerOf(text('provider') ?? 'nymcard');
	return {
		provider: provider.key,
		cards: value('cards', 100_000),
		limit: value('limit', provider.defaultLimit),
		told: argv.includes('--told'),
		latencyMs: value('latency', 50),
		maxConcurrency: value('concurrency', 2),
	};
}

async function main(): Promise<void> {
	process.env.N8N_LOG_LEVEL = 'silent';
	const scenario = readScenario(process.argv.slice(2));
	const provider = providerOf(scenario.provider);
	const sandbox = await startSandboxProcess();
	try {
		await provider.prepare?.(sandbox);
		await sandbox.admin('POST', '/rate-limits', {
			provider: provider.key,
			limit: scenario.limit,
			windowMs: 1000,
		});
		await sandbox.admin('POST', '/faults', {
			kind: 'latency',
			provider: provider.key,
			delayMs: scenario.latencyMs,
			times: 1_000_000_000,
		});
		const credential = await provider.credential(sandbox);
		const inputItems = provider.inputItems?.(scenario.cards);
		const started = process.hrtime.bigint();
		const cpuStarted = process.cpuUsage();
		const { nodes } = await runWorkflow({
			nodeTypes: { [provider.nodeType]: provider.node() },
			credentials: [credential],
			chain: [
				{
					name: 'Order',
					type: provider.nodeType,
					parameters: {
						...provider.parameters(scenario.cards),
						options: {
							maxConcurrency: scenario.maxConcurrency,
							requestsPerSecond: scenario.told ? scenario.limit : 0,
						},
					},
					credentials: { [provider.credentialName]: { id: 'bench', name: provider.label } },
				},
			],
			...(inputItems ? { inputItems } : {}),
		});
		const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
		const cpu = process.cpuUsage(cpuStarted);
		// Before the checks below, which read the sandbox's cards into this process.
		const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
		// What the order still holds once it is done (its output, n8n's run data), after a full
		// collection: with `node --expose-gc` (as npm run bench starts it), otherwise not measured.
		const collect = (globalThis as { gc?: () => void }).gc;
		collect?.();
		const liveHeapMb = collect ? Math.round(process.memoryUsage().heapUsed / 2 ** 20) : undefined;
		const order = nodes.Order;
		if (order.error) throw new Error(`the order failed: ${order.error.message}`);
		const { requests, rateLimited } = await counters(sandbox, provider.key);
		const calls = provider.calls(scenario.cards);
		const bound = Math.max(
			calls / scenario.limit,
			(calls * scenario.latencyMs) / 1000 / scenario.maxConcurrency,
		);
		const callsSucceeded = everyCallSucceeded(provider, order.items, scenario.cards);
		const atSandbox = await provider.cardsAtSandbox(sandbox);
		console.log(
			JSON.stringify({
				...scenario,
				shape: provider.shape(scenario.cards),
				calls,
				requests,
				answered429: rateLimited,
				retries: requests - calls,
				wallSeconds: round(wallSeconds),
				boundSeconds: round(bound),
				ratio: round(wallSeconds / bound),
				cardsCreated: atSandbox.created,
				duplicates: atSandbox.duplicates,
				callsSucceeded,
				everyCardOnce:
					callsSucceeded && atSandbox.created === scenario.cards && atSandbox.duplicates === 0,
				cpuSeconds: round((cpu.user + cpu.system) / 1e6),
				peakRssMb,
				liveHeapMb,
			}),
		);
	} finally {
		await sandbox.close();
	}
}

function round(value: number): number {
	return Math.round(value * 100) / 100;
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
