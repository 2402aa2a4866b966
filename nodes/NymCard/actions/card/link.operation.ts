import { createHash } from 'crypto';
import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { deriveIdempotencyKey } from '../../../shared/idempotency';
import { requestOptionsCollection } from '../../../shared/options';
import { redact } from '../../../shared/redaction';
import { ValidationReport } from '../../../shared/validation';
import { computeActivationToken, readCardDetails } from '../../helpers/activationToken';
import { RESOURCE_ID_PATTERN } from '../../helpers/bulkIssuanceFields';
import { NYMCARD, unwrapResource, type NymCardSession } from '../../transport';

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
	requestOptionsCollection,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['card'], operation: ['link'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	session: NymCardSession,
): Promise<IDataObject> {
	const parameter = (name: string) => this.getNodeParameter(name, itemIndex, '') as string;
	const report = new ValidationReport();
	let activationToken: string | undefined;
	if (parameter('tokenSource') === 'token') {
		const token = parameter('activationToken').replace(/\s/g, '');
		session.secrets.push(token);
		if (token === '') report.add('Activation Token', 'is required');
		else if (!/^[0-9a-fA-F]{128}$/.test(token))
			report.add('Activation Token', 'must be 128 hexadecimal characters (a SHA-512 hash)');
		else activationToken = token.toUpperCase();
	} else {
		const raw = { pan: parameter('pan'), expiry: parameter('expiry'), cvv2: parameter('cvv2') };
		session.secrets.push(...Object.values(raw).map((value) => String(value).trim()));
		const card = readCardDetails(report, raw);
		if (card) activationToken = computeActivationToken(card.pan, card.expiry, card.cvv2);
	}
	const userId = report.requireText('User ID', parameter('userId'), {
		pattern: RESOURCE_ID_PATTERN,
		patternHint: 'must be the id of a NymCard user (letters, digits, - _ . : ~)',
	});
	report.throwIfInvalid(this.getNode(), itemIndex, 'The card link');
	session.secrets.push(activationToken as string);

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
		userId: userId as string,
		cardId: typeof card.id === 'string' ? card.id : null,
		card: redact(card, session.secrets),
	};
}
