'use strict';
// What n8n's queue mode runs on, from Debian's packages, on loopback, with its data in a folder of
// ours: a Redis server (the job queue) and a PostgreSQL server (the database every n8n shares).
// Installed with apt-get when missing (scripts/lib/debianPackages.js).

const fs = require('node:fs');
const path = require('node:path');

const { ensureDebianPrograms, findProgram } = require('./debianPackages');
const { run, startService, stopService, freePort, portInUse, sleep } = require('./proc');

/** PostgreSQL's server programs (Debian keeps them out of PATH, one folder per major version). */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return null;
	const majors = fs
		.readdirSync(root)
		.filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length ? path.join(root, majors[0], 'bin') : null;
}

/** Installs what is missing; answers { redisServer, postgresBin }. */
async function ensureQueuePrograms() {
	const found = await ensureDebianPrograms([
		{ name: 'redis-server', pkg: 'redis-server', find: () => findProgram(['/usr/bin/redis-server', '/usr/local/bin/redis-server']) },
		{ name: 'PostgreSQL', pkg: 'postgresql', find: postgresBinDir },
	]);
	return { redisServer: found['redis-server'], postgresBin: found.PostgreSQL };
}

/** Waits until something listens on 127.0.0.1:port, or the service exits. */
async function waitForPort(port, service, name, timeoutMs = 60000) {
	let gone = null;
	service.exited.then((r) => (gone = r));
	for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
		if (gone) throw new Error(`${name} exited (${gone.code ?? gone.signal}) before it listened on port ${port}`);
		if (await portInUse(port)) return;
		await sleep(200);
	}
	throw new Error(`${name} did not listen on port ${port} within ${timeoutMs / 1000} s`);
}

/** A Redis server on a free loopback port, nothing saved to disk. Answers { host, port, stop() }. */
async function startRedis({ redisServer, dir, logFile }) {
	fs.mkdirSync(dir, { recursive: true });
	const port = await freePort();
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no'];
	const service = startService('redis-server', redisServer, args, { cwd: dir, logFile });
	await waitForPort(port, service, 'redis-server');
	return { host: '127.0.0.1', port, service, stop: () => stopService(service, { graceMs: 5000 }) };
}

/** uid/gid of a system user from /etc/passwd, or null. */
function systemUser(name) {
	const line = fs
		.readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((l) => l.startsWith(`${name}:`));
	if (!line) return null;
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

/**
 * A PostgreSQL server on a free loopback port with a fresh cluster in `dir` (trust authentication,
 * loopback only) and one database. PostgreSQL refuses to run as root: as root, the cluster belongs
 * to the `postgres` user Debian's package creates. Answers { host, port, user, database, stop() }.
 */
async function startPostgres({ postgresBin, dir, logFile, database = 'n8n', user = 'n8n' }) {
	const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	const runAs = asRoot ? systemUser('postgres') : undefined;
	if (asRoot && !runAs) throw new Error('running as root and there is no `postgres` user to run PostgreSQL as');
	fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
	if (runAs) {
		// The cluster's user must reach its folder: every parent up to / must be searchable.
		for (let d = path.dirname(dir); d !== path.dirname(d); d = path.dirname(d)) {
			if ((fs.statSync(d).mode & 0o001) === 0) fs.chmodSync(d, fs.statSync(d).mode | 0o111);
		}
		fs.chownSync(dir, runAs.uid, runAs.gid);
	}
	const dataDir = path.join(dir, 'data');
	await run(path.join(postgresBin, 'initdb'), ['-D', dataDir, '-U', user, '--auth=trust', '--encoding=UTF8', '--locale=C'], {
		user: runAs,
		cwd: dir,
		timeoutMs: 120000,
	});
	const port = await freePort();
	const args = ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dir}`, '-c', 'max_connections=200', '-c', 'fsync=off'];
	// SIGINT is PostgreSQL's "fast" shutdown: it does not wait for clients to disconnect.
	const service = startService('postgres', path.join(postgresBin, 'postgres'), args, { cwd: dir, logFile, user: runAs, stopSignal: 'SIGINT' });
	await waitForPort(port, service, 'postgres');
	await run(path.join(postgresBin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', user, database], { timeoutMs: 60000 });
	return { host: '127.0.0.1', port, user, database, service, stop: () => stopService(service, { graceMs: 10000 }) };
}

/** Runs one SQL statement with psql; answers its rows (tab-separated fields). */
async function psql(postgresBin, db, sql) {
	const r = await run(path.join(postgresBin, 'psql'), ['-h', db.host, '-p', String(db.port), '-U', db.user, '-d', db.database, '-At', '-F', '\t', '-c', sql], { timeoutMs: 60000 });
	return r.stdout
		.split('\n')
		.filter(Boolean)
		.map((line) => line.split('\t'));
}

module.exports = { ensureQueuePrograms, startRedis, startPostgres, psql };
