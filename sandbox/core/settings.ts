/**
 * A provider's sandbox settings: the ones it started with (defaults plus start options), the live
 * ones the admin API changes, and a reset back to the start.
 */
export class ProviderSettings<T> {
	private readonly initial: T;
	private current: T;

	constructor(
		defaults: Readonly<T>,
		startOptions: unknown,
		private readonly merge: (base: Readonly<T>, changes: unknown) => T,
		private readonly copy: (settings: Readonly<T>) => T,
	) {
		this.initial = merge(defaults, startOptions);
		this.current = copy(this.initial);
	}

	/** The live settings (not a copy: read them, never change them). */
	get value(): T {
		return this.current;
	}

	/** A copy, safe to hand out. */
	snapshot(): T {
		return this.copy(this.current);
	}

	/** Applies valid changes (throws listing every invalid one) and returns a copy. */
	configure(changes: unknown): T {
		this.current = this.merge(this.current, changes);
		return this.snapshot();
	}

	reset(): void {
		this.current = this.copy(this.initial);
	}
}
