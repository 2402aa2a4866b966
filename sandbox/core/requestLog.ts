import type { FaultKind } from './faults';

export interface RequestLogEntry {
	/** Sandbox-clock time the request arrived, ISO 8601. */
	at: string;
	provider: string;
	method: string;
	path: string;
	query: Record<string, string>;
	idempotencyKey: string | null;
	/** The parsed body with secrets removed by the provider; `null` when there was none. */
	body: unknown;
	/** `null` when the connection was dropped before any processing. */
	status: number | null;
	fault?: FaultKind;
}

export const DEFAULT_REQUEST_LOG_CAPACITY = 10_000;

/** The most recent requests, oldest first, in a ring so a long benchmark cannot exhaust memory. */
export class RequestLog {
	private entries: RequestLogEntry[] = [];
	private start = 0;

	constructor(private readonly capacity = DEFAULT_REQUEST_LOG_CAPACITY) {}

	record(entry: RequestLogEntry): void {
		if (this.entries.length < this.capacity) {
			this.entries.push(entry);
			return;
		}
		this.entries[this.start] = entry;
		this.start = (this.start + 1) % this.capacity;
	}

	list(provider?: string): RequestLogEntry[] {
		const ordered = [...this.entries.slice(this.start), ...this.entries.slice(0, this.start)];
		return provider === undefined
			? ordered
			: ordered.filter((entry) => entry.provider === provider);
	}

	clear(): void {
		this.entries = [];
		this.start = 0;
	}
}
