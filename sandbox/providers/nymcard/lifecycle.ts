export type BulkStatus = 'DRAFT' | 'SUBMITTED' | 'PROCESSING' | 'COMPLETED' | 'FAILED';
export type FulfillmentStatus = 'Created' | 'Ordered' | 'Shipped' | 'Failed';

export interface LifecycleTiming {
	processingAfterMs: number;
	completedAfterMs: number;
}

export interface BulkProgress {
	status: BulkStatus;
	fulfillmentStatus: FulfillmentStatus;
	/** When the bulk entered its current status (`null` while DRAFT: no progression yet). */
	since: number | null;
}

/** The status a bulk has at `now`, computed from its submission time: no timers to cancel. */
export function bulkProgress(
	submittedAt: number | null,
	endsInFailure: boolean,
	timing: LifecycleTiming,
	now: number,
): BulkProgress {
	if (submittedAt === null) return { status: 'DRAFT', fulfillmentStatus: 'Created', since: null };
	const processingFrom = submittedAt + timing.processingAfterMs;
	const finishedFrom = processingFrom + timing.completedAfterMs;
	if (now >= finishedFrom) {
		return endsInFailure
			? { status: 'FAILED', fulfillmentStatus: 'Failed', since: finishedFrom }
			: { status: 'COMPLETED', fulfillmentStatus: 'Shipped', since: finishedFrom };
	}
	if (now >= processingFrom) {
		return { status: 'PROCESSING', fulfillmentStatus: 'Ordered', since: processingFrom };
	}
	return { status: 'SUBMITTED', fulfillmentStatus: 'Created', since: submittedAt };
}
