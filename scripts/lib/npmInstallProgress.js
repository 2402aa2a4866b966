'use strict';
// How far a long `npm install` has got, read from what it leaves behind. npm works in two parts:
// it first fetches the manifest of every package in the tree (one `http fetch GET` line each in a
// log written at --loglevel=http), then unpacks the packages. It creates every package folder at
// once before it unpacks any, so a package counts as unpacked only when its package.json is there.

const fs = require('node:fs');
const path = require('node:path');

const { duration, timeLeft } = require('./progress');

/** Manifests fetched so far: the log's fetch lines that are not tarballs. */
function fetchedManifests(logFile) {
	let text;
	try {
		text = fs.readFileSync(logFile, 'utf8');
	} catch {
		return 0;
	}
	return (text.match(/^npm http fetch GET \d+ \S+/gm) || []).filter((line) => !line.endsWith('.tgz')).length;
}

/** Top-level packages (scoped ones counted singly) unpacked into `modulesDir` so far. */
function unpackedPackages(modulesDir) {
	const folders = [];
	try {
		for (const entry of fs.readdirSync(modulesDir)) {
			if (entry.startsWith('.')) continue;
			if (!entry.startsWith('@')) folders.push(entry);
			else for (const name of fs.readdirSync(path.join(modulesDir, entry))) folders.push(path.join(entry, name));
		}
	} catch {
		/* not created yet */
	}
	return folders.filter((folder) => fs.existsSync(path.join(modulesDir, folder, 'package.json'))).length;
}

/**
 * A heartbeat for proc.run() of `npm install --loglevel=http` writing to `logFile`. While resolving,
 * the time left is extrapolated from the pace of manifests, plus the usual unpacking time; while
 * unpacking, it is the usual unpacking time less the time spent (a few large packages come last,
 * so a count of packages would promise too early an end).
 * expected: { manifests, packages }; typicalMs: { unpack }.
 */
function npmInstallHeartbeat({ what, logFile, modulesDir, expected, typicalMs, everyMs = 10000 }) {
	let resolvingUntil = 0; // elapsed ms at the last line that found nothing unpacked
	return {
		everyMs,
		message(elapsedMs) {
			const head = `… ${what}: ${duration(elapsedMs)} so far`;
			const unpacked = unpackedPackages(modulesDir);
			if (unpacked === 0) {
				resolvingUntil = elapsedMs;
				const manifests = fetchedManifests(logFile);
				const fraction = Math.min(0.99, manifests / expected.manifests);
				const resolveLeftMs = manifests > 0 ? (elapsedMs * (1 - fraction)) / fraction : undefined;
				const left = resolveLeftMs === undefined ? 'starting' : timeLeft(resolveLeftMs + typicalMs.unpack);
				return `${head}, resolving the dependency tree: ${manifests} of about ${expected.manifests} package manifests fetched, ${left}`;
			}
			const unpackLeft = timeLeft(typicalMs.unpack - (elapsedMs - resolvingUntil));
			return `${head}, unpacking: ${unpacked} of about ${expected.packages} packages, ${unpackLeft}`;
		},
	};
}

module.exports = { fetchedManifests, unpackedPackages, npmInstallHeartbeat };
