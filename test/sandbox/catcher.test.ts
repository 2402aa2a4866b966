import axios from 'axios';

import type { Sandbox } from '../../sandbox/server';
import { adminClient, useTestSandbox } from './helpers';

// The webhook catcher stands in for Slack's Incoming Webhooks and a mail relay in the examples.
let sandbox: Sandbox;
useTestSandbox((started) => (sandbox = started));

const client = () => axios.create({ baseURL: sandbox.url, validateStatus: () => true });

describe('webhook catcher', () => {
	it('keeps what is posted to a channel, with its time, and answers like Slack', async () => {
		sandbox.admin.clock.advance(60_000);
		const slack = await client().post('/__catcher/slack', { text: 'Card GIFT-1 activated' });
		expect(slack.status).toBe(200);
		expect(slack.data).toBe('ok');
		await client().post('/__catcher/email', { to: 'ops@example.com', subject: 'Expired' });
		await client().post('/__catcher/slack', 'plain text', {
			headers: { 'content-type': 'text/plain' },
		});

		const all = sandbox.admin.catcher.messages();
		expect(all.map((message) => [message.seq, message.channel])).toEqual([
			[1, 'slack'],
			[2, 'email'],
			[3, 'slack'],
		]);
		expect(all[0]).toMatchObject({
			body: { text: 'Card GIFT-1 activated' },
			contentType: expect.stringContaining('application/json'),
		});
		expect(all[0].receivedAtMs).toBeGreaterThanOrEqual(Date.now() + 55_000); // the sandbox clock
		expect(all[0].receivedAt).toBe(new Date(all[0].receivedAtMs).toISOString());
		expect(all[2].body).toBe('plain text');

		const listed = await adminClient(sandbox).get('/catcher', { params: { channel: 'email' } });
		expect(listed.data.messages).toEqual([
			expect.objectContaining({
				channel: 'email',
				body: { to: 'ops@example.com', subject: 'Expired' },
			}),
		]);
		expect((await adminClient(sandbox).get('/catcher')).data.messages).toHaveLength(3);
	});

	it('is emptied by DELETE and by the sandbox reset', async () => {
		await client().post('/__catcher/slack', { text: 'one' });
		expect((await adminClient(sandbox).delete('/catcher')).status).toBe(200);
		expect(sandbox.admin.catcher.messages()).toEqual([]);
		await client().post('/__catcher/slack', { text: 'two' });
		expect(sandbox.admin.catcher.messages()[0].seq).toBe(1);
		await adminClient(sandbox).post('/reset', {});
		expect(sandbox.admin.catcher.messages()).toEqual([]);
	});

	it('refuses other methods and bad channel names; its requests are not provider traffic', async () => {
		expect((await client().get('/__catcher/slack')).status).toBe(405);
		expect((await client().post('/__catcher/', {})).status).toBe(404);
		expect((await client().post('/__catcher/a/b', {})).status).toBe(404);
		expect(
			(await adminClient(sandbox).get('/catcher', { params: { channel: 'a b' } })).status,
		).toBe(400);
		expect(sandbox.admin.catcher.messages()).toEqual([]);
		expect(sandbox.admin.requests()).toEqual([]);
	});
});
