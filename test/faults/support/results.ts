/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test-only results files for the suite's reporter, never published */
import { createHash } from 'crypto';
import { mkdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';

/** One line of the fault matrix, or of another table of the suite. */
export interface MatrixRow {
	provider: string;
	scenario: string;
	requested?: number;
	created?: number;
	failed?: number;
	unknown?: number;
	atSandbox?: number;
	duplicates?: number;
	requests?: number;
	faults?: number;
	maxAttempts?: number;
	seconds?: number;
	result: string;
}

/** Where the test files leave their rows for `reporter.js` (one folder per checkout). */
export function resultsDir(rootDir = resolve(__dirname, '../../..')): string {
	const hash = createHash('sha256').update(rootDir).digest('hex').slice(0, 10);
	return join(tmpdir(), `bulk-cards-faults-${hash}`);
}

/** Leaves a file's rows for the reporter, which prints them when the run ends. */
export function recordRows(name: string, rows: unknown[]): void {
	const dir = resultsDir();
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, `${name}.json`), JSON.stringify(rows));
}
