'use strict';
// n8n's CLI on the cached Node n8n runs on (paths.NODE): import credentials and workflows, execute a workflow and read
// its run data.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const P = require('./paths');
const { tail } = require('./log');
const { n8nEnv } = require('./n8nProcessEnv');
const { run, freePort } = require('./proc');

/** Runs `n8n <args…>` to completion with the cached Node of the selected n8n. */
async function runN8n(args, { userFolder, env: extraEnv, brokerPort, timeoutMs = 300000, allowFailure = false, logFile } = {}) {
	if (!userFolder) throw new Error('runN8n: userFolder is required');
	fs.mkdirSync(userFolder, { recursive: true });
	// A free task-broker port: n8n's default 5679 may be taken by another n8n (it then stops).
	const broker = brokerPort || (await freePort());
	return run(P.NODE, [P.N8N_BIN, ...args], {
		cwd: userFolder,
		env: n8nEnv({ userFolder, brokerPort: broker, extra: extraEnv }),
		timeoutMs,
		allowFailure,
		logFile,
	});
}


/**
 * `n8n import:credentials --input=<file>` (plain `data` objects are encrypted on import).
 * Accepts a file path, or an object / array of credential objects (written to a temp file).
 * `env`: settings for n8n (e.g. another database: scripts/lib/n8nQueue.js queueSettings).
 */
async function importCredentials(fileOrData, { userFolder, env } = {}) {
	return withJsonFile('credentials', fileOrData, async (file) => {
		const r = await runN8n(['import:credentials', `--input=${file}`], { userFolder, env, allowFailure: true });
		if (r.code !== 0 || !/Successfully imported \d+ credential/.test(r.stdout + r.stderr)) {
			throw new Error(`n8n import:credentials failed (exit ${r.code}):\n${tail(r.stdout + r.stderr)}`);
		}
		return r;
	});
}

/** `n8n import:workflow --input=<file>` (imported deactivated). Returns { ids }. */
async function importWorkflow(fileOrData, { userFolder, env } = {}) {
	return withJsonFile('workflow', fileOrData, async (file) => {
		const r = await runN8n(['import:workflow', `--input=${file}`], { userFolder, env, allowFailure: true });
		const out = r.stdout + r.stderr;
		if (r.code !== 0 || !/Successfully imported [1-9]\d* workflow/.test(out) || /Skipped workflow/.test(out)) {
			throw new Error(`n8n import:workflow ${typeof fileOrData === 'string' ? file : ''} failed (exit ${r.code}):\n${tail(out)}`);
		}
		const data = JSON.parse(fs.readFileSync(file, 'utf8'));
		return { ids: (Array.isArray(data) ? data : [data]).map((w) => w.id).filter(Boolean), result: r };
	});
}

/** Calls fn(path) with `fileOrData` as a file; data objects go to a private temp file removed afterwards. */
async function withJsonFile(prefix, fileOrData, fn) {
	if (typeof fileOrData === 'string') return fn(fileOrData);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bulk-cards-${prefix}-`));
	const file = path.join(dir, `${prefix}.json`);
	fs.writeFileSync(file, JSON.stringify(fileOrData, null, 2), { mode: 0o600 });
	try {
		return await fn(file);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * Finds the run data JSON in `n8n execute --rawOutput` stdout, which also carries log lines (task
 * broker, license, …) before and after it. n8n prints JSON.stringify(run, null, 2), so the
 * top-level object starts with a line "{" and ends with a line "}". Returns the last such object
 * that looks like a run (has data.resultData), or null.
 */
function parseExecuteOutput(stdout) {
	const lines = stdout.split(/\r?\n/);
	const starts = [];
	const ends = [];
	lines.forEach((l, i) => {
		if (l === '{') starts.push(i);
		else if (l === '}') ends.push(i);
	});
	let found = null;
	for (const s of starts) {
		for (const e of ends) {
			if (e <= s) continue;
			try {
				const obj = JSON.parse(lines.slice(s, e + 1).join('\n'));
				if (obj && obj.data && obj.data.resultData) found = obj;
				break;
			} catch {
				/* a log line inside? try the next closing brace */
			}
		}
	}
	return found;
}

/**
 * `n8n execute --id=<id> --rawOutput`. Resolves the parsed run ({ data: { resultData: { runData,
 * lastNodeExecuted, error? } }, status, … }); rejects with the log tail when the execution failed
 * or no run JSON could be found.
 */
async function executeWorkflow(id, { userFolder, timeoutMs = 600000 } = {}) {
	const r = await runN8n(['execute', `--id=${id}`, '--rawOutput'], { userFolder, timeoutMs, allowFailure: true });
	const runData = parseExecuteOutput(r.stdout);
	const err = runData && runData.data.resultData.error;
	if (r.code !== 0 || !runData || err) {
		const msg = err ? `${err.message}${err.description ? ` — ${err.description}` : ''}` : executeErrorLine(r.stdout + '\n' + r.stderr) || `exit ${r.code ?? r.signal}`;
		const e = new Error(`n8n execute --id=${id} failed: ${msg}\n${tail((r.stdout + '\n' + r.stderr).trim(), 15)}`);
		e.run = runData;
		e.result = r;
		throw e;
	}
	return runData;
}

/** The message n8n prints after "Execution error:" and a "====" rule, if any. */
function executeErrorLine(out) {
	const lines = out.split(/\r?\n/);
	const i = lines.findIndex((l) => l.trim() === 'Execution error:');
	if (i < 0) return null;
	const rest = lines.slice(i + 1).filter((l) => l.trim() && !/^=+$/.test(l.trim()));
	return rest.length ? rest[0].trim() : null;
}

/** Output items (json only) of one node in a parsed run: [[items of output 0], [output 1]…] of its last run. */
function nodeOutput(runData, nodeName, runIndex = -1) {
	const runs = runData.data.resultData.runData[nodeName];
	if (!runs || runs.length === 0) return null;
	const r = runs[runIndex < 0 ? runs.length + runIndex : runIndex];
	const main = (r.data && r.data.main) || [];
	return main.map((items) => (items || []).map((i) => i.json));
}

module.exports = { runN8n, importCredentials, importWorkflow, parseExecuteOutput, executeWorkflow, nodeOutput };
