'use strict';
// Small console helpers shared by the dev scripts: prefixed lines and timed steps.

const PREFIX = '[bulk-cards]';
const timings = [];

function log(...args) {
	console.log(PREFIX, ...args);
}

function warn(...args) {
	console.warn(PREFIX, 'WARNING:', ...args);
}

function fmtSeconds(ms) {
	return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Runs `fn` as a named step: prints a start line, an end line with its duration, and records the
 * duration for printTimings(). A failing step is recorded too and its error re-thrown.
 */
async function step(name, fn) {
	const started = Date.now();
	log(`> ${name}`);
	try {
		const result = await fn();
		const ms = Date.now() - started;
		timings.push({ name, started, ms, ok: true });
		log(`✓ ${name} (${fmtSeconds(ms)})`);
		return result;
	} catch (error) {
		const ms = Date.now() - started;
		timings.push({ name, started, ms, ok: false });
		log(`✗ ${name} failed after ${fmtSeconds(ms)}`);
		throw error;
	}
}

function printTimings(title = 'Timings') {
	if (timings.length === 0) return;
	const width = Math.max(...timings.map((t) => t.name.length));
	log(`${title}:`);
	for (const t of timings) {
		console.log(`  ${t.name.padEnd(width)}  ${fmtSeconds(t.ms).padStart(8)}${t.ok ? '' : '  (failed)'}`);
	}
	// Wall clock, not a sum: some steps run side by side.
	const first = Math.min(...timings.map((t) => t.started));
	const last = Math.max(...timings.map((t) => t.started + t.ms));
	console.log(`  ${'total'.padEnd(width)}  ${fmtSeconds(last - first).padStart(8)}`);
}

/** The last `n` lines of a text (a child's output in an error). */
function tail(text, n = 40) {
	return text.split('\n').slice(-n).join('\n');
}

/**
 * Prints a table under `title`: columns as wide as their widest cell, numbers right-aligned when
 * `align` is 'right' (the default 'left' suits text).
 */
function printTable(title, header, rows, { align = 'left' } = {}) {
	const widths = header.map((h, i) => Math.max(String(h).length, ...rows.map((row) => String(row[i]).length)));
	const pad = (cell, i) => (align === 'right' ? String(cell).padStart(widths[i]) : String(cell).padEnd(widths[i]));
	const line = (cells) => cells.map(pad).join('  ');
	console.log(`\n${title}`);
	console.log(line(header));
	for (const row of rows) console.log(line(row));
}

module.exports = { log, warn, step, printTimings, fmtSeconds, timings, tail, printTable };
