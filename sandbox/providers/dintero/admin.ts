import { configRoutes } from '../../core/adminRoutes';
import type { Route } from '../../core/types';
import type { DinteroSandboxConfig } from './config';

/** Test-only controls of the Dintero simulator. */
export interface DinteroAdmin {
	/** Applies part of the config (validated); returns the whole config now in force. */
	configure(changes: Partial<DinteroSandboxConfig>): DinteroSandboxConfig;
	config(): DinteroSandboxConfig;
	/** Invalidates every issued access token (the next wallet call gets 401); returns how many. */
	revokeTokens(): number;
}

/** Mounted under `/__admin/dintero`. */
export function dinteroAdminRoutes(admin: DinteroAdmin): Route[] {
	return [
		...configRoutes(admin),
		{
			method: 'POST',
			path: '/tokens/revoke',
			handle: () => ({ status: 200, body: { revoked: admin.revokeTokens() } }),
		},
	];
}
