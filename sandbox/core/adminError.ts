/** A refused admin call; the HTTP admin API answers with `status`. */
export class SandboxAdminError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
		this.name = 'SandboxAdminError';
	}
}
