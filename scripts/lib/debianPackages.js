'use strict';
// Programs that come from Debian's packages (the queue-mode test's Redis and PostgreSQL): found on
// the machine, or installed with apt-get when they are missing and we may (root).

const fs = require('node:fs');

const { log } = require('./log');
const { run } = require('./proc');

/** The first of `candidates` (absolute paths, or a function answering them) that exists. */
function findProgram(candidates) {
	for (const file of typeof candidates === 'function' ? candidates() : candidates) {
		if (fs.existsSync(file)) return file;
	}
	return null;
}

/** How to run apt-get: directly as root, through sudo when it asks no password, else null. */
async function aptGetCommand() {
	if (typeof process.getuid === 'function' && process.getuid() === 0) return { cmd: 'apt-get', prefix: [] };
	const sudo = await run('sudo', ['-n', 'true'], { allowFailure: true, timeoutMs: 10000 }).catch(() => null);
	return sudo && sudo.code === 0 ? { cmd: 'sudo', prefix: ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get'] } : null;
}

/**
 * Makes sure each `{ name, find, pkg }` is installed: `find()` answers its path or null. The missing
 * ones are installed together with `apt-get install -y <pkg…>` (after `apt-get update`) as root or
 * through a password-less sudo; otherwise it fails with the command to run. Returns { name: path }.
 */
async function ensureDebianPrograms(wanted) {
	const missing = wanted.filter((w) => !w.find());
	if (missing.length) {
		const pkgs = [...new Set(missing.map((w) => w.pkg))];
		const apt = await aptGetCommand();
		if (!apt) {
			throw new Error(`${missing.map((w) => w.name).join(' and ')} not found: install them first (as root: apt-get update && apt-get install -y ${pkgs.join(' ')})`);
		}
		log(`installing ${pkgs.join(', ')} from Debian's packages (${missing.map((w) => w.name).join(', ')} missing)`);
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		await run(apt.cmd, [...apt.prefix, 'update', '-qq'], { env, timeoutMs: 600000 });
		await run(apt.cmd, [...apt.prefix, 'install', '-y', '-qq', '--no-install-recommends', ...pkgs], { env, timeoutMs: 900000 });
	}
	const found = {};
	for (const w of wanted) {
		found[w.name] = w.find();
		if (!found[w.name]) throw new Error(`${w.name} is still missing after installing ${w.pkg}`);
	}
	return found;
}

module.exports = { findProgram, ensureDebianPrograms };
