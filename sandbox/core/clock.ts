/** Virtual time: real time plus an offset that tests move forward instead of waiting. */
export class SandboxClock {
	private offsetMs = 0;

	now(): number {
		return Date.now() + this.offsetMs;
	}

	advance(ms: number): number {
		this.offsetMs += ms;
		return this.now();
	}

	offset(): number {
		return this.offsetMs;
	}

	reset(): void {
		this.offsetMs = 0;
	}

	isoNow(): string {
		return new Date(this.now()).toISOString();
	}
}
