import { createHash } from 'crypto';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { deriveIdempotencyKey } from '../../../shared/idempotency';
import { defineOperation } from '../../../shared/operation';
import type { ProviderSession } from '../../../shared/session';
import type { ValidationReport } from '../../../shared/validation';
import { computeActivationToken, readCardDetails } from '../../helpers/activationToken';
import { NYMCARD, unwrapResource } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Card Identified By',
		name: 'tokenSource',
		type: 'options',
		default: 'cardDetails',
		options: [
			{
				name: 'Card Details',
				value: 'cardDetails',
				description:
					'Card number, expiry and CVV2; the activation token is computed inside n8n and the details are never sent',
			},
			{ name: 'Activation Token', value: 'token', description: 'A ready SHA-512 activation token' },
		],
	},
	{
		displayName: 'Card Number (PAN)',
		name: 'pan',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		displayOptions: { show: { tokenSource: ['cardDetails'] } },
		description: 'The 16-digit number printed on the card',
	},
	{
		displayName: 'Expiry (YYMM)',
		name: 'expiry',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		placeholder: '2112',
		displayOptions: { show: { tokenSource: ['cardDetails'] } },
		description:
			'Year and month as YYMM (2112 = December 2021); MM/YY as printed on the card is accepted too',
	},
	{
		displayName: 'CVV2',
		name: 'cvv2',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		displayOptions: { show: { tokenSource: ['cardDetails'] } },
		description: 'The 3-digit code on the back of the card',
	},
	{
		displayName: 'Activation Token',
		name: 'activationToken',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		displayOptions: { show: { tokenSource: ['token'] } },
		description: 'Upper-case hex SHA-512 of PAN + expiry (YYMM) + CVV2',
	},
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		description:
			'The NymCard user who receives the card, e.g. 8009ace0-c16e-4d03-8a89-36010cf30b87',
	},
];

export const { description, execute } = defineOperation({
	resource: 'card',
	operation: 'link',
	properties,
	subject: 'The card link',
	read: (session, report) => {
		const activationToken = readActivationToken(session, report);
		const userId = report.requireId('User ID', session.parameter('userId'), 'of a NymCard user');
		return { activationToken: activationToken ?? '', userId: userId ?? '' };
	},
	run: async (session, { activationToken, userId }) => {
		// The key must not reveal the token; a fingerprint of token + user repeats for a retry only.
		const tokenFingerprint = createHash('sha256')
			.update(`${activationToken}:${userId}`)
			.digest('hex');
		const response = await session.request<IDataObject>(
			{
				method: 'POST',
				path: '/cards:link',
				body: { activation_token: activationToken, user_id: userId },
				idempotencyKey: deriveIdempotencyKey({
					provider: NYMCARD.provider,
					purpose: 'card.link',
					orderReference: tokenFingerprint,
				}),
			},
			'link the card to the user',
		);
		const card = unwrapResource(response.body);
		return {
			provider: NYMCARD.provider,
			linked: true,
			userId,
			cardId: typeof card.id === 'string' ? card.id : null,
			card,
		};
	},
});

/**
 * The activation token, given or computed from the card details; every value typed is added to
 * the session's secrets first, so that no error or output can show it.
 */
function readActivationToken(
	session: ProviderSession,
	report: ValidationReport,
): string | undefined {
	const parameter = (name: string) => String(session.parameter(name, '') ?? '');
	if (parameter('tokenSource') === 'token') {
		const token = parameter('activationToken').replace(/\s/g, '');
		session.secrets.push(token, token.toUpperCase());
		if (token === '') report.add('Activation Token', 'is required');
		else if (!/^[0-9a-fA-F]{128}$/.test(token))
			report.add('Activation Token', 'must be 128 hexadecimal characters (a SHA-512 hash)');
		else return token.toUpperCase();
		return undefined;
	}
	const raw = { pan: parameter('pan'), expiry: parameter('expiry'), cvv2: parameter('cvv2') };
	session.secrets.push(...Object.values(raw).map((value) => value.trim()));
	const card = readCardDetails(report, raw);
	if (!card) return undefined;
	const token = computeActivationToken(card.pan, card.expiry, card.cvv2);
	session.secrets.push(token);
	return token;
}
