import type { Clock } from '../../nodes/shared/clock';

/** Virtual time: `sleep` returns at once and moves the clock, recording every wait. */
export class FakeClock implements Clock {
	readonly sleeps: number[] = [];

	constructor(private current = 1_700_000_000_000) {}

	now(): number {
		return this.current;
	}

	async sleep(ms: number): Promise<void> {
		this.sleeps.push(ms);
		this.current += Math.max(0, ms);
		await Promise.resolve();
	}

	advance(ms: number): void {
		this.current += ms;
	}
}
