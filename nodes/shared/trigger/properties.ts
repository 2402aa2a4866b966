import type { INodeProperties, IPollFunctions } from 'n8n-workflow';

import { requestOptionFields } from '../options';
import { readParameter } from '../session';
import type { NormalisedState } from '../status';
import type { ValidationReport } from '../validation';
import type { TriggerEvent, TriggerSettings } from './contract';

export const DEFAULT_MAX_ITEMS_PER_POLL = 100;
export const MAX_ITEMS_PER_POLL_LIMIT = 1000;
const SAMPLE_SIZE = 3;

const NORMALISED_STATES: Array<{ name: string; value: NormalisedState }> = [
	{ name: 'Completed', value: 'completed' },
	{ name: 'Draft', value: 'draft' },
	{ name: 'Failed', value: 'failed' },
	{ name: 'Partially Completed', value: 'partially_completed' },
	{ name: 'Processing', value: 'processing' },
	{ name: 'Submitted', value: 'submitted' },
	{ name: 'Unknown', value: 'unknown' },
];

/** Events, states and options: the same on every provider (public parameter names). */
export const triggerEventProperties: INodeProperties[] = [
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: ['statusChanged'],
		options: [
			{
				name: 'Newly Seen',
				value: 'newlySeen',
				description:
					'An object appears that was not there before (never for those of the baseline)',
			},
			{
				name: 'Reached a State',
				value: 'reachedState',
				description: 'An object enters one of the chosen normalised states',
			},
			{
				name: 'Status Changed',
				value: 'statusChanged',
				description: "Any change of the provider's status",
			},
		],
		description:
			'What starts the workflow. The first poll after activation only records what exists; each later change is emitted once.',
	},
	{
		displayName: 'States',
		name: 'reachedStates',
		type: 'multiOptions',
		default: ['completed', 'failed'],
		options: NORMALISED_STATES,
		displayOptions: { show: { events: ['reachedState'] } },
		description: 'Normalised states whose reaching is an event, e.g. Completed and Failed',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Max Items per Poll',
				name: 'maxItemsPerPoll',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_ITEMS_PER_POLL_LIMIT },
				default: DEFAULT_MAX_ITEMS_PER_POLL,
				description:
					'At most this many changes start one execution; the rest are emitted by the next polls, none lost or repeated',
			},
			...requestOptionFields.filter((field) => field.name !== 'maxConcurrency'),
		],
	},
];

const EVENTS: TriggerEvent[] = ['statusChanged', 'reachedState', 'newlySeen'];

export function readTriggerSettings(
	context: IPollFunctions,
	report: ValidationReport,
): TriggerSettings {
	const events = (readParameter(context, 'events', 0, []) as unknown[]).filter(
		(event): event is TriggerEvent => EVENTS.includes(event as TriggerEvent),
	);
	if (events.length === 0) report.add('Events', 'choose at least one event');
	const reachedStates = readParameter(context, 'reachedStates', 0, []) as NormalisedState[];
	if (events.includes('reachedState') && reachedStates.length === 0)
		report.add('States', 'choose at least one state to watch for');
	const options = readParameter(context, 'options', 0, {}) as { maxItemsPerPoll?: unknown };
	const maxItemsPerPoll =
		options.maxItemsPerPoll === undefined
			? DEFAULT_MAX_ITEMS_PER_POLL
			: (report.requireInteger(
					'Options › Max Items per Poll',
					options.maxItemsPerPoll,
					1,
					MAX_ITEMS_PER_POLL_LIMIT,
				) ?? DEFAULT_MAX_ITEMS_PER_POLL);
	return { events, reachedStates, maxItemsPerPoll, sampleSize: SAMPLE_SIZE };
}
