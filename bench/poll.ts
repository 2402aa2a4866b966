/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- development-only benchmark: reads process CPU time and prints its figures, never published */
/**
 * One trigger scenario, in a process of its own: the Bulk Card Trigger watches `cards` cards of
 * one provider (seeded at the sandbox, which runs in a child process so that the CPU time is the
 * trigger's), polled through n8n-core's real PollContext. The first poll records the baseline,
 * the second is a steady poll with nothing changed. Prints one JSON line: requests, CPU time and
 * wall time of each poll, and the bytes of state n8n stores per watched card.
 *
 *   node .dev-dist/bench/poll.js --provider qonto --cards 10000 [--latency 50]
 */
import type { Sandbox } from '../sandbox/server';
import { stateBytes, watchState } from '../test/trigger/helpers';
import { counters, providerOf } from './providers';
import { startSandboxProcess } from './sandboxProcess';

async function main(): Promise<void> {
	process.env.N8N_LOG_LEVEL = 'silent';
	const argv = process.argv.slice(2);
	const text = (name: string) => {
		const index = argv.indexOf(`--${name}`);
		return index >= 0 ? argv[index + 1] : undefined;
	};
	const provider = providerOf(text('provider') ?? 'nymcard');
	const cards = Number(text('cards') ?? 10_000);
	const latencyMs = Number(text('latency') ?? 50);
	if (!provider.watch) throw new Error(`${provider.label} has no trigger part`);
	const sandbox = await startSandboxProcess();
	try {
		const parameters = await provider.watch.seed(sandbox, cards);
		await sandbox.admin('POST', '/faults', {
			kind: 'latency',
			provider: provider.key,
			delayMs: latencyMs,
			times: 1_000_000_000,
		});
		const poller = provider.watch.poller({ url: sandbox.url } as Sandbox, {
			events: ['statusChanged', 'newlySeen'],
			...parameters,
		});
		const poll = async () => {
			const requestsBefore = (await counters(sandbox, provider.key)).requests;
			const started = process.hrtime.bigint();
			const cpuStarted = process.cpuUsage();
			const emitted = await poller.poll();
			const cpu = process.cpuUsage(cpuStarted);
			const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
			return {
				requests: (await counters(sandbox, provider.key)).requests - requestsBefore,
				cpuMs: Math.round((cpu.user + cpu.system) / 1000),
				wallSeconds: Math.round(wallSeconds * 100) / 100,
				emitted: emitted === null ? 0 : emitted[0].length,
			};
		};
		const baseline = await poll();
		const steady = await poll();
		const watched = Object.keys(watchState(poller).w).length;
		const bytes = stateBytes(poller);
		console.log(
			JSON.stringify({
				provider: provider.key,
				cards,
				latencyMs,
				watched,
				baseline,
				steady,
				stateBytes: bytes,
				bytesPerCard: Math.round((bytes / Math.max(1, watched)) * 10) / 10,
			}),
		);
	} finally {
		await sandbox.close();
	}
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
