import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { compact } from '../../shared/compact';
import { upperCased, type ValidationReport } from '../../shared/validation';

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * NymCard's bulk guide asks for a shipping address in its prose but its example order has none, and
 * the field names are not public (providers.md, NymCard unknown 5): the address is optional, sent
 * only when given, and no field of it is required here, so NymCard's own answer decides. These
 * snake_case names follow nCore's user address style; Additional Body Fields can send another shape.
 * https://docs.nymcard.com/get-started/issuing-physical-cards/bulk-card-issuance
 */
export const shippingAddressProperty: INodeProperties = {
	displayName: 'Shipping Address',
	name: 'shippingAddress',
	type: 'collection',
	placeholder: 'Add Address Field',
	default: {},
	description:
		'Where the whole bulk is delivered, e.g. a branch. Optional: sent only when filled in, as shipping_address.',
	options: [
		{ displayName: 'Address Line 1', name: 'addressLine1', type: 'string', default: '' },
		{ displayName: 'Address Line 2', name: 'addressLine2', type: 'string', default: '' },
		{ displayName: 'City', name: 'city', type: 'string', default: '' },
		{
			displayName: 'Country',
			name: 'country',
			type: 'string',
			default: '',
			placeholder: 'AE',
			description: 'Two-letter ISO 3166 country code',
		},
		{ displayName: 'Postal Code', name: 'postalCode', type: 'string', default: '' },
		{ displayName: 'State / Region', name: 'state', type: 'string', default: '' },
	],
};

export interface ShippingAddressInput {
	addressLine1?: string;
	addressLine2?: string;
	city?: string;
	state?: string;
	postalCode?: string;
	country?: string;
}

/** The address as NymCard's `shipping_address`, or undefined when no field of it is filled in. */
export function readShippingAddress(
	report: ValidationReport,
	input: ShippingAddressInput | undefined,
): IDataObject | undefined {
	const fields = input ?? {};
	const label = (field: string) => `Shipping Address › ${field}`;
	const optional = (field: string, value: unknown, maxLength: number) =>
		report.requireText(label(field), value, { required: false, maxLength });
	const address = compact({
		address_line1: optional('Address Line 1', fields.addressLine1, 100),
		address_line2: optional('Address Line 2', fields.addressLine2, 100),
		city: optional('City', fields.city, 60),
		state: optional('State / Region', fields.state, 60),
		postal_code: optional('Postal Code', fields.postalCode, 20),
		country: report.requireText(label('Country'), upperCased(fields.country), {
			required: false,
			pattern: /^[A-Z]{2}$/,
			patternHint: 'must be a two-letter ISO 3166 code such as AE or US',
		}),
	});
	return Object.keys(address).length > 0 ? address : undefined;
}

export function readAmountAndCurrency(
	report: ValidationReport,
	amountInput: unknown,
	currencyInput: unknown,
): { amount?: number; currency?: string } {
	const currencyText = String(currencyInput ?? '')
		.trim()
		.toUpperCase();
	let amount: number | undefined;
	if (
		amountInput !== undefined &&
		amountInput !== null &&
		amountInput !== '' &&
		amountInput !== 0
	) {
		const value = Number(amountInput);
		if (!Number.isFinite(value) || value < 0) report.add('Amount', 'must be a positive number');
		else if (Math.abs(value * 100 - Math.round(value * 100)) > 1e-6)
			report.add('Amount', 'must have at most 2 decimals');
		else amount = value;
	}
	if (currencyText !== '' && !/^[A-Z]{3}$/.test(currencyText)) {
		report.add('Currency', 'must be a three-letter ISO 4217 code such as USD or AED');
	}
	if (amount !== undefined && currencyText === '')
		report.add('Currency', 'is required when an amount is preloaded');
	return { amount, currency: currencyText || undefined };
}

export function readNameOnCard(report: ValidationReport, input: unknown): string | undefined {
	const name = report.requireText('Name on Card', input, { required: false, maxLength: 26 });
	if (
		name &&
		[...name].some((character) => character.charCodeAt(0) < 32 || character.charCodeAt(0) === 127)
	) {
		report.add('Name on Card', 'must not contain control characters');
	}
	return name;
}
