'use strict';
// The end of a test run that started services (scripts/e2e.js, scripts/queue.js): everything
// stopped and checked gone, the run's folder removed, the failures listed and the exit code set.

const fs = require('node:fs');

const { log } = require('./log');
const { stopAll, aliveGroups } = require('./proc');

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

module.exports = { tearDown, reportOutcome, runMain };
