'use strict';
// A test run that starts services (scripts/e2e.js, scripts/queue.js): at its start an empty
// artifacts folder and a temporary folder, both cleaned up on Ctrl-C; at its end everything
// stopped and checked gone, the temporary folder removed, the failures listed, the exit code set.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { log } = require('./log');
const { stopAll, aliveGroups, installCleanup } = require('./proc');

/**
 * Empties `artifacts`, makes a temporary folder named `<tempPrefix>…` and, on Ctrl-C, stops every
 * child and removes that folder (unless `keep`). Answers the temporary folder.
 */
function startRun({ artifacts, tempPrefix, keep }) {
	fs.rmSync(artifacts, { recursive: true, force: true });
	fs.mkdirSync(artifacts, { recursive: true });
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), tempPrefix));
	installCleanup(async () => {
		await stopAll();
		if (!keep) fs.rmSync(folder, { recursive: true, force: true });
	});
	return folder;
}

/** Stops every child left, adds a failure for any process group still alive, removes `folder` unless `keep`. */
async function tearDown({ failures, folder, keep }) {
	await stopAll();
	const left = aliveGroups();
	if (left.length) failures.push(`child process groups still alive after cleanup: ${left.join(', ')}`);
	if (keep) log(`kept ${folder}`);
	else fs.rmSync(folder, { recursive: true, force: true });
}

/** Prints "<name> PASSED", or "<name> FAILED" with each failure and exit code 1. */
function reportOutcome(name, failures) {
	if (failures.length) {
		console.error(`\n[bulk-cards] ${name} FAILED (${failures.length}):`);
		for (const f of failures) console.error(`  - ${f.split('\n').join('\n    ')}`);
		process.exitCode = 1;
	} else {
		log(`${name} PASSED`);
	}
}

/** Runs `main`; a crash is printed, the children stopped, and the process exits 1. */
function runMain(name, main) {
	main().catch(async (e) => {
		console.error(`[bulk-cards] ${name} crashed: ${e.stack || e.message}`);
		await stopAll().catch(() => {});
		process.exit(1);
	});
}

module.exports = { startRun, tearDown, reportOutcome, runMain };
