/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development-only simulator command line, never published: n8n's rules for node runtime code do not apply here */
import {
	DEFAULT_DINTERO_CLIENT_ID,
	DEFAULT_DINTERO_CLIENT_SECRET,
	DEFAULT_DINTERO_TEST_ACCOUNT,
	DINTERO_BASE_PATH,
} from './providers/dintero';
import { DEFAULT_NYMCARD_API_KEY, NYMCARD_BASE_PATH } from './providers/nymcard';
import {
	DEFAULT_QONTO_CLIENT_ID,
	DEFAULT_QONTO_LOGIN,
	DEFAULT_QONTO_STAGING_TOKEN,
	QONTO_BASE_PATH,
} from './providers/qonto';
import { DEMO_SANDBOX_OPTIONS } from './demo';
import { startSandbox } from './server';

const DEFAULT_PORT = 8787;

function requestedPort(argv: ReadonlyArray<string>, env: NodeJS.ProcessEnv): number {
	const flag = argv.findIndex((arg) => arg === '--port' || arg.startsWith('--port='));
	const fromFlag = flag < 0 ? undefined : (argv[flag].split('=')[1] ?? argv[flag + 1]);
	const raw = fromFlag ?? env.SANDBOX_PORT;
	if (raw === undefined || raw === '') return DEFAULT_PORT;
	const port = Number(raw);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new Error(`Invalid port "${raw}": use an integer from 0 to 65535`);
	}
	return port;
}

async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	const sandbox = await startSandbox({
		port: requestedPort(argv, process.env),
		...(argv.includes('--demo') ? DEMO_SANDBOX_OPTIONS : {}),
	});
	// The first line is machine-read by the scripts that start the sandbox.
	process.stdout.write(`SANDBOX_URL=${sandbox.url}\n`);
	process.stdout.write(
		[
			`Provider sandbox listening (loopback only, development and tests only).`,
			`  NymCard base URL: ${sandbox.url}${NYMCARD_BASE_PATH}`,
			`  NymCard API key:  ${DEFAULT_NYMCARD_API_KEY} (header apikey)`,
			`  Qonto base URL:   ${sandbox.url}${QONTO_BASE_PATH} (API /v2, OAuth /oauth2)`,
			`  Qonto login:      ${DEFAULT_QONTO_LOGIN}, OAuth client ${DEFAULT_QONTO_CLIENT_ID}, staging token ${DEFAULT_QONTO_STAGING_TOKEN}`,
			`  Dintero base URL: ${sandbox.url}${DINTERO_BASE_PATH}`,
			`  Dintero client:   ${DEFAULT_DINTERO_CLIENT_ID} / ${DEFAULT_DINTERO_CLIENT_SECRET} (account ${DEFAULT_DINTERO_TEST_ACCOUNT})`,
			`  Admin API:        ${sandbox.url}/__admin (clock, faults, rate-limits, counters, requests, reset)`,
			`Stop with Ctrl+C.`,
			'',
		].join('\n'),
	);

	let stopping = false;
	const stop = (signal: NodeJS.Signals) => {
		if (stopping) return;
		stopping = true;
		sandbox
			.close()
			.then(() => process.stdout.write(`Sandbox stopped (${signal}).\n`))
			.catch((error: unknown) => {
				process.stderr.write(`Sandbox did not stop cleanly: ${String(error)}\n`);
				process.exitCode = 1;
			});
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
	process.exitCode = 1;
});
