import type { INodeProperties } from 'n8n-workflow';

import type { ProviderSession } from '../../../shared/session';
import type { ValidationReport } from '../../../shared/validation';
import type { ScaSettings } from '../../helpers/sca';

/** Strong customer authentication settings, shared by Create and Submit. */
export const approvalProperties: INodeProperties[] = [
	{
		displayName: 'Wait for Approval',
		name: 'waitForApproval',
		type: 'boolean',
		default: true,
		description:
			"Whether to wait while the card holder's manager approves the order on their Qonto device (strong customer authentication). Otherwise the calls come back as awaiting_approval, to be sent later by the Submit operation.",
	},
	{
		displayName: 'Approval Timeout (Seconds)',
		name: 'approvalTimeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 900 },
		default: 300,
		displayOptions: { show: { waitForApproval: [true] } },
		description:
			'How long to wait for the approval; Qonto keeps the approval request 15 minutes. Calls still waiting then come back as awaiting_approval.',
	},
	{
		displayName: 'Approval Method',
		name: 'scaPreference',
		type: 'options',
		default: '',
		options: [
			{ name: "Qonto's Default (Paired Device)", value: '' },
			{ name: 'Paired Device', value: 'paired-device' },
			{ name: 'Passkey', value: 'passkey' },
			{ name: 'SMS Code (Embed Partners Only)', value: 'sms-otp' },
		],
		description: 'Sent as X-Qonto-2fa-Preference',
	},
];

export function readApprovalSettings(
	session: ProviderSession,
	report: ValidationReport,
): ScaSettings & { scaPreference?: string } {
	const waitForApproval = session.parameter<unknown>('waitForApproval', true) !== false;
	const timeout = waitForApproval
		? report.requireInteger(
				'Approval Timeout (Seconds)',
				session.parameter('approvalTimeoutSeconds', 300),
				1,
				900,
			)
		: 0;
	const preference = String(session.parameter('scaPreference', '') ?? '');
	return {
		waitForApproval,
		approvalTimeoutSeconds: timeout ?? 0,
		...(preference ? { scaPreference: preference } : {}),
	};
}
