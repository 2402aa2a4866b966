import { planChunks } from '../../nodes/shared/chunking';
import { deriveIdempotencyKey } from '../../nodes/shared/idempotency';

describe('planChunks', () => {
	it('splits 12,001 cards into 5000 + 5000 + 2001 with running offsets', () => {
		expect(planChunks(12_001, 5000)).toEqual([
			{ index: 0, offset: 0, size: 5000 },
			{ index: 1, offset: 5000, size: 5000 },
			{ index: 2, offset: 10_000, size: 2001 },
		]);
	});

	it('keeps an order at the limit in one call and a single card in one call', () => {
		expect(planChunks(5000, 5000)).toEqual([{ index: 0, offset: 0, size: 5000 }]);
		expect(planChunks(1, 50)).toEqual([{ index: 0, offset: 0, size: 1 }]);
	});

	it('always covers exactly the requested number of cards', () => {
		for (const [total, max] of [
			[1, 1],
			[49, 50],
			[51, 50],
			[999_999, 1000],
			[7, 3],
		]) {
			const chunks = planChunks(total, max);
			expect(chunks.reduce((sum, chunk) => sum + chunk.size, 0)).toBe(total);
			expect(chunks.every((chunk) => chunk.size >= 1 && chunk.size <= max)).toBe(true);
		}
	});

	it('refuses totals that are not positive integers', () => {
		expect(() => planChunks(0, 10)).toThrow(RangeError);
		expect(() => planChunks(2.5, 10)).toThrow(RangeError);
		expect(() => planChunks(10, 0)).toThrow(RangeError);
	});
});

describe('deriveIdempotencyKey', () => {
	const base = {
		provider: 'nymcard',
		purpose: 'bulkIssuance.create',
		orderReference: 'PO-1',
		chunkIndex: 0,
	};

	it('is the same for the same order chunk on every call', () => {
		expect(deriveIdempotencyKey(base)).toBe(deriveIdempotencyKey({ ...base }));
	});

	it('differs per chunk, reference, purpose and provider', () => {
		const keys = new Set([
			deriveIdempotencyKey(base),
			deriveIdempotencyKey({ ...base, chunkIndex: 1 }),
			deriveIdempotencyKey({ ...base, orderReference: 'PO-2' }),
			deriveIdempotencyKey({ ...base, purpose: 'card.link' }),
			deriveIdempotencyKey({ ...base, provider: 'qonto' }),
		]);
		expect(keys.size).toBe(5);
	});

	it('cannot collide through separators inside the reference', () => {
		expect(deriveIdempotencyKey({ ...base, orderReference: 'a', purpose: 'b:c' })).not.toBe(
			deriveIdempotencyKey({ ...base, orderReference: 'b:a', purpose: 'c' }),
		);
	});

	it('looks like a UUID so that providers validating the header accept it', () => {
		expect(deriveIdempotencyKey(base)).toMatch(
			/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
		);
	});
});
