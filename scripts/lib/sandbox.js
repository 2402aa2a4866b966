'use strict';
// The provider sandbox (sandbox/*.ts, compiled by tsconfig.dev.json to .dev-dist/sandbox/main.js):
// build it, start it on a loopback port, read its admin API.
//
// Contract of main.js: `node .dev-dist/sandbox/main.js --port N` prints exactly one line
// `SANDBOX_URL=http://127.0.0.1:PORT` when listening and stops on SIGINT/SIGTERM.
// Testing hook: BULK_CARDS_SANDBOX_ENTRY=<file.js> runs that file instead and skips the build.

const fs = require('node:fs');
const path = require('node:path');
const axios = require('axios');

const P = require('./paths');
const { warn } = require('./log');
const { run, startService, stopService } = require('./proc');

/** The sandbox's NymCard defaults (sandbox/providers/nymcard/config.ts). */
const NYMCARD = {
	basePath: '/nymcard/v1',
	apiKey: 'nymcard-sandbox-key',
	cardProductId: 'f4947edd-0dc1-4d60-af5a-f0dcb01d141c',
};
const NYMCARD_API_KEY = NYMCARD.apiKey;
/** The sandbox's Qonto defaults (sandbox/providers/qonto/config.ts). */
const QONTO = {
	login: 'acme-sandbox-1234',
	secretKey: 'qonto-sandbox-secret-key',
	stagingToken: 'qonto-sandbox-staging-token',
	clientId: 'qonto-sandbox-client',
	clientSecret: 'qonto-sandbox-client-secret',
	demoAccessToken: 'qonto-sandbox-demo-access-token',
};
/** The sandbox's Dintero defaults (sandbox/providers/dintero/config.ts). */
const DINTERO = {
	basePath: '/dintero/v1',
	accountId: 'T12345678',
	clientId: 'dintero-sandbox-client',
	clientSecret: 'dintero-sandbox-secret',
};
/** The sandbox's Paysafe defaults (sandbox/providers/paysafe/config.ts). */
const PAYSAFE = {
	basePath: '/paysafe/digitalwallets/v1',
	clientId: 'paysafe-sandbox-client',
	clientSecret: 'paysafe-sandbox-secret',
	brand: 'paysafe-sandbox-brand',
};

function sandboxEntry(projectDir = P.PROJECT_ROOT) {
	return process.env.BULK_CARDS_SANDBOX_ENTRY
		? path.resolve(process.env.BULK_CARDS_SANDBOX_ENTRY)
		: path.join(projectDir, '.dev-dist', 'sandbox', 'main.js');
}

/** tsc binary of the project (the same one `npx tsc` would run). */
function tscCommand(projectDir) {
	const local = path.join(projectDir, 'node_modules', 'typescript', 'bin', 'tsc');
	if (fs.existsSync(local)) return { cmd: process.execPath, args: [local] };
	return { cmd: 'npx', args: ['--no-install', 'tsc'] };
}

/**
 * `tsc -p tsconfig.dev.json` (compiles sandbox/, test/, bench/… into .dev-dist/). Type errors
 * elsewhere in that program still emit JavaScript; when main.js was (re)written by this run the
 * errors are printed as a warning instead of failing the sandbox. Returns the entry path.
 */
async function buildSandbox({ projectDir = P.PROJECT_ROOT, quiet = false } = {}) {
	const entry = sandboxEntry(projectDir);
	if (process.env.BULK_CARDS_SANDBOX_ENTRY) {
		if (!fs.existsSync(entry)) throw new Error(`BULK_CARDS_SANDBOX_ENTRY=${entry} does not exist`);
		return entry;
	}
	const started = Date.now();
	const { cmd, args } = tscCommand(projectDir);
	const r = await run(cmd, [...args, '-p', 'tsconfig.dev.json'], { cwd: projectDir, allowFailure: true });
	const fresh = fs.existsSync(entry) && fs.statSync(entry).mtimeMs >= started - 2000;
	if (r.code !== 0) {
		const errors = (r.stdout + r.stderr).trim();
		if (!fresh) throw new Error(`tsc -p tsconfig.dev.json failed and ${path.relative(projectDir, entry)} was not produced:\n${errors}`);
		if (!quiet) warn(`tsc -p tsconfig.dev.json reported errors (the sandbox was still emitted):\n${errors.split('\n').slice(0, 20).join('\n')}`);
	} else if (!fresh && !fs.existsSync(entry)) {
		throw new Error(`tsc succeeded but ${entry} does not exist (is sandbox/main.ts there yet?)`);
	}
	return entry;
}

/**
 * Starts the sandbox (`port` 0 = any free port) and waits for its SANDBOX_URL line.
 * Returns { url, nymcardBaseUrl, service, logFile, stop() }.
 */
