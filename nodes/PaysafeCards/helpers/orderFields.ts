import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { compact } from '../../shared/compact';
import { upperCased, type ValidationReport } from '../../shared/validation';

// Every rule below is from POST /customers/{customerId}/prepaid/cards/bulk
// (https://docs.paysafe.com/api/embedded-wallets/business/2.0.0/prepaid-cards/bulk-ordering-prepaid-cards,
// providers.md §3.3 and §6).
const MOBILE_PATTERN = /^\+\d+\s?\d{1,16}$/;
const CITY_PATTERN = /^[\p{L} .-]+$/u;
const US_POSTAL_CODE_PATTERN = /^[a-zA-Z0-9\- ]*$/;
const PRINTABLE_ASCII = /^[\x20-\x7E]+$/;

export const deliveryAddressProperty: INodeProperties = {
	displayName: 'Delivery Address',
	name: 'deliveryAddress',
	type: 'collection',
	placeholder: 'Add Address Field',
	default: {},
	description:
		'Where the physical cards are delivered. Address Line 1, City, Country Code and Postal Code are required; State too for US customers.',
	options: [
		{ displayName: 'Address Line 1', name: 'address1', type: 'string', default: '' },
		{ displayName: 'Address Line 2', name: 'address2', type: 'string', default: '' },
		{ displayName: 'Address Line 3', name: 'address3', type: 'string', default: '' },
		{ displayName: 'City', name: 'city', type: 'string', default: '' },
		{
			displayName: 'Country Code',
			name: 'countryCode',
			type: 'string',
			default: '',
			placeholder: 'BG',
			description: 'Two-letter ISO 3166 code; US applies the US rules to State and Postal Code',
		},
		{ displayName: 'Postal Code', name: 'postalCode', type: 'string', default: '' },
		{
			displayName: 'State',
			name: 'state',
			type: 'string',
			default: '',
			placeholder: 'UT',
			description: 'Two or three letters; required for US customers',
		},
	],
};

export interface DeliveryAddressInput {
	address1?: string;
	address2?: string;
	address3?: string;
	city?: string;
	countryCode?: string;
	postalCode?: string;
	state?: string;
}

/** Paysafe's `deliveryAddress`, checked field by field. */
export function readDeliveryAddress(
	report: ValidationReport,
	input: DeliveryAddressInput | undefined,
): IDataObject {
	const fields = input ?? {};
	const label = (name: string) => `Delivery Address › ${name}`;
	const countryCode = report.requireText(label('Country Code'), upperCased(fields.countryCode), {
		pattern: /^[A-Z]{2}$/,
		patternHint: 'must be a two-letter ISO 3166 code such as BG or US',
	});
	const us = countryCode === 'US';
	const city = report.requireText(label('City'), fields.city, {
		maxLength: 30,
		pattern: CITY_PATTERN,
		patternHint: 'may contain only letters, spaces, hyphens and periods',
	});
	const postalCode = us
		? report.requireText(label('Postal Code'), fields.postalCode, {
				minLength: 4,
				maxLength: 10,
				pattern: US_POSTAL_CODE_PATTERN,
				patternHint: 'may contain only letters, digits, hyphens and spaces for US customers',
			})
		: report.requireText(label('Postal Code'), fields.postalCode, { maxLength: 16 });
	return compact({
		address1: report.requireText(label('Address Line 1'), fields.address1, {
			minLength: 4,
			maxLength: 40,
		}),
		address2: report.requireText(label('Address Line 2'), fields.address2, {
			required: false,
			maxLength: 30,
		}),
		address3: report.requireText(label('Address Line 3'), fields.address3, {
			required: false,
			maxLength: 30,
		}),
		city,
		countryCode,
		state: report.requireText(label('State'), upperCased(fields.state), {
			required: us,
			minLength: us ? 2 : undefined,
			maxLength: 3,
		}),
		postalCode,
	});
}

export function readMobile(report: ValidationReport, input: unknown): string | undefined {
	return report.requireText('Mobile', input, {
		required: false,
		pattern: MOBILE_PATTERN,
		patternHint: 'must be an international number such as +359888333333',
	});
}

export function readCurrency(report: ValidationReport, input: unknown): string | undefined {
	return report.requireText('Currency', typeof input === 'string' ? input.toUpperCase() : input, {
		pattern: /^[A-Z]{3}$/,
		patternHint: 'must be a three-letter ISO 4217 code such as EUR or USD',
	});
}

/**
 * One card of an order listed card by card. Only the per-card fields Paysafe documents are sent
 * (`externalId`, `nameOnCard`, `cardPin`; names as in its consumer card API, unconfirmed for bulk:
 * providers.md unknown 22), so other columns of an input item stay in n8n.
 */
export function checkPaysafeCard(
	card: IDataObject,
	report: ValidationReport,
	label: string,
	us: boolean,
): IDataObject {
	const field = (name: string) => `${label} › ${name}`;
	const externalId = report.requireText(field('externalId'), card.externalId, {
		required: false,
		maxLength: 40,
	});
	const nameOnCard = report.requireText(field('nameOnCard'), card.nameOnCard, {
		required: false,
		maxLength: 27,
		pattern: PRINTABLE_ASCII,
		patternHint: 'may contain only ASCII letters, digits, spaces and punctuation (no accents)',
	});
	const pin = card.cardPin === undefined || card.cardPin === null ? '' : String(card.cardPin);
	if (pin !== '' && us)
		report.add(
			field('cardPin'),
			'cannot be set in a bulk order for US customers: Paysafe asks US customers to set their PIN in a separate call',
		);
	else if (pin !== '' && !/^\d{4}$/.test(pin)) report.add(field('cardPin'), 'must be 4 digits');
	return compact({ externalId, nameOnCard, cardPin: pin || undefined });
}
