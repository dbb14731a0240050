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

  it("looks at the sources' zones too", () => {
    const paris = parseEnv({ MARSAD_TIMEZONE: 'Europe/Paris' });
    const config = parseConfigText('sources: [{ id: hespress, adapter: rss, url: "https://www.hespress.com/feed", timeZone: Africa/Casablanca }]\n', 'marsad.yml');
    expect(staleTimeZones({ ...config, env: paris }, '2025c').map((stale) => stale.zone)).toEqual(['Africa/Casablanca']);
    // Only where they are used: a fetcher reads the sources' times, a dashboard writes the pages'.
    expect(staleTimeZones({ ...config, env: paris }, '2025c', { pages: true, sources: false })).toEqual([]);
    expect(staleTimeZones({ ...config, env: paris }, '2025c', { pages: false, sources: true }).map((stale) => stale.zone)).toEqual(['Africa/Casablanca']);
    const casablancaPages = { ...withDigestIn('UTC'), env: parseEnv({ MARSAD_TIMEZONE: 'Africa/Casablanca' }) };
    expect(staleTimeZones(casablancaPages, '2025c', { pages: false, sources: true })).toEqual([]);
  });

  it("refuses a source's time zone that is no IANA name, naming the line", () => {
    expect(() => parseConfigText('sources:\n  - { id: a, adapter: rss, url: "https://a.ma/feed", timeZone: Morocco }\n', 'marsad.yml')).toThrow(/marsad\.yml:2:\d+: sources\[0\]\.timeZone: unknown time zone/);
  });

  it('says nothing on a runtime without time-zone data', () => {
    expect(staleTimeZones({ ...withDigestIn('UTC'), env: parseEnv({}) }, '')).toEqual([]);
  });
});
