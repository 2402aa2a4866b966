import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { systemClock, type Clock } from '../clock';
import { newExecutionScope } from '../options';
import { openProviderSession, readParameter } from '../session';
import { ValidationReport } from '../validation';
import type { WatchProvider } from './contract';
import { pollWatch, type PollReport } from './poll';
import { readTriggerSettings } from './properties';

export type {
	Observation,
	TriggerEvent,
	TriggerSettings,
	WatchPage,
	WatchProvider,
	WatchSource,
} from './contract';
export { pollWatch, type PollReport } from './poll';
export { readTriggerSettings, triggerEventProperties } from './properties';
export { STATE_PROPERTY, stateBytes, type WatchState } from './state';

/**
 * The `poll()` of the Bulk Card Trigger: the chosen provider's watch source, read through one
 * session (its credential, pacing and retries), polled by the engine.
 */
export async function runTriggerPoll(
	context: IPollFunctions,
	providers: Record<string, WatchProvider>,
	options: { clock?: Clock; report?: (report: PollReport) => void } = {},
): Promise<INodeExecutionData[][] | null> {
	const clock = options.clock ?? systemClock;
	const name = String(readParameter(context, 'provider', 0, ''));
	const provider = providers[name];
	const report = new ValidationReport();
	if (!provider) report.add('Provider', `"${name}" is not a provider this trigger knows`);
	const settings = readTriggerSettings(context, report);
	report.throwIfInvalid(context.getNode(), 0, 'The trigger');
	const session = await openProviderSession(context, provider.definition, newExecutionScope(clock));
	const source = provider.readSource(session, report);
	report.throwIfInvalid(context.getNode(), 0, 'The trigger');
	return await pollWatch(context, session, source, settings, clock, options.report);
}
