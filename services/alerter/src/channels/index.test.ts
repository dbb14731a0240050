import { ChannelSchema } from '@marsad/config';
import { startSmtpServer } from '@marsad/testing';
import { describe, expect, it } from 'vitest';
import { createChannel, type Envelope } from './index.js';

const envelope = (n: number): Envelope => ({
  deliveryKey: `rule:story-${n}:mail`,
  rule: 'rule',
  subject: `خبر ${n}`,
  text: `نص ${n}`,
  html: `<p>نص ${n}</p>`,
  bodies: { json: {}, slack: {}, teams: {} },
});

describe('e-mail channel', () => {
  it('sends a burst of alerts a few at a time, and every one of them', async () => {
    const smtp = await startSmtpServer(0, undefined, { holdMs: 150 });
    const channel = createChannel(ChannelSchema.parse({ id: 'mail', type: 'email', smtp: smtp.url, from: 'marsad@example.ma', to: ['press@example.ma'] }));
    try {
      await Promise.all(Array.from({ length: 10 }, (_, n) => channel.send(envelope(n))));
      expect(smtp.received.map((m) => m.parsed.subject).sort()).toEqual(Array.from({ length: 10 }, (_, n) => `خبر ${n}`).sort());
      expect(smtp.maxInFlight).toBe(3);
    } finally {
      await channel.close();
      await smtp.close();
    }
  });
});
