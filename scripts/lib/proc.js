'use strict';
// Child-process plumbing for the dev scripts: run a command to completion, start long-lived
// services in their own process group, stop them (and everything they spawned), free ports,
// and wait for HTTP endpoints. Node built-ins only.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const { log } = require('./log');

/** Services started with startService() that are still running: pid -> { child, name }. */
const services = new Map();

/**
 * Runs `cmd args` to completion. Resolves { code, signal, stdout, stderr } (stdout/stderr are
 * captured unless `inherit`), rejects on a non-zero exit unless `allowFailure`.
 * Options: cwd, env, inherit (stream to this terminal), logFile (append both streams),
 * heartbeat: { everyMs, message(elapsedMs) } for long silent commands, timeoutMs, input,
 * user ({ uid, gid }: run as that user, e.g. PostgreSQL, which refuses to run as root).
 */
function run(cmd, args, opts = {}) {
	const { cwd, env, inherit = false, logFile, heartbeat, timeoutMs, allowFailure = false, input, user } = opts;
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const child = spawn(cmd, args, {
			cwd,
			env: env || process.env,
			...user,
			stdio: [input === undefined ? 'ignore' : 'pipe', inherit ? 'inherit' : 'pipe', inherit ? 'inherit' : 'pipe'],
			detached: true, // own process group, so a timeout can kill the whole tree
		});
		const out = [];
		const err = [];
		const logStream = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : null;
		if (child.stdout) {
			child.stdout.on('data', (d) => {
				out.push(d);
				if (logStream) logStream.write(d);
			});
		}
		if (child.stderr) {
			child.stderr.on('data', (d) => {
				err.push(d);
				if (logStream) logStream.write(d);
			});
		}
		if (input !== undefined) child.stdin.end(input);
		// While running, a Ctrl-C of the parent must take the command down too.
		services.set(child.pid, { child, name: `${cmd} ${args[0] || ''}`.trim(), transient: true });
		const timers = [];
		if (heartbeat) {
			timers.push(setInterval(() => log(heartbeat.message(Date.now() - started)), heartbeat.everyMs));
		}
		let timedOut = false;
		if (timeoutMs) {
			timers.push(
				setTimeout(() => {
					timedOut = true;
					killGroup(child.pid, 'SIGKILL');
				}, timeoutMs),
			);
		}
		child.on('error', (e) => {
			timers.forEach((t) => clearInterval(t));
			services.delete(child.pid);
			reject(e);
		});
		child.on('close', (code, signal) => {
			timers.forEach((t) => clearInterval(t));
			services.delete(child.pid);
			const result = {
				code,
				signal,
				stdout: Buffer.concat(out).toString('utf8'),
				stderr: Buffer.concat(err).toString('utf8'),
				ms: Date.now() - started,
			};
			const finish = () => {
				if ((code === 0 && !timedOut) || allowFailure) return resolve(result);
				const why = timedOut ? `timed out after ${timeoutMs} ms` : `exited with ${code ?? signal}`;
				const e = new Error(`${cmd} ${args.join(' ')} ${why}`);
				e.result = result;
				reject(e);
			};
			if (logStream) logStream.end(`\nexit ${code ?? signal}\n`, finish);
			else finish();
		});
	});
}

/**
 * Starts a long-lived service in its own process group and remembers it for stopAll().
 * `onLine(line, stream)` sees every output line; `logFile` receives all output; `user` ({ uid, gid })
 * runs it as that user; `stopSignal` is what stopService() sends first (default SIGTERM).
 * Returns { child, name, exited: Promise<{code, signal}> }.
 */
function startService(name, cmd, args, opts = {}) {
	const { cwd, env, logFile, onLine, echo = false, user, stopSignal = 'SIGTERM' } = opts;
	const child = spawn(cmd, args, {
		cwd,
		env: env || process.env,
		...user,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	const logStream = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : null;
	for (const [stream, label] of [
		[child.stdout, 'stdout'],
		[child.stderr, 'stderr'],
	]) {
		let buf = '';
		stream.on('data', (d) => {
			if (logStream) logStream.write(d);
			if (echo) process.stdout.write(d);
			buf += d.toString('utf8');
			let i;
			while ((i = buf.indexOf('\n')) >= 0) {
				const line = buf.slice(0, i).replace(/\r$/, '');
				buf = buf.slice(i + 1);
				if (onLine) onLine(line, label);
			}
		});
	}
	const exited = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			services.delete(child.pid);
			if (logStream) logStream.end();
			resolve({ code, signal });
		});
		child.on('error', (error) => {
			services.delete(child.pid);
			resolve({ code: null, signal: null, error });
		});
	});
	services.set(child.pid, { child, name, exited, stopSignal });
	return { child, name, exited, pid: child.pid, stopSignal };
}

function groupAlive(pid) {
	try {
		process.kill(-pid, 0);
		return true;
	} catch {
		return false;
	}
}

