'use strict';
// npm and node-gyp as installed with the npm that runs these scripts.

const fs = require('node:fs');
const path = require('node:path');

/** Absolute path of npm's CLI script (the npm that runs this script, else the one on PATH). */
function npmCliPath() {
	const fromEnv = process.env.npm_execpath;
	if (fromEnv && /npm-cli\.js$/.test(fromEnv) && fs.existsSync(fromEnv)) return fromEnv;
	const candidates = [];
	for (const dir of (process.env.PATH || '').split(path.delimiter)) {
		if (dir) candidates.push(path.join(dir, 'npm'));
	}
	candidates.push(path.join(path.dirname(process.execPath), 'npm'));
	for (const c of candidates) {
		try {
			const real = fs.realpathSync(c);
			if (/npm-cli\.js$/.test(real)) return real;
			const guess = path.join(path.dirname(real), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
			if (fs.existsSync(guess)) return path.resolve(guess);
		} catch {
			/* next */
		}
	}
	throw new Error('Cannot find npm (npm-cli.js). Run this through `npm run …` or put npm on PATH.');
}

/** node-gyp as bundled with npm (used to rebuild sqlite3 for the cached Node). */
function nodeGypPath() {
	const npmRoot = path.resolve(path.dirname(npmCliPath()), '..');
	const p = path.join(npmRoot, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
	if (fs.existsSync(p)) return p;
	throw new Error(`node-gyp not found next to npm (${p})`);
}

/** A module bundled with npm (e.g. semver), so the scripts need no dependency of their own for it. */
function npmModule(name) {
	const npmRoot = path.resolve(path.dirname(npmCliPath()), '..');
	return require(path.join(npmRoot, 'node_modules', name));
}

module.exports = { npmCliPath, nodeGypPath, npmModule };
