// Prints the tables of the reliability suite when `npm run test:faults` ends: the fault matrix
// and the counts of the bad-input, secrets and trigger tests, as the test files left them in
// their results folder (see results.ts; the same folder name is derived here).
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

function resultsDir(rootDir) {
	const hash = crypto.createHash('sha256').update(rootDir).digest('hex').slice(0, 10);
	return path.join(os.tmpdir(), `bulk-cards-faults-${hash}`);
}

const MATRIX_COLUMNS = [
	['provider', 'provider'],
	['scenario', 'fault'],
	['requested', 'requested'],
	['created', 'created'],
	['unknown', 'unknown'],
	['failed', 'failed'],
	['atSandbox', 'at sandbox'],
	['duplicates', 'dupes'],
	['requests', 'requests'],
	['faults', 'faults'],
	['maxAttempts', 'max tries/call'],
	['seconds', 's'],
	['result', 'result'],
];

function table(title, columns, rows) {
	const cells = rows.map((row) =>
		columns.map(([key]) => {
			const value = row[key];
			if (value === undefined || value === null) return '';
			return typeof value === 'number' && !Number.isInteger(value)
				? value.toFixed(1)
				: String(value);
		}),
	);
	const widths = columns.map(([, name], index) =>
		Math.max(name.length, ...cells.map((row) => row[index].length)),
	);
	const line = (values) =>
		`| ${values.map((value, index) => value.padEnd(widths[index])).join(' | ')} |`;
	return [
		title,
		line(columns.map(([, name]) => name)),
		line(widths.map((width) => '-'.repeat(width))),
		...cells.map(line),
	].join('\n');
}

class FaultsReporter {
	constructor(globalConfig) {
		this.dir = resultsDir(globalConfig.rootDir);
	}

	onRunStart() {
		fs.rmSync(this.dir, { recursive: true, force: true });
	}

	onRunComplete() {
		if (!fs.existsSync(this.dir)) return;
		const read = (prefix) =>
			fs
				.readdirSync(this.dir)
				.filter((name) => name.startsWith(prefix) && name.endsWith('.json'))
				.sort()
				.flatMap((name) => JSON.parse(fs.readFileSync(path.join(this.dir, name), 'utf8')));
		const order = ['nymcard', 'qonto', 'paysafe', 'dintero'];
		const matrix = read('matrix-').sort(
			(a, b) => order.indexOf(a.provider) - order.indexOf(b.provider),
		);
		const badInput = read('bad-input');
		const trigger = read('trigger');
		const scale = process.env.FAULTS_SCALE === 'full' ? 'full' : 'CI';
		const out = [`\nReliability suite (FAULTS_SCALE=${scale})\n`];
		if (matrix.length > 0) out.push(table('Fault matrix', MATRIX_COLUMNS, matrix), '');
		if (badInput.length > 0) {
			out.push(
				table(
					'Bad input (fast-check)',
					[
						['node', 'node'],
						['operation', 'operation'],
						['cases', 'cases'],
						['refused', 'refused (node error)'],
						['accepted', 'accepted'],
						['requestsForInvalid', 'requests for invalid'],
						['seconds', 's'],
						['result', 'result'],
					],
					badInput,
				),
				'',
			);
		}
		if (trigger.length > 0) {
			out.push(
				table(
					'Trigger',
					[
						['provider', 'provider'],
						['scenario', 'scenario'],
						['changes', 'changes'],
						['emitted', 'emitted'],
						['result', 'result'],
					],
					trigger,
				),
				'',
			);
		}
		process.stdout.write(`${out.join('\n')}\n`);
	}
}

module.exports = FaultsReporter;
