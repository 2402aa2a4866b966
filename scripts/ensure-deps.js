#!/usr/bin/env node
'use strict';
// Makes sure node_modules matches package-lock.json before a command that needs it (npm test,
// npm start, …), so that the README's two lines work on a bare clone. Needs nothing installed.
//
// Quick when current: a stamp in node_modules holds the hash of the package-lock.json it was
// installed from. Without a stamp (installed by hand) or with an old one (a developer's
// `npm install x` changed the lock and node_modules together), npm's own record of what it
// installed (node_modules/.package-lock.json) is compared package by package with the lock;
// only a real difference, or no node_modules at all, runs `npm ci`. `npm ci` deletes
// node_modules first, so an interrupted install leaves no stamp and is redone next time.
//
// Wired in package.json as `node scripts/ensure-deps.js && …` rather than as pre-scripts: the
// project's .npmrc sets ignore-scripts (see README), and npm then skips pre- and post-scripts.

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const LOCK = path.join(ROOT, 'package-lock.json');
const MODULES = path.join(ROOT, 'node_modules');
const STAMP = path.join(MODULES, '.bulk-cards-lock-hash');
const INSTALLED = path.join(MODULES, '.package-lock.json');

function lockHash() {
	return crypto.createHash('sha256').update(fs.readFileSync(LOCK)).digest('hex');
}

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

/** Why node_modules does not match the lock, or undefined when it does. */
function mismatch() {
	if (!fs.existsSync(MODULES)) return 'node_modules is missing';
	const installed = readJson(INSTALLED);
	if (!installed || !installed.packages) return 'node_modules has no record of an npm install';
	const wanted = readJson(LOCK).packages || {};
	for (const [location, entry] of Object.entries(wanted)) {
		if (location === '' || entry.link) continue;
		const have = installed.packages[location];
		// Optional packages for other platforms are left out by npm on purpose.
		if (!have) {
			if (entry.optional) continue;
			return `${location.replace(/^node_modules\//, '')} is not installed`;
		}
		if (have.version !== entry.version) {
			return `${location.replace(/^node_modules\//, '')} is ${have.version}, the lock wants ${entry.version}`;
		}
	}
	return undefined;
}

function main() {
	const hash = lockHash();
	if (fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8').trim() === hash) return;
	const reason = mismatch();
	if (reason === undefined) {
		fs.writeFileSync(STAMP, `${hash}\n`);
		return;
	}
	console.log(`[bulk-cards] installing dependencies with npm ci (${reason}; about a minute)`);
	const npmCli = process.env.npm_execpath;
	const [command, args] =
		npmCli && /npm-cli\.js$/.test(npmCli)
			? [process.execPath, [npmCli, 'ci', '--no-audit', '--no-fund']]
			: ['npm', ['ci', '--no-audit', '--no-fund']];
	const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
	if (result.status !== 0) {
		console.error(
			`[bulk-cards] npm ci failed (${result.error ? result.error.message : `exit ${result.status}`}); ` +
				'fix the problem above and run the command again',
		);
		process.exit(result.status || 1);
	}
	fs.writeFileSync(STAMP, `${hash}\n`);
	console.log('[bulk-cards] dependencies installed');
}

main();
