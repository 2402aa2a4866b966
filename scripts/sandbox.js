#!/usr/bin/env node
'use strict';
// npm run sandbox [-- --port N …]
// Compiles the dev sources (npx tsc -p tsconfig.dev.json → .dev-dist/) and runs the provider
// sandbox in the foreground: `node .dev-dist/sandbox/main.js <args…>`. All arguments are passed
// through. Ctrl-C / SIGTERM are forwarded; the exit code is the sandbox's.

const { spawn } = require('node:child_process');
const P = require('./lib/paths');
const { buildSandbox, sandboxEntry } = require('./lib/sandbox');

async function main() {
	await buildSandbox({ projectDir: P.PROJECT_ROOT });
	const entry = sandboxEntry(P.PROJECT_ROOT);
	const child = spawn(process.execPath, [entry, ...process.argv.slice(2)], { cwd: P.PROJECT_ROOT, stdio: 'inherit' });
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.on(sig, () => {
			if (child.exitCode === null) child.kill(sig === 'SIGHUP' ? 'SIGTERM' : sig);
		});
	}
	child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + 2 : 1)));
}

main().catch((e) => {
	console.error(`[bulk-cards] sandbox: ${e.message}`);
	process.exit(1);
});
