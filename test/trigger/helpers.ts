import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';

import { DinteroApi } from '../../credentials/DinteroApi.credentials';
import { NymCardApi } from '../../credentials/NymCardApi.credentials';
import { PaysafeApi } from '../../credentials/PaysafeApi.credentials';
import { QontoApi } from '../../credentials/QontoApi.credentials';
import { BulkCardTrigger } from '../../nodes/BulkCardTrigger/BulkCardTrigger.node';
import { STATE_PROPERTY, type WatchState } from '../../nodes/shared/trigger';
import { DEFAULT_NYMCARD_API_KEY } from '../../sandbox/providers/nymcard';
import {
	DEFAULT_QONTO_LOGIN,
	DEFAULT_QONTO_SECRET_KEY,
	DEFAULT_QONTO_STAGING_TOKEN,
} from '../../sandbox/providers/qonto';
import type { Sandbox } from '../../sandbox/server';
import { createPoller, type Poller } from '../harness/pollRunner';
import { dinteroCredential } from '../helpers/dintero';
import { paysafeCredential } from '../helpers/paysafe';

export const TRIGGER_TYPE = 'n8n-nodes-bulk-cards.bulkCardTrigger';

type PollerExtra = { staticData?: IDataObject; pollBudgetMs?: number };

/** A Bulk Card Trigger for one provider of the sandbox, polled through a real PollContext. */
function providerPoller(
	provider: string,
	credential: { type: ICredentialType; data: ICredentialDataDecryptedObject },
	parameters: INodeParameters,
	extra: PollerExtra,
): Poller {
	return createPoller({
		nodeType: new BulkCardTrigger(),
		typeName: TRIGGER_TYPE,
		parameters: { provider, ...parameters },
		credentials: [credential],
		nodeCredentials: {
			[credential.type.name]: { id: provider, name: `${credential.type.displayName} sandbox` },
		},
		...extra,
	});
}

export function nymCardPoller(
	sandbox: Sandbox,
	parameters: INodeParameters,
	extra: PollerExtra = {},
) {
	const data = {
		apiKey: DEFAULT_NYMCARD_API_KEY,
		environment: 'custom',
		baseUrl: `${sandbox.url}/nymcard/v1`,
	};
	return providerPoller('nymCard', { type: new NymCardApi(), data }, parameters, extra);
}

/** Qonto with the API-key credential (reading cards needs no more). */
export function qontoPoller(
	sandbox: Sandbox,
	parameters: INodeParameters,
	extra: PollerExtra = {},
) {
	const data = {
		environment: 'custom',
		baseUrl: `${sandbox.url}/qonto`,
		stagingToken: DEFAULT_QONTO_STAGING_TOKEN,
		login: DEFAULT_QONTO_LOGIN,
		secretKey: DEFAULT_QONTO_SECRET_KEY,
	};
	return providerPoller(
		'qontoCards',
		{ type: new QontoApi(), data },
		{ authentication: 'apiKey', ...parameters },
		extra,
	);
}

/** Paysafe (its token is fetched once by preAuthentication and kept). */
export function paysafePoller(
	sandbox: Sandbox,
	parameters: INodeParameters,
	extra: PollerExtra = {},
) {
	const data = { accessToken: '', ...paysafeCredential(sandbox.url) };
	return providerPoller('paysafeCards', { type: new PaysafeApi(), data }, parameters, extra);
}

/** Dintero (its token is fetched by the credential and kept). */
export function dinteroPoller(
	sandbox: Sandbox,
	parameters: INodeParameters,
	extra: PollerExtra = {},
) {
	const data = { accessToken: '', ...dinteroCredential(sandbox.url) };
	return providerPoller('dinteroCards', { type: new DinteroApi(), data }, parameters, extra);
}

/** The JSON of each emitted item, or [] for a poll that returned null. */
export function emitted(result: INodeExecutionData[][] | null): IDataObject[] {
	return result === null ? [] : result[0].map((item) => item.json);
}

export function watchState(poller: Poller): WatchState {
	return poller.nodeStaticData()[STATE_PROPERTY] as unknown as WatchState;
}

/** Bytes of the node's state as n8n stores it (JSON). */
export function stateBytes(poller: Poller): number {
	return Buffer.byteLength(JSON.stringify(poller.nodeStaticData()), 'utf8');
}

/** Requests the sandbox logged for a provider since `from` (an earlier length of the log). */
export function requestsSince(sandbox: Sandbox, provider: string, from: number) {
	return sandbox.admin.requests(provider).slice(from);
}
