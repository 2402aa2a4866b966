import type { IDataObject } from 'n8n-workflow';

import { computeActivationToken } from '../../nodes/NymCard/helpers/activationToken';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { CREDENTIAL_SECRETS, runNode } from './support/providers';
import { recordRows } from './support/results';
import { captureConsole, SecretScan } from './support/secrets';

// Secrets with real card details: cards ordered at the sandbox, their PAN, expiry and CVV2 read
// through its admin API (the only way a client learns them), then linked through n8n's real
// WorkflowExecute — with the right details, wrong ones and twice — and every output, error and
// console line scanned for the card details, the activation token computed from them and the
// credential values. (The fault matrix and the bad-input tests scan their own runs the same way.)

let sandbox: Sandbox;
let consoleCapture: ReturnType<typeof captureConsole>;
const scan = new SecretScan();

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
	consoleCapture = captureConsole();
	scan.add(...CREDENTIAL_SECRETS);
});

afterAll(async () => {
	consoleCapture?.restore();
	await sandbox?.close();
});

describe('secrets scan', () => {
	it('finds a planted secret, and lets only the fields meant for them carry PINs and tokens', () => {
		const probe = new SecretScan();
		probe.add('5123450000000346', '739', 'DINCARD:0f3c1b7e-0000-4000-8000-000000000001');
		probe.scan('probe', {
			cards: [{ pinValue: '739', tokenValue: 'DINCARD:0f3c1b7e-0000-4000-8000-000000000001' }],
			error: { description: 'card 5123450000000346 was refused', cvv: '739' },
			note: 'code 7390 is not a CVV',
		});
		expect(probe.leaks.map((leak) => leak.path)).toEqual(['$.error.description', '$.error.cvv']);
	});

	it('never shows the card details of a NymCard link, linked, refused or repeated', async () => {
		const created = await runNode(sandbox, 'nymcard', {
			resource: 'bulkIssuance',
			operation: 'create',
			cardProductId: 'f4947edd-0dc1-4d60-af5a-f0dcb01d141c',
			numberOfCards: 3,
			orderReference: 'PO-SECRETS-1',
			submitAfterCreate: true,
			options: { requestsPerSecond: 50 },
		});
		expect(created.error).toBeUndefined();
		const bulkId = String(created.items[0].json.bulkIssuanceId);
		const cards = [0, 1, 2].map((index) => sandbox.admin.nymcard.cardSecrets(bulkId, index));
		for (const card of cards) {
			scan.add(
				card.pan,
				card.cvv2,
				card.expiry,
				computeActivationToken(card.pan, card.expiry, card.cvv2),
			);
			scan.add(`${card.expiry.slice(2)}/${card.expiry.slice(0, 2)}`);
		}
		const link = (card: (typeof cards)[number], cvv2 = card.cvv2) =>
			runNode(sandbox, 'nymcard', {
				resource: 'card',
				operation: 'link',
				tokenSource: 'cardDetails',
				pan: card.pan,
				expiry: `${card.expiry.slice(2)}/${card.expiry.slice(0, 2)}`,
				cvv2,
				userId: '8009ace0-c16e-4d03-8a89-36010cf30b87',
			});
		const wrongCvv = cards[1].cvv2 === '000' ? '001' : '000';
		const runs = [
			['linked', await link(cards[0])],
			['wrong CVV2', await link(cards[1], wrongCvv)],
			['linked', await link(cards[2])],
			['linked again', await link(cards[2])],
		] as const;
		expect(runs[0][1].items[0]?.json).toMatchObject({ linked: true });
		expect(runs[1][1].error?.message).toBeDefined();
		for (const [what, run] of [['create', created] as const, ...runs]) {
			run.items.forEach((item, index) => scan.scan(`${what} item ${index}`, item.json));
			scan.scanError(`${what} error`, run.error);
		}
		scan.scan('console', consoleCapture.lines);
		recordRows('matrix-zz-secrets', [
			{
				provider: 'nymcard',
				scenario: `secrets scan, card link: ${scan.size} secrets × ${scan.stringsScanned} strings`,
				result: scan.leaks.length === 0 ? 'ok' : 'FAIL',
			} as IDataObject,
		]);
		expect(scan.leaks).toEqual([]);
	});
});
