import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { DinteroApi } from '../../credentials/DinteroApi.credentials';
import { NymCardApi } from '../../credentials/NymCardApi.credentials';
import { PaysafeApi } from '../../credentials/PaysafeApi.credentials';
import { QontoApi } from '../../credentials/QontoApi.credentials';
import { BulkCardTrigger } from '../../nodes/BulkCardTrigger/BulkCardTrigger.node';
import { STATE_PROPERTY, type WatchState } from '../../nodes/shared/trigger';
import {
	DEFAULT_DINTERO_CLIENT_ID,
	DEFAULT_DINTERO_CLIENT_SECRET,
	DEFAULT_DINTERO_TEST_ACCOUNT,
	DINTERO_BASE_PATH,
} from '../../sandbox/providers/dintero';
import { DEFAULT_NYMCARD_API_KEY } from '../../sandbox/providers/nymcard';
import {
	DEFAULT_PAYSAFE_BRAND,
	DEFAULT_PAYSAFE_CLIENT_ID,
	DEFAULT_PAYSAFE_CLIENT_SECRET,
	PAYSAFE_BASE_PATH,
} from '../../sandbox/providers/paysafe';
import {
	DEFAULT_QONTO_LOGIN,
	DEFAULT_QONTO_SECRET_KEY,
	DEFAULT_QONTO_STAGING_TOKEN,
} from '../../sandbox/providers/qonto';
import type { Sandbox } from '../../sandbox/server';
import { createPoller, type Poller } from '../harness/pollRunner';

export const TRIGGER_TYPE = 'n8n-nodes-bulk-cards.bulkCardTrigger';

/** A Bulk Card Trigger watching the sandbox's NymCard, polled through a real PollContext. */
export function nymCardPoller(
	sandbox: Sandbox,
	parameters: INodeParameters,
	extra: { staticData?: IDataObject; pollBudgetMs?: number } = {},
): Poller {
	return createPoller({
		nodeType: new BulkCardTrigger(),
		typeName: TRIGGER_TYPE,
		parameters: { provider: 'nymCard', ...parameters },
		credentials: [
			{
				type: new NymCardApi(),
				data: {
					apiKey: DEFAULT_NYMCARD_API_KEY,
					environment: 'custom',
					baseUrl: `${sandbox.url}/nymcard/v1`,
				},
			},
		],
		nodeCredentials: { nymCardApi: { id: 'nym', name: 'NymCard sandbox' } },
		...extra,
	});
}

/** The same for Qonto, with the API-key credential (reading cards needs no more). */
export function qontoPoller(
	sandbox: Sandbox,
	parameters: INodeParameters,
	extra: { staticData?: IDataObject; pollBudgetMs?: number } = {},
): Poller {
	return createPoller({
		nodeType: new BulkCardTrigger(),
		typeName: TRIGGER_TYPE,
		parameters: { provider: 'qontoCards', authentication: 'apiKey', ...parameters },
		credentials: [
			{
				type: new QontoApi(),
				data: {
					environment: 'custom',
					baseUrl: `${sandbox.url}/qonto`,
					stagingToken: DEFAULT_QONTO_STAGING_TOKEN,
					login: DEFAULT_QONTO_LOGIN,
					secretKey: DEFAULT_QONTO_SECRET_KEY,
				},
			},
		],
		nodeCredentials: { qontoApi: { id: 'qonto', name: 'Qonto sandbox' } },
		...extra,
	});
}

/** The same for Paysafe (its token is fetched once by preAuthentication and kept). */
export function paysafePoller(
	sandbox: Sandbox,
	parameters: INodeParameters,
	extra: { staticData?: IDataObject; pollBudgetMs?: number } = {},
): Poller {
	return createPoller({
		nodeType: new BulkCardTrigger(),
		typeName: TRIGGER_TYPE,
		parameters: { provider: 'paysafeCards', ...parameters },
		credentials: [
			{
				type: new PaysafeApi(),
				data: {
					accessToken: '',
					clientId: DEFAULT_PAYSAFE_CLIENT_ID,
					clientSecret: DEFAULT_PAYSAFE_CLIENT_SECRET,
					brand: DEFAULT_PAYSAFE_BRAND,
					environment: 'custom',
					baseUrl: `${sandbox.url}${PAYSAFE_BASE_PATH}`,
					hmacSecret: '',
				},
			},
		],
		nodeCredentials: { paysafeApi: { id: 'paysafe', name: 'Paysafe sandbox' } },
		...extra,
	});
}

/** The same for Dintero (its token is fetched by the credential and kept). */
export function dinteroPoller(
	sandbox: Sandbox,
	parameters: INodeParameters,
	extra: { staticData?: IDataObject; pollBudgetMs?: number } = {},
): Poller {
	return createPoller({
		nodeType: new BulkCardTrigger(),
		typeName: TRIGGER_TYPE,
		parameters: { provider: 'dinteroCards', ...parameters },
		credentials: [
			{
				type: new DinteroApi(),
				data: {
					accessToken: '',
					accountId: DEFAULT_DINTERO_TEST_ACCOUNT,
					clientId: DEFAULT_DINTERO_CLIENT_ID,
					clientSecret: DEFAULT_DINTERO_CLIENT_SECRET,
					environment: 'custom',
					baseUrl: `${sandbox.url}${DINTERO_BASE_PATH}`,
				},
			},
		],
		nodeCredentials: { dinteroApi: { id: 'dintero', name: 'Dintero sandbox' } },
		...extra,
	});
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
