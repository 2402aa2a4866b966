import { sleep } from 'n8n-workflow';

/** Time source of the engine; tests inject a fake one so backoff and pacing run in milliseconds. */
export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
	now: () => Date.now(),
	sleep: async (ms) => {
		if (ms > 0) await sleep(ms);
	},
};
