import { describe, expect, it } from 'vitest';
import { parseConfigText, parseEnv } from './load.js';
import { staleTimeZones } from './time-zone-data.js';

const withDigestIn = (tz: string) =>
  parseConfigText(
    `sources: [{ id: hespress, adapter: rss, url: "https://www.hespress.com/feed" }]\nalerts:\n  channels: [{ id: mail, type: email, smtp: "smtp://127.0.0.1:25", from: marsad@example.ma, to: [comms@example.ma] }]\n` +
      `  rules: [{ id: daily, tags: [dgsn], channels: [mail], mode: digest, at: "08:00", tz: ${tz} }]\n`,
    'marsad.yml',
  );

describe('staleTimeZones', () => {
  it("names Morocco's zone when the runtime's data predates its return to UTC+0 (Node 20's 2025c)", () => {
    const config = { ...withDigestIn('UTC'), env: parseEnv({}) };
    expect(staleTimeZones(config, '2025c')).toEqual([{ zone: 'Africa/Casablanca', tzdata: '2025c', change: "Morocco's return to UTC+0 on 2026-09-21" }]);
    expect(staleTimeZones(config, '2026c')).toEqual([]);
  });

  it('looks at digest rules as well as the page time zone', () => {
    const config = { ...withDigestIn('Africa/Casablanca'), env: parseEnv({ MARSAD_TIMEZONE: 'Europe/Paris' }) };
    expect(staleTimeZones(config, '2025c').map((stale) => stale.zone)).toEqual(['Africa/Casablanca']);
    expect(staleTimeZones({ ...withDigestIn('UTC'), env: config.env }, '2025c')).toEqual([]);
  });

  it('says nothing on a runtime without time-zone data', () => {
    expect(staleTimeZones({ ...withDigestIn('UTC'), env: parseEnv({}) }, '')).toEqual([]);
  });
});
