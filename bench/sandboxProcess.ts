/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- development-only benchmark: starts the sandbox as a child process (a fixed command, no input), never published */
/**
 * The sandbox in a process of its own, driven through its admin API over HTTP, so that the
 * benchmark process measures only n8n and the node: its peak RSS and CPU time do not include the
 * sandbox's 100,000 stored cards nor its request handling.
 */
import axios from 'axios';
import { spawn } from 'child_process';
import path from 'path';

export interface BenchSandbox {
	url: string;
	/** One admin call, e.g. `admin('POST', '/rate-limits', {...})`; answers the parsed JSON body. */
	admin<T = unknown>(
		method: 'GET' | 'POST' | 'DELETE',
		adminPath: string,
		body?: unknown,
	): Promise<T>;
	close(): Promise<void>;
}

export async function startSandboxProcess(): Promise<BenchSandbox> {
	const main = path.join(__dirname, '..', 'sandbox', 'main.js');
	const child = spawn(process.execPath, [main, '--port', '0'], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const url = await new Promise<string>((resolve, reject) => {
		let seen = '';
		child.once('exit', (code) => reject(new Error(`the sandbox exited (${code})`)));
		child.stdout.on('data', (chunk: Buffer) => {
			seen += chunk.toString('utf8');
			const match = /^SANDBOX_URL=(\S+)$/m.exec(seen);
			if (match) resolve(match[1]);
		});
	});
	child.stdout.resume();
	child.removeAllListeners('exit');
	return {
		url,
		// axios, which n8n-core loads anyway: Node's fetch would load undici, ~15 MB more RSS.
		admin: async <T>(method: string, adminPath: string, body?: unknown) => {
			const response = await axios.request<T>({
				method,
				url: `${url}/__admin${adminPath}`,
				data: body,
				validateStatus: () => true,
			});
			if (response.status >= 300) {
				throw new Error(`sandbox admin ${method} ${adminPath}: ${JSON.stringify(response.data)}`);
			}
			return response.data;
		},
		close: async () =>
			await new Promise<void>((resolve) => {
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			}),
	};
}
