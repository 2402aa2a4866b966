'use strict';
// n8n in queue mode on loopback: one main (editor, API, webhooks, triggers; it enqueues every
// production execution in Redis) and workers (`n8n worker`, which run them), all on one
// PostgreSQL database and one encryption key, each with its own user folder (this package
// installed in each, as on separate machines). Docs: https://docs.n8n.io/hosting/scaling/queue-mode/

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const P = require('./paths');
const { n8nEnv } = require('./n8nProcessEnv');
const { startN8n } = require('./n8nServer');
const { startService, stopService, freePort, waitForHttp } = require('./proc');

/** The settings every instance of one queue-mode n8n shares (and the CLI, to import into its database). */
function queueSettings({ redis, db, encryptionKey = crypto.randomBytes(24).toString('hex') }) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: db.host,
		DB_POSTGRESDB_PORT: String(db.port),
		DB_POSTGRESDB_DATABASE: db.database,
		DB_POSTGRESDB_USER: db.user,
		DB_POSTGRESDB_PASSWORD: '',
		N8N_ENCRYPTION_KEY: encryptionKey,
		// Manual runs from the editor go to the workers too (n8n's recommendation for queue mode).
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	};
}

/** The main: `n8n start` in queue mode (scripts/lib/n8nServer.js). */
function startMain({ port, userFolder, owner, settings, logFile }) {
	return startN8n({ port, userFolder, owner, logFile, env: settings });
}

/**
 * A worker: `n8n worker --concurrency=N`, its health endpoint on a free loopback port (ready when
 * /healthz/readiness answers: database and Redis connected). Its log tells which executions it ran.
 */
async function startWorker({ name, userFolder, settings, concurrency = 10, logFile, timeoutMs = 180000 }) {
	fs.mkdirSync(userFolder, { recursive: true });
	const healthPort = await freePort();
	const env = n8nEnv({
		userFolder,
		brokerPort: await freePort(),
		extra: { ...settings, QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(healthPort), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' },
	});
	const service = startService(name, P.NODE, [P.N8N_BIN, 'worker', `--concurrency=${concurrency}`], { cwd: userFolder, env, logFile });
	try {
		await waitForHttp(`http://127.0.0.1:${healthPort}/healthz/readiness`, { timeoutMs, exited: service.exited, name });
	} catch (e) {
		await stopService(service, { graceMs: 5000 });
		const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n') : '';
		throw new Error(`${e.message}\n--- last ${name} output (${logFile}) ---\n${tail}`);
	}
	return { name, logFile, service, stop: () => stopService(service, { graceMs: 15000 }) };
}

/** Execution ids a worker's log says it started ("Worker started execution 12 (job 7)"). */
function executionsRunBy(worker) {
	const text = fs.existsSync(worker.logFile) ? fs.readFileSync(worker.logFile, 'utf8') : '';
	return [...text.matchAll(/Worker started execution (\d+) \(job/g)].map((m) => m[1]);
}

/** executionId → the name of the worker that ran it, from all workers' logs. */
function whoRanWhat(workers) {
	const ranBy = new Map();
	for (const w of workers) for (const id of executionsRunBy(w)) ranBy.set(id, ranBy.has(id) ? `${ranBy.get(id)}+${w.name}` : w.name);
	return ranBy;
}

/** A user folder per instance under `root`: main, worker-1, worker-2… */
const instanceFolder = (root, name) => path.join(root, name);

module.exports = { queueSettings, startMain, startWorker, whoRanWhat, instanceFolder };
