#!/usr/bin/env node
'use strict';
// npm run bench — figures, never pass/fail. Builds the dev TypeScript (tsc -p tsconfig.dev.json),
// then runs each scenario of bench/nymcardOrder.ts in a process of its own (so each peak RSS is
// its own), prints a table and writes bench/results.json.
//
//   npm run bench                         1,000,000 cards; limits 5 and 20 req/s; told and not told
//   npm run bench -- --cards 200000       a smaller order (faster)
//   npm run bench -- --limits 20 --modes auto
// Machine, Node version and date are recorded with the figures.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');

function option(name, fallback) {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : fallback;
}

function main() {
	const cards = Number(option('cards', '1000000'));
	const limits = option('limits', '5,20').split(',').map(Number);
	const modes = option('modes', 'told,auto').split(',');
	const latency = Number(option('latency', '50'));

	console.log('[bench] building (tsc -p tsconfig.dev.json)');
	const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.dev.json'], {
		cwd: ROOT,
		stdio: 'inherit',
	});
	if (tsc.status !== 0) process.exit(tsc.status || 1);

	const results = [];
	for (const limit of limits) {
		for (const mode of modes) {
			const args = ['--cards', String(cards), '--limit', String(limit), '--latency', String(latency)];
			if (mode === 'told') args.push('--told');
			console.log(`[bench] ${cards.toLocaleString('en')} cards, provider limit ${limit}/s, rate ${mode === 'told' ? 'told' : 'not told (automatic)'} …`);
			const run = spawnSync(process.execPath, [path.join(ROOT, '.dev-dist', 'bench', 'nymcardOrder.js'), ...args], {
				cwd: ROOT,
				encoding: 'utf8',
				maxBuffer: 16 * 1024 * 1024,
			});
			if (run.status !== 0) {
				console.error(run.stderr || run.stdout);
				process.exit(run.status || 1);
			}
			results.push(JSON.parse(run.stdout.trim().split('\n').pop()));
		}
	}

	const header = ['limit/s', 'rate', 'calls', 'requests', '429s', 'retries', 'wall s', 'bound s', 'ratio', 'peak RSS MB', 'ok'];
	const rows = results.map((r) => [
		r.limit,
		r.told ? 'told' : 'auto',
		r.calls,
		r.requests,
		`${r.answered429} (${((100 * r.answered429) / r.requests).toFixed(1)} %)`,
		r.retries,
		r.wallSeconds,
		r.boundSeconds,
		`${r.ratio}×`,
		r.peakRssMb,
		r.allCreatedAndSubmitted && r.cardsCreated === r.cards ? 'yes' : 'NO',
	]);
	const widths = header.map((h, i) => Math.max(String(h).length, ...rows.map((row) => String(row[i]).length)));
	const line = (cells) => cells.map((cell, i) => String(cell).padStart(widths[i])).join('  ');
	console.log(`\nNymCard Create + Submit, ${cards.toLocaleString('en')} cards, ${latency} ms latency, bound = max(calls / limit, calls × latency / concurrency)`);
	console.log(line(header));
	for (const row of rows) console.log(line(row));

	const machine = {
		cpus: os.cpus().length,
		cpuModel: os.cpus()[0] && os.cpus()[0].model,
		memoryGiB: Math.round(os.totalmem() / 2 ** 30),
		node: process.version,
		platform: `${process.platform}-${process.arch}`,
	};
	const file = path.join(ROOT, 'bench', 'results.json');
	fs.writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), machine, results }, null, 2)}\n`);
	console.log(`\n[bench] written to ${path.relative(ROOT, file)}`);
}

main();
