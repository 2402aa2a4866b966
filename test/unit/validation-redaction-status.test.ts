import { NodeOperationError, type INode } from 'n8n-workflow';

import { checkBaseUrl } from '../../nodes/shared/baseUrl';
import {
	extractFieldErrors,
	extractProviderMessage,
	extractTraceId,
} from '../../nodes/shared/errors';
import { redact, REDACTED } from '../../nodes/shared/redaction';
import { NYMCARD_BULK_STATES } from '../../nodes/NymCard/helpers/bulkStatus';
import { isTerminal, normaliseState } from '../../nodes/shared/status';
import { RESOURCE_ID_PATTERN, upperCased, ValidationReport } from '../../nodes/shared/validation';
import {
	computeActivationToken,
	readCardDetails,
} from '../../nodes/NymCard/helpers/activationToken';
import { readCursorPage } from '../../nodes/NymCard/transport';

const node = {
	name: 'NymCard',
	type: 'n8n-nodes-bulk-cards.nymCard',
	typeVersion: 1,
	parameters: {},
} as unknown as INode;

describe('ValidationReport', () => {
	it('reports every field error at once, tied to the item', () => {
		const report = new ValidationReport();
		report.requireText('Card Product ID', '', {});
		report.requireInteger('Number of Cards', 0, 1);
		report.requireText('Currency', 'usd dollars', {
			pattern: /^[A-Z]{3}$/,
			patternHint: 'must be a 3-letter code',
		});
		let thrown: NodeOperationError | undefined;
		try {
			report.throwIfInvalid(node, 4, 'The order');
		} catch (error) {
			thrown = error as NodeOperationError;
		}
		expect(thrown).toBeInstanceOf(NodeOperationError);
		expect(thrown?.message).toBe('The order has 3 invalid fields; nothing was sent');
		expect(thrown?.context.itemIndex).toBe(4);
		expect(thrown?.description).toContain('Card Product ID: is required');
		expect(thrown?.description).toContain('Number of Cards: must be at least 1');
		expect(thrown?.description).toContain('Currency: must be a 3-letter code');
		expect(thrown?.context.fieldErrors).toHaveLength(3);
	});

	it('takes text or a number as text, and refuses objects, lists, booleans and NaN', () => {
		const report = new ValidationReport();
		expect(report.requireText('ID', 12345)).toBe('12345');
		expect(report.requireText('Country', upperCased('ae'))).toBe('AE');
		for (const value of [{ a: 1 }, ['a', 'b'], true, Number.NaN]) report.requireText('ID', value);
		report.requireText('Country', upperCased({ code: 'AE' }));
		expect(report.errors.map((error) => error.message)).toEqual([
			'must be text (got {"a":1})',
			'must be text (got ["a","b"])',
			'must be text (got true)',
			'must be text (got NaN)',
			'must be text (got {"code":"AE"})',
		]);
	});

	it('does not throw when everything is valid', () => {
		const report = new ValidationReport();
		expect(report.requireInteger('n', '12', 1, 20)).toBe(12);
		expect(() => report.throwIfInvalid(node, 0, 'x')).not.toThrow();
	});
});

describe('redact', () => {
	it('masks secret fields at any depth and cuts secret values out of strings', () => {
		const input = {
			apikey: 'tenant64-abc',
			message: 'key tenant64-abc was rejected',
			card: {
				pan: '4122432442321234',
				masked_pan: '412243******1234',
				cvv2: '453',
				expiry_date: '2112',
			},
			list: [{ activation_token: 'ABC' }],
		};
		const output = redact(input, ['tenant64-abc']);
		expect(output).toEqual({
			apikey: REDACTED,
			message: `key ${REDACTED} was rejected`,
			card: {
				pan: REDACTED,
				masked_pan: '412243******1234',
				cvv2: REDACTED,
				expiry_date: REDACTED,
			},
			list: [{ activation_token: REDACTED }],
		});
		expect(input.apikey).toBe('tenant64-abc');
	});
});

describe('normaliseState', () => {
	it.each([
		['draft', 'draft'],
		['DRAFT', 'draft'],
		['SUBMITTED', 'submitted'],
		['Processing', 'processing'],
		['COMPLETED', 'completed'],
		['in progress', 'processing'],
		['FAILED', 'failed'],
		['SOMETHING_NEW', 'unknown'],
		['constructor', 'unknown'],
	])('NymCard %s → %s', (raw, state) => {
		expect(normaliseState(NYMCARD_BULK_STATES, raw)).toBe(state);
	});

	it('marks only final states terminal', () => {
		expect(isTerminal('completed')).toBe(true);
		expect(isTerminal('failed')).toBe(true);
		expect(isTerminal('processing')).toBe(false);
		expect(isTerminal('unknown')).toBe(false);
	});
});

