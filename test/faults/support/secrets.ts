/* eslint-disable no-console -- test-only: captures what the code under test writes to the console, never published */
/**
 * The secrets scan of the reliability suite: every output item, every error (message,
 * description, context, the provider's answer it carries) and every console line the suite
 * captured is searched for the secrets known to the run — credential values, access and refresh
 * tokens, PANs, CVVs, PINs and card tokens. The only fields allowed to carry a secret are
 * Dintero's `pinValue` and `tokenValue` in the create output (the PIN and card token Dintero
 * returns this once). The sandbox's own request log is the provider side and is not scanned.
 */

/** Fields meant to carry a secret value (Dintero's create output). */
const CARRIER_FIELDS = new Set(['pinValue', 'tokenValue']);

export interface Leak {
	where: string;
	path: string;
	secret: string;
}

export class SecretScan {
	private readonly secrets = new Set<string>();
	private readonly lengths = new Set<number>();
	readonly leaks: Leak[] = [];
	/** Values scanned (strings) and places scanned (outputs, errors, logs). */
	stringsScanned = 0;
	placesScanned = 0;

	/** Secrets shorter than 6 characters (a CVV, a 4-digit PIN) are matched as whole values only. */
	add(...values: Array<string | undefined | null>): void {
		for (const value of values) {
			if (typeof value !== 'string' || value.length < 3) continue;
			this.secrets.add(value);
			if (value.length >= 6) this.lengths.add(value.length);
		}
	}

	get size(): number {
		return this.secrets.size;
	}

	/** Scans a value (an output item, an error…) found at `where`. */
	scan(where: string, value: unknown): void {
		this.placesScanned++;
		this.walk(where, value, '$', new WeakSet());
	}

	/** Scans an error with everything it carries: message, description, context, cause, response. */
	scanError(where: string, error: unknown): void {
		if (error === undefined || error === null) return;
		const record = error as Record<string, unknown>;
		this.scan(where, {
			message: record.message,
			description: record.description,
			context: record.context,
			errorResponse: record.errorResponse,
			messages: record.messages,
			node: record.node,
			cause: record.cause,
			stack: record.stack,
		});
	}

	private walk(where: string, value: unknown, path: string, seen: WeakSet<object>): void {
		if (typeof value === 'string') {
			this.stringsScanned++;
			const found = this.find(value);
			if (found !== undefined) this.leaks.push({ where, path, secret: mask(found) });
			return;
		}
		if (value === null || typeof value !== 'object') return;
		if (seen.has(value)) return;
		seen.add(value);
		if (Array.isArray(value)) {
			value.forEach((entry, index) => this.walk(where, entry, `${path}[${index}]`, seen));
			return;
		}
		for (const [key, entry] of Object.entries(value)) {
			if (CARRIER_FIELDS.has(key)) continue;
			this.walk(where, entry, `${path}.${key}`, seen);
		}
	}

	/**
	 * The first secret in `text`: short ones as the whole text, the others anywhere in it (every
	 * substring of a secret's length is looked up, so that tens of thousands of PINs stay cheap).
	 */
	private find(text: string): string | undefined {
		if (this.secrets.has(text)) return text;
		for (const length of this.lengths) {
			for (let start = 0; start + length <= text.length; start++) {
				const part = text.slice(start, start + length);
				if (this.secrets.has(part)) return part;
			}
		}
		return undefined;
	}
}

function mask(secret: string): string {
	return `${secret.slice(0, 2)}…(${secret.length} chars)`;
}

/** Captures what the code under test writes to the console, for the scan. */
export function captureConsole(): { lines: string[]; restore(): void } {
	const lines: string[] = [];
	const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
	const originals = methods.map((method) => console[method]);
	for (const method of methods) {
		console[method] = (...args: unknown[]) => {
			lines.push(
				args
					.map((arg) => {
						if (typeof arg === 'string') return arg;
						try {
							return JSON.stringify(arg);
						} catch {
							return String(arg);
						}
					})
					.join(' '),
			);
		};
	}
	return {
		lines,
		restore: () => methods.forEach((method, index) => (console[method] = originals[index])),
	};
}
