/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- development-only benchmark: reads process memory and times and prints its figures, never published */
/**
 * One benchmark scenario, run in a process of its own so that its peak RSS is its own:
 * NymCard Create with Submit After Create for `cards` cards, in a real n8n workflow
 * (n8n-core's WorkflowExecute), against the sandbox with a fixed latency on every request and a
 * provider rate limit that the node is told (Requests per Second) or not (automatic pacing).
 * Prints one JSON line with the figures. Driven by scripts/bench.js (`npm run bench`).
 */
import { NymCardApi } from '../credentials/NymCardApi.credentials';
import { NymCard } from '../nodes/NymCard/NymCard.node';
import { startSandbox } from '../sandbox/server';
import { runWorkflow } from '../test/harness/workflowRunner';

interface Scenario {
	cards: number;
	limit: number;
	told: boolean;
	latencyMs: number;
	maxConcurrency: number;
}

function readScenario(argv: string[]): Scenario {
	const value = (name: string, fallback: number) => {
		const index = argv.indexOf(`--${name}`);
		return index >= 0 ? Number(argv[index + 1]) : fallback;
	};
	return {
		cards: value('cards', 1_000_000),
		limit: value('limit', 5),
		told: argv.includes('--told'),
		latencyMs: value('latency', 50),
		maxConcurrency: value('concurrency', 2),
	};
}

async function main(): Promise<void> {
	process.env.N8N_LOG_LEVEL = 'silent';
	const scenario = readScenario(process.argv.slice(2));
	const sandbox = await startSandbox({ port: 0 });
	try {
		sandbox.admin.rateLimits.set({ provider: 'nymcard', limit: scenario.limit, windowMs: 1000 });
		sandbox.admin.faults.add({
			kind: 'latency',
			provider: 'nymcard',
			delayMs: scenario.latencyMs,
			times: 1_000_000_000,
		});
		const started = process.hrtime.bigint();
		const cpuStarted = process.cpuUsage();
		const { nodes } = await runWorkflow({
			nodeTypes: { 'n8n-nodes-bulk-cards.nymCard': new NymCard() },
			credentials: [
				{
					type: new NymCardApi(),
					data: {
						apiKey: 'nymcard-sandbox-key',
						environment: 'custom',
						baseUrl: `${sandbox.url}/nymcard/v1`,
					},
				},
			],
			chain: [
				{
					name: 'Order',
					type: 'n8n-nodes-bulk-cards.nymCard',
					parameters: {
						resource: 'bulkIssuance',
						operation: 'create',
						cardProductId: 'f4947edd-0dc1-4d60-af5a-f0dcb01d141c',
						numberOfCards: scenario.cards,
						orderReference: `BENCH-${Date.now()}`,
						submitAfterCreate: true,
						options: {
							maxConcurrency: scenario.maxConcurrency,
							requestsPerSecond: scenario.told ? scenario.limit : 0,
						},
					},
					credentials: { nymCardApi: { id: 'bench', name: 'NymCard sandbox' } },
				},
			],
		});
		const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
		const cpu = process.cpuUsage(cpuStarted);
		const order = nodes.Order;
		if (order.error) throw new Error(`the order failed: ${order.error.message}`);
		const counters = sandbox.admin.counters().nymcard as Record<string, number>;
		const chunks = Math.ceil(scenario.cards / 5000);
		const calls = chunks * 2;
		const bound = Math.max(
			calls / scenario.limit,
			(calls * scenario.latencyMs) / 1000 / scenario.maxConcurrency,
		);
		const outcomes = order.items.map((item) => item.json);
		console.log(
			JSON.stringify({
				...scenario,
				calls,
				requests: counters.requests,
				answered429: counters.rateLimited,
				retries: counters.requests - calls,
				wallSeconds: round(wallSeconds),
				boundSeconds: round(bound),
				ratio: round(wallSeconds / bound),
				cardsCreated: counters.cardsCreated,
				bulksSubmitted: counters.bulksSubmitted,
				allCreatedAndSubmitted:
					outcomes.length === chunks &&
					outcomes.every((item) => item.outcome === 'created' && item.submitted === true),
				cpuSeconds: round((cpu.user + cpu.system) / 1e6),
				peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
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
