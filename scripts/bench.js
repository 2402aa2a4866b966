#!/usr/bin/env node
'use strict';
// npm run bench — figures, never pass/fail. Builds the dev TypeScript (tsc -p tsconfig.dev.json),
// then runs each scenario in a process of its own (so each peak RSS and CPU time is its own; the
// sandbox runs in a child process of each), prints the tables and writes bench/results.json.
//
//   Orders (bench/order.ts): per provider, 100,000 cards against the sandbox with 50 ms latency per
//   request and a provider rate limit (each provider's own, see bench/providers.ts), with the rate
//   told to the node and not told (automatic pacing).
//   Trigger (bench/poll.ts): per provider, one poll over 10,000 watched cards.
//
//   npm run bench                                   the default run (about 15 minutes on 2 cores)
//   npm run bench -- --providers qonto,dintero      some providers only
//   npm run bench -- --cards 20000                  a smaller order (faster)
//   npm run bench -- --limits 5,20 --modes auto     these limits for every provider; one mode
//   npm run bench -- --providers nymcard --cards 1000000 --limits 5,20 --parts order
//                                                   the NymCard 1,000,000-card figures of BENCHMARKS.md
//   --latency MS (50), --poll-cards N (10000), --parts order,poll
//   npm run bench -- --parts handbuilt              the same order in a real n8n 2.41, this package's
//                                                   node beside the workflow a careful user builds from
//                                                   core nodes, with and without a dropped connection
//                                                   (bench/handbuilt/run.js; its options pass through:
//                                                   --providers, --nymcard-cards, --qonto-cards,
//                                                   --paysafe-cards, --dintero-cards, --ways,
//                                                   --scenarios, --latency, --sandbox-port, --no-build)
// Machine, Node version and date are recorded with the figures.

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { describeMachine } = require('./lib/machine');
const { printTable } = require('./lib/log');

const ROOT = path.resolve(__dirname, '..');
const ALL_PROVIDERS = ['nymcard', 'qonto', 'paysafe', 'dintero'];
const list = (text) => text.split(',').filter(Boolean);

function option(name, fallback) {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : fallback;
}

/** Runs one scenario script in a process of its own; answers its last stdout line, parsed. */
function scenario(script, args, what) {
	console.log(`[bench] ${what} …`);
	// --expose-gc: only for one full collection after the order, to report what it still holds.
	const run = spawnSync(
		process.execPath,
		['--expose-gc', path.join(ROOT, '.dev-dist', 'bench', script), ...args],
		{
			cwd: ROOT,
			encoding: 'utf8',
			maxBuffer: 16 * 1024 * 1024,
		},
	);
	if (run.status !== 0) {
		console.error(run.stderr || run.stdout);
		process.exit(run.status || 1);
	}
	return JSON.parse(run.stdout.trim().split('\n').pop());
}

function percent(part, whole) {
	return `${((100 * part) / Math.max(1, whole)).toFixed(1)} %`;
}

function main() {
	const providers = list(option('providers', ALL_PROVIDERS.join(',')));
	const cards = Number(option('cards', '100000'));
	const limits = option('limits', '');
	const modes = list(option('modes', 'told,auto'));
	const latency = Number(option('latency', '50'));
	const pollCards = Number(option('poll-cards', '10000'));
	const parts = list(option('parts', 'order,poll'));
	if (parts.includes('handbuilt')) {
		// Its own runner: builds, installs this package into the cached n8n, runs `n8n execute`.
		const rest = process.argv
			.slice(2)
			.filter((arg, index, all) => arg !== '--parts' && all[index - 1] !== '--parts');
		const handbuilt = spawnSync(
			process.execPath,
			[path.join(ROOT, 'bench', 'handbuilt', 'run.js'), ...rest],
			{
				cwd: ROOT,
				stdio: 'inherit',
			},
		);
		if (handbuilt.status !== 0) process.exit(handbuilt.status || 1);
		if (parts.length === 1) return;
	}

	console.log('[bench] building (tsc -p tsconfig.dev.json)');
	const tsc = spawnSync(
		process.execPath,
		[require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.dev.json'],
		{
			cwd: ROOT,
			stdio: 'inherit',
		},
	);
	if (tsc.status !== 0) process.exit(tsc.status || 1);

	const orders = [];
	const polls = [];
	for (const provider of providers) {
		if (!parts.includes('order')) break;
		// No --limit: the provider's own limit (bench/providers.ts).
		for (const limit of limits ? list(limits) : [undefined]) {
			for (const mode of modes) {
				const args = [
					'--provider',
					provider,
					'--cards',
					String(cards),
					'--latency',
					String(latency),
				];
				if (limit !== undefined) args.push('--limit', limit);
				if (mode === 'told') args.push('--told');
				const what = `${provider}: ${cards.toLocaleString('en')} cards, limit ${limit ?? 'default'}/s, rate ${mode === 'told' ? 'told' : 'not told (automatic)'}`;
				orders.push(scenario('order.js', args, what));
			}
		}
	}
	for (const provider of providers) {
		if (!parts.includes('poll')) continue;
		const args = [
			'--provider',
			provider,
			'--cards',
			String(pollCards),
			'--latency',
			String(latency),
		];
		polls.push(
			scenario(
				'poll.js',
				args,
				`${provider}: trigger poll over ${pollCards.toLocaleString('en')} cards`,
			),
		);
	}

	if (orders.length > 0) {
		printTable(
			`Orders, ${latency} ms latency, Max Concurrency 2; bound = max(calls / limit, calls × latency / concurrency); 429s as a share of calls`,
			[
				'provider',
				'calls made of',
				'limit/s',
				'rate',
				'calls',
				'requests',
				'429s',
				'retries',
				'wall s',
				'bound s',
				'ratio',
				'CPU s',
				'peak RSS MB',
				'heap after MB',
				'every card created once',
			],
			orders.map((r) => [
				r.provider,
				r.shape,
				r.limit,
				r.told ? 'told' : 'auto',
				r.calls,
				r.requests,
				`${r.answered429} (${percent(r.answered429, r.calls)})`,
				r.retries,
				r.wallSeconds,
				r.boundSeconds,
				`${r.ratio}×`,
				r.cpuSeconds,
				r.peakRssMb,
				r.liveHeapMb ?? '–',
				r.everyCardOnce ? 'yes' : `NO (${r.cardsCreated} created, ${r.duplicates} duplicates)`,
			]),
			{ align: 'right' },
		);
	}
	if (polls.length > 0) {
		printTable(
			`Bulk Card Trigger, one poll over ${pollCards.toLocaleString('en')} watched cards, ${latency} ms latency (first poll: baseline; next: nothing changed)`,
			[
				'provider',
				'watched',
				'requests (first / next)',
				'CPU ms (first / next)',
				'wall s (first / next)',
				'state bytes / card',
			],
			polls.map((r) => [
				r.provider,
				r.watched,
				`${r.baseline.requests} / ${r.steady.requests}`,
				`${r.baseline.cpuMs} / ${r.steady.cpuMs}`,
				`${r.baseline.wallSeconds} / ${r.steady.wallSeconds}`,
				r.bytesPerCard,
			]),
			{ align: 'right' },
		);
	}

	const machine = describeMachine();
	const file = path.join(ROOT, 'bench', 'results.json');
	fs.writeFileSync(
		file,
		`${JSON.stringify({ date: new Date().toISOString(), machine, orders, polls }, null, 2)}\n`,
	);
	console.log(`\n[bench] written to ${path.relative(ROOT, file)}`);
}

main();