async function startSandbox({ port = 0, projectDir = P.PROJECT_ROOT, logFile, timeoutMs = 30000, echo = false } = {}) {
	const entry = sandboxEntry(projectDir);
	if (!fs.existsSync(entry)) throw new Error(`${entry} not found: build the sandbox first (npx tsc -p tsconfig.dev.json)`);
	let resolveUrl;
	const urlPromise = new Promise((r) => (resolveUrl = r));
	const lines = [];
	// --demo: the settings of sandbox/demo.ts (a Qonto token that survives resets, approvals after 1.5 s, orders that complete in seconds).
	const service = startService('sandbox', process.execPath, [entry, '--port', String(port), '--demo'], {
		cwd: projectDir,
		logFile,
		echo,
		onLine: (line) => {
			lines.push(line);
			if (lines.length > 100) lines.shift();
			const m = line.match(/^SANDBOX_URL=(http:\/\/\S+)\s*$/);
			if (m) resolveUrl(m[1]);
		},
	});
	let timer;
	const url = await Promise.race([
		urlPromise,
		service.exited.then((x) => {
			throw new Error(`sandbox exited (${x.code ?? x.signal}) before printing SANDBOX_URL:\n${lines.join('\n')}`);
		}),
		new Promise((_, rej) => {
			timer = setTimeout(() => rej(new Error(`sandbox printed no SANDBOX_URL within ${timeoutMs} ms:\n${lines.join('\n')}`)), timeoutMs);
		}),
	]).catch(async (e) => {
		await stopService(service, { graceMs: 3000 });
		throw e;
	});
	clearTimeout(timer);
	const u = new URL(url);
	if (u.hostname !== '127.0.0.1' && u.hostname !== 'localhost') {
		warn(`sandbox is not on loopback: ${url}`);
	}
	return {
		url,
		nymcardBaseUrl: `${url}/nymcard/v1`,
		service,
		logFile,
		recentOutput: () => lines.slice(),
		stop: (opts) => stopService(service, { graceMs: 5000, ...opts }),
	};
}

/** GET /__admin/counters → { nymcard: { cardsCreated, bulksCreated, idempotentReplays, requests, … }, … } */
async function getCounters(sandboxUrl) {
	const r = await axios.get(`${sandboxUrl}/__admin/counters`, { timeout: 10000 });
	return r.data;
}

/** POST /__admin/reset (clears state and counters). */
async function resetSandbox(sandboxUrl) {
	await axios.post(`${sandboxUrl}/__admin/reset`, {}, { timeout: 10000 });
}

/** POST /__admin/clock/advance {"ms": N} */
async function advanceClock(sandboxUrl, ms) {
	const r = await axios.post(`${sandboxUrl}/__admin/clock/advance`, { ms }, { timeout: 10000 });
	return r.data;
}

/**
 * The credentials n8n imports for the sandbox (import:credentials format), with FIXED ids that the
 * example workflows name: NymCard, Qonto with an API key, Qonto OAuth2 holding the sandbox's
 * demo token (so no browser consent is needed; "Reconnect" in the editor runs the real flow), and
 * Paysafe and Dintero (their tokens are fetched by the credentials themselves).
 */
const SANDBOX_CREDENTIAL_IDS = {
	nymCardApi: 'nymcardSandboxCred1',
	qontoApi: 'qontoSandboxKeyCred1',
	qontoOAuth2Api: 'qontoSandboxOAuthCred',
	paysafeApi: 'paysafeSandboxCred1',
	dinteroApi: 'dinteroSandboxCred1',
};

function sandboxCredentials(sandboxUrl) {
	const qonto = { environment: 'custom', baseUrl: `${sandboxUrl}/qonto`, stagingToken: QONTO.stagingToken };
	return [
		{
			id: SANDBOX_CREDENTIAL_IDS.nymCardApi,
			name: 'NymCard sandbox',
			type: 'nymCardApi',
			data: { apiKey: NYMCARD.apiKey, environment: 'custom', baseUrl: `${sandboxUrl}${NYMCARD.basePath}` },
		},
		{
			id: SANDBOX_CREDENTIAL_IDS.qontoApi,
			name: 'Qonto sandbox (API key)',
			type: 'qontoApi',
			data: { ...qonto, login: QONTO.login, secretKey: QONTO.secretKey },
		},
		{
			id: SANDBOX_CREDENTIAL_IDS.qontoOAuth2Api,
			name: 'Qonto sandbox (OAuth2)',
			type: 'qontoOAuth2Api',
			data: {
				...qonto,
				authBaseUrl: `${sandboxUrl}/qonto`,
				clientId: QONTO.clientId,
				clientSecret: QONTO.clientSecret,
				oauthTokenData: { access_token: QONTO.demoAccessToken, token_type: 'Bearer' },
			},
		},
		{
			id: SANDBOX_CREDENTIAL_IDS.paysafeApi,
			name: 'Paysafe sandbox',
			type: 'paysafeApi',
			data: {
				clientId: PAYSAFE.clientId,
				clientSecret: PAYSAFE.clientSecret,
				brand: PAYSAFE.brand,
				environment: 'custom',
				baseUrl: `${sandboxUrl}${PAYSAFE.basePath}`,
			},
		},
		{
			id: SANDBOX_CREDENTIAL_IDS.dinteroApi,
			name: 'Dintero sandbox',
			type: 'dinteroApi',
			data: {
				accountId: DINTERO.accountId,
				clientId: DINTERO.clientId,
				clientSecret: DINTERO.clientSecret,
				environment: 'custom',
				baseUrl: `${sandboxUrl}${DINTERO.basePath}`,
			},
		},
	];
}

module.exports = {
	NYMCARD_API_KEY,
	SANDBOX_DEFAULTS: { NYMCARD, QONTO, DINTERO, PAYSAFE },
	sandboxEntry,
	buildSandbox,
	startSandbox,
	getCounters,
	resetSandbox,
	advanceClock,
	SANDBOX_CREDENTIAL_IDS,
	sandboxCredentials,
};