describe('provider error bodies', () => {
	it('finds the message and field errors in the common shapes', () => {
		const nested = {
			error: {
				code: 'VALIDATION_ERROR',
				message: 'Invalid request',
				details: [{ field: 'number_of_cards', message: 'too many' }],
			},
		};
		expect(extractProviderMessage(nested)).toBe('Invalid request');
		expect(extractFieldErrors(nested)).toEqual([{ field: 'number_of_cards', message: 'too many' }]);
		expect(extractProviderMessage({ message: 'Request Attempt Exceed' })).toBe(
			'Request Attempt Exceed',
		);
		expect(
			extractFieldErrors({
				errors: [{ source: { pointer: '/cards/0/holder_id' }, detail: 'missing' }],
			}),
		).toEqual([{ field: '/cards/0/holder_id', message: 'missing' }]);
		expect(extractProviderMessage('<html>')).toBe('<html>');
		expect(extractProviderMessage(undefined)).toBeUndefined();
	});
});

describe('checkBaseUrl', () => {
	it('accepts https anywhere and http only on loopback', () => {
		expect(checkBaseUrl('https://api.example.test/v1/')).toEqual({
			ok: true,
			url: 'https://api.example.test/v1',
		});
		expect(checkBaseUrl('http://127.0.0.1:8787/nymcard/v1')).toEqual({
			ok: true,
			url: 'http://127.0.0.1:8787/nymcard/v1',
		});
		expect(checkBaseUrl('http://localhost/v1')).toMatchObject({ ok: true });
		expect(checkBaseUrl('http://api.example.test/v1')).toMatchObject({ ok: false });
		expect(checkBaseUrl('ftp://127.0.0.1/')).toMatchObject({ ok: false });
		expect(checkBaseUrl('')).toMatchObject({ ok: false });
	});
});

describe('NymCard activation token', () => {
	it('matches the example of the NymCard docs', () => {
		expect(computeActivationToken('4122432442321234', '2112', '453')).toBe(
			'4E8AACE317CBF21390FA7F9DB3F772E724DB1A50609F5592F3007E3AD54A463F9BD0B45A8EC1BC204C32655E8AE1B3964B67C2DAADFA0DA95B49C1CE83F86946',
		);
	});

	it('accepts MM/YY as printed and reports bad details without echoing them', () => {
		const report = new ValidationReport();
		expect(
			readCardDetails(report, { pan: '4122 4324 4232 1234', expiry: '12/21', cvv2: '453' }),
		).toEqual({
			pan: '4122432442321234',
			expiry: '2112',
			cvv2: '453',
		});
		const bad = new ValidationReport();
		expect(
			readCardDetails(bad, { pan: '41224324423', expiry: '2113', cvv2: '45' }),
		).toBeUndefined();
		expect(bad.errors.map((error) => error.field)).toEqual([
			'Card Number (PAN)',
			'Expiry (YYMM)',
			'CVV2',
		]);
		expect(JSON.stringify(bad.errors)).not.toContain('41224324423');
	});
});

describe('RESOURCE_ID_PATTERN', () => {
	it('accepts UUIDs and other plain ids, refuses what cannot be an id in a URL path', () => {
		for (const id of ['8009ace0-c16e-4d03-8a89-36010cf30b87', 'bulk_123', 'BI.2026:7']) {
			expect(RESOURCE_ID_PATTERN.test(id)).toBe(true);
		}
		for (const id of ['', '..', '../cards', 'a b', 'id?x=1', '{{ $json.id }}', 'x'.repeat(101)]) {
			expect(RESOURCE_ID_PATTERN.test(id)).toBe(false);
		}
	});
});

describe('readCursorPage', () => {
	const records = [{ id: 'a' }, { id: 'b' }];

	it('follows paging.after while has_more is true', () => {
		expect(readCursorPage({ data: records, paging: { after: 'c2', has_more: true } }, 2)).toEqual({
			records,
			next: 'c2',
		});
		expect(readCursorPage({ data: records, paging: { after: 'c2', has_more: false } }, 2)).toEqual({
			records,
			next: undefined,
		});
	});

	it('accepts other names of the records array and a bare array', () => {
		expect(readCursorPage({ items: records, paging: {} }, 5).records).toEqual(records);
		expect(readCursorPage({ cards: records }, 5).records).toEqual(records);
		expect(readCursorPage(records, 5)).toEqual({ records, next: undefined });
	});

	it('without has_more, continues only after a full page', () => {
		expect(readCursorPage({ data: records, paging: { after: 'c2' } }, 2).next).toBe('c2');
		expect(readCursorPage({ data: records, paging: { after: 'c2' } }, 3).next).toBeUndefined();
	});

	it('stops on an empty page even if told there is more', () => {
		expect(
			readCursorPage({ data: [], paging: { after: 'c2', has_more: true } }, 2).next,
		).toBeUndefined();
	});
});

describe('provider error bodies', () => {
	it('reads JSON:API errors with a pointer and the trace id for support', () => {
		const body = {
			errors: [
				{
					code: 'invalid',
					detail: 'is not a membership',
					source: { pointer: '/cards/0/card/holder_id' },
				},
			],
			trace_id: 'trace-123',
		};
		expect(extractFieldErrors(body)).toEqual([
			{ field: '/cards/0/card/holder_id', message: 'is not a membership' },
		]);
		expect(extractTraceId(body)).toBe('trace-123');
	});

	it('reads a single error object where a list is usual', () => {
		const body = { errors: { code: 'unprocessable', detail: 'holder_id is missing', status: 422 } };
		expect(extractFieldErrors(body)).toEqual([
			{ field: '(request)', message: 'holder_id is missing' },
		]);
	});
});
