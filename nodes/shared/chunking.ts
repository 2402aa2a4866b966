export interface Chunk {
	index: number;
	/** Position of the chunk's first card in the whole order. */
	offset: number;
	size: number;
}

/** Splits `total` cards into calls of at most `maxPerCall`, all full but the last. */
export function planChunks(total: number, maxPerCall: number): Chunk[] {
	if (!Number.isSafeInteger(total) || total < 1) {
		throw new RangeError(`total must be a positive integer, got ${total}`);
	}
	if (!Number.isSafeInteger(maxPerCall) || maxPerCall < 1) {
		throw new RangeError(`maxPerCall must be a positive integer, got ${maxPerCall}`);
	}
	const chunks: Chunk[] = [];
	for (let offset = 0, index = 0; offset < total; offset += maxPerCall, index++) {
		chunks.push({ index, offset, size: Math.min(maxPerCall, total - offset) });
	}
	return chunks;
}
