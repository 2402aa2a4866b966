/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test-only: the suite's size comes from the environment, never published */
/**
 * How big the reliability suite runs: CI-sized by default, `FAULTS_SCALE=full` for the sizes of
 * issue 20 (≥ 10,000 bad-input cases per operation, bigger orders in the fault matrix).
 * `FAULTS_SEED` fixes fast-check's seed (default: a fixed one, so CI runs are reproducible).
 */
export const FULL = process.env.FAULTS_SCALE === 'full';

export function scaled(ci: number, full: number): number {
	return FULL ? full : ci;
}

export const SEED = Number.isFinite(Number(process.env.FAULTS_SEED))
	? Number(process.env.FAULTS_SEED ?? 20)
	: 20;
