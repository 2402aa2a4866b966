'use strict';
// `n8n start` on 127.0.0.1 with an owner provisioned from the environment, until /healthz and the
// editor's settings answer. n8n before 2.17 ignores the N8N_INSTANCE_OWNER_* variables (n8n 1.x
// has no env-managed owner): when the started n8n still asks for an owner
// (settings userManagement.showSetupOnFirstLoad), the same owner is set up through
// `POST /rest/owner/setup`, as the editor's set-up page does.

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const P = require('./paths');
const { n8nEnv } = require('./n8nProcessEnv');
const { startService, stopService, freePort, portInUse, waitForHttp } = require('./proc');

/**
 * Owner credentials for N8N_INSTANCE_OWNER_*: the bcrypt hash is made with n8n's own bcryptjs.
 * Returns { email, password, passwordHash, firstName, lastName }.
 */
function makeOwner({ email = 'owner@bulk-cards.test', password, firstName = 'Demo', lastName = 'Owner' } = {}) {
	// n8n's password rules: 8-64 chars, a digit and an uppercase letter.
	const pw = password || `Bulk-${crypto.randomBytes(6).toString('hex')}-Cards1`;
	const bcrypt = require(require.resolve('bcryptjs', { paths: [P.N8N_PKG_DIR, P.N8N_DIR] }));
	return { email, password: pw, passwordHash: bcrypt.hashSync(pw, 10), firstName, lastName };
}

/**
 * `n8n start` in the background. Owner provisioned from env (makeOwner() if none given),
 * editor on http://127.0.0.1:<port> (default 5688; 5678 is n8n's default and 5679 its task broker's),
 * task broker on a free port. Waits for /healthz. Output goes to <userFolder>/n8n.log (and the
 * terminal with echo: true). Returns { url, port, owner, logFile, service, stop() }.
 */
async function startN8n({ port = 5688, userFolder, owner, echo = false, logFile, timeoutMs = 180000, env: extraEnv } = {}) {
	if (!userFolder) throw new Error('startN8n: userFolder is required');
	if (await portInUse(port)) throw new Error(`port ${port} is already in use on 127.0.0.1 (another n8n? choose another with --port / N8N_DEMO_PORT)`);
	const theOwner = owner || makeOwner();
	const brokerPort = await freePort();
	const log_ = logFile || path.join(userFolder, 'n8n.log');
	fs.mkdirSync(userFolder, { recursive: true });
	fs.writeFileSync(log_, '');
	const env = n8nEnv({ userFolder, port, brokerPort, owner: theOwner, extra: extraEnv });
	const lines = [];
	const service = startService('n8n', P.NODE, [P.N8N_BIN, 'start'], {
		cwd: userFolder,
		env,
		logFile: log_,
		echo,
		onLine: (l) => {
			lines.push(l);
			if (lines.length > 200) lines.shift();
		},
	});
	const url = `http://127.0.0.1:${port}`;
	try {
		await waitForHttp(`${url}/healthz`, { timeoutMs, exited: service.exited, name: 'n8n' });
		// /healthz answers before the editor routes are up; wait for the settings endpoint too.
		await waitForHttp(`${url}/rest/settings`, { timeoutMs, exited: service.exited, name: 'n8n' });
		await setUpOwnerIfAsked(url, theOwner, await readSettings(url));
	} catch (e) {
		await stopService(service, { graceMs: 5000 });
		throw new Error(`${e.message}\n--- last n8n output (${log_}) ---\n${lines.slice(-40).join('\n')}`);
	}
	return {
		url,
		port,
		owner: theOwner,
		logFile: log_,
		service,
		recentOutput: () => lines.slice(),
		stop: (opts) => stopService(service, { graceMs: 12000, ...opts }),
	};
}

/**
 * GET /rest/settings as JSON. While n8n starts, the endpoint can answer 404 or something that is
 * not JSON a moment after it first answered 200 (seen on 2.41 under load): asked again for 30 s.
 */
async function readSettings(url, timeoutMs = 30000) {
	for (const deadline = Date.now() + timeoutMs; ; ) {
		let problem;
		try {
			const r = await fetch(`${url}/rest/settings`);
			const text = await r.text();
			if (r.ok) return JSON.parse(text);
			problem = `answered ${r.status}`;
		} catch (e) {
			problem = e.message;
		}
		if (Date.now() > deadline) throw new Error(`GET ${url}/rest/settings: ${problem}`);
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
}

/** POST /rest/owner/setup when n8n has no owner yet (an n8n without env-managed owners). */
async function setUpOwnerIfAsked(url, owner, settings) {
	const um = (settings.data || settings).userManagement || {};
	if (!um.showSetupOnFirstLoad) return false;
	const { email, password, firstName, lastName } = owner;
	const r = await postJson(`${url}/rest/owner/setup`, { email, password, firstName, lastName });
	if (r.status !== 200) throw new Error(`n8n asked for an owner and POST /rest/owner/setup answered ${r.status}: ${r.body.slice(0, 300)}`);
	return true;
}

async function postJson(url, body) {
	const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	return { status: r.status, body: await r.text() };
}

module.exports = { makeOwner, startN8n };