function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
		return true;
	} catch {
		return false;
	}
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Stops a service started with startService(): its stop signal (SIGTERM unless it chose another) to its main process (so it can shut down
 * gracefully and stop its own children), then after `graceMs` SIGTERM/SIGKILL to its whole process
 * group so nothing it spawned survives.
 */
async function stopService(svc, { graceMs = 12000 } = {}) {
	const pid = svc.pid || svc.child.pid;
	if (!pid) return;
	const exited = svc.exited || new Promise((r) => svc.child.once('exit', r));
	if (svc.child.exitCode === null && svc.child.signalCode === null) {
		try {
			process.kill(pid, svc.stopSignal || 'SIGTERM');
		} catch {
			/* already gone */
		}
		let timer;
		await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, graceMs)))]);
		clearTimeout(timer);
	}
	if (groupAlive(pid)) {
		killGroup(pid, 'SIGTERM');
		for (let i = 0; i < 20 && groupAlive(pid); i++) await sleep(100);
		if (groupAlive(pid)) killGroup(pid, 'SIGKILL');
		for (let i = 0; i < 20 && groupAlive(pid); i++) await sleep(100);
	}
	services.delete(pid);
}

/** Stops every service (and running command) this process started, newest first. */
async function stopAll(opts) {
	const list = [...services.entries()].reverse();
	await Promise.all(
		list.map(async ([pid, s]) => {
			if (s.transient) {
				killGroup(pid, 'SIGTERM');
				await sleep(300);
				killGroup(pid, 'SIGKILL');
				services.delete(pid);
				return;
			}
			log(`stopping ${s.name} (pid ${pid})`);
			await stopService({ ...s, pid }, { graceMs: s.graceMs || 12000, ...opts });
		}),
	);
}

/** pids of process groups started by this process that are still alive (for orphan checks). */
function aliveGroups() {
	return [...services.keys()].filter(groupAlive);
}

let cleanupInstalled = false;
let shuttingDown = false;
/** True once a signal (or an explicit cleanup) started stopping the children. */
function isShuttingDown() {
	return shuttingDown;
}
/**
 * Installs SIGINT/SIGTERM/SIGHUP handlers that run `cleanup()` once (default: stopAll) and exit,
 * plus an uncaught-error handler that does the same. Returns a function for explicit cleanup.
 */
function installCleanup(cleanup = () => stopAll()) {
	let running = null;
	const once = () => {
		shuttingDown = true;
		if (!running) running = Promise.resolve().then(cleanup).catch((e) => console.error(e));
		return running;
	};
	if (!cleanupInstalled) {
		cleanupInstalled = true;
		for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
			process.on(sig, () => {
				log(`${sig} received, stopping child processes…`);
				once().then(() => process.exit(sig === 'SIGINT' ? 130 : 143));
			});
		}
		process.on('exit', () => {
			// Last resort (synchronous): kill whatever is still registered.
			for (const pid of services.keys()) killGroup(pid, 'SIGKILL');
		});
	}
	return once;
}

/** A free TCP port on 127.0.0.1 (the OS picks it). */
function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/** Resolves true when something accepts TCP connections on 127.0.0.1:port. */
function portInUse(port) {
	return new Promise((resolve) => {
		const sock = net.connect({ host: '127.0.0.1', port });
		sock.once('connect', () => {
			sock.destroy();
			resolve(true);
		});
		sock.once('error', () => resolve(false));
	});
}

function httpGet(url, timeoutMs = 2000) {
	return new Promise((resolve) => {
		const req = http.get(url, { timeout: timeoutMs }, (res) => {
			let body = '';
			res.on('data', (d) => (body += d));
			res.on('end', () => resolve({ status: res.statusCode, body }));
		});
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', () => resolve({ status: 0, body: '' }));
	});
}

/**
 * Polls `url` until it answers with a 2xx status. Fails early if `exited` (a service's exit
 * promise) settles first, and after `timeoutMs`.
 */
async function waitForHttp(url, { timeoutMs = 120000, intervalMs = 250, exited, name = url } = {}) {
	const deadline = Date.now() + timeoutMs;
	let gone = null;
	if (exited) exited.then((r) => (gone = r));
	while (Date.now() < deadline) {
		if (gone) throw new Error(`${name} exited (${gone.code ?? gone.signal}) before ${url} answered`);
		const r = await httpGet(url);
		if (r.status >= 200 && r.status < 300) return r;
		await sleep(intervalMs);
	}
	throw new Error(`${name}: ${url} did not answer within ${timeoutMs} ms`);
}

module.exports = {
	run,
	startService,
	stopService,
	stopAll,
	aliveGroups,
	installCleanup,
	isShuttingDown,
	freePort,
	portInUse,
	waitForHttp,
	httpGet,
	sleep,
	killGroup,
	groupAlive,
};
