import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { z } from 'zod';
import { ConfigError } from './config-error.js';
import { DEFAULT_SOURCES_FILE, loadConfig, parseConfigText, parseEnv, resolveConfigFile, type SourceOptionsCheck } from './load.js';
import { parseInterval } from './interval.js';
import { SourceSchema } from './file-schema.js';
import { explainConfigSlips } from './key-hints.js';
import { BUNDLED_SEEDS_DIR } from './references.js';

const VALID = `sources:
  - id: hespress
    adapter: rss
    url: https://www.hespress.com/feed
    interval: 10m
  - { id: le360, adapter: rss, url: "https://fr.le360.ma/rss" }
`;

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

/** As @marsad/sources checks a feed's options (this package cannot depend on it): its one option, fullText. */
const COMMON_KEYS = Object.keys(SourceSchema.shape);
const adapterChecks: Record<string, SourceOptionsCheck> = {
  rss: (entry) => {
    const options = Object.fromEntries(Object.entries(entry).filter(([key]) => !COMMON_KEYS.includes(key)));
    const parsed = z.strictObject({ fullText: z.boolean().optional() }).safeParse(options, { error: explainConfigSlips(COMMON_KEYS) });
    return parsed.success ? [] : parsed.error.issues;
  },
};

describe('parseInterval', () => {
  it.each([
    ['15m', 900_000],
    ['15min', 900_000],
    ['15 minutes', 900_000],
    ['1 minute', 60_000],
    ['2h', 7_200_000],
    ['2 Hours', 7_200_000],
    ['1.5 hrs', 5_400_000],
    ['90s', 90_000],
    ['90 sec', 90_000],
    ['1d', 86_400_000],
    ['1 day', 86_400_000],
    [300, 300_000],
    ['1h30m', 5_400_000],
    ['1 hour 30 minutes', 5_400_000],
    ['5m30s', 330_000],
    ['2h, 15m', 8_100_000],
    ['PT15M', 900_000],
    ['PT1H30M', 5_400_000],
    ['P1D', 86_400_000],
    ['pt90s', 90_000],
  ])('reads %j as people mean it', (written, ms) => {
    expect(parseInterval(written)).toBe(ms);
  });

  it.each(['5 fortnights', '15', 'm', '-5m', '', '5 constructor', '1h 5 fortnights', 'P', 'PT', 'PT0S', '1h30', 'P1W'])('refuses %j', (written) => {
    expect(parseInterval(written)).toBeUndefined();
  });
});

describe('parseConfigText', () => {
  it('parses sources, turns intervals into milliseconds and fills defaults', () => {
    const config = parseConfigText(VALID, 'marsad.yml');
    expect(config.sources.map((s) => [s.id, s.interval, s.enabled])).toEqual([
      ['hespress', 600_000, true],
      ['le360', 900_000, true],
    ]);
    expect(config.pipeline.dropNonArabic).toBe(false);
    expect(config.pipeline.retention.completedCount).toBe(1_000);
  });

  it("reads a team's names for searches, and says what keeps one from being a name", () => {
    expect(parseConfigText(VALID, 'marsad.yml').search.names).toEqual([]);
    const names = parseConfigText(`${VALID}search:\n  names:\n    - [Laftit, " لفتيت "]\n`, 'marsad.yml');
    expect(names.search.names).toEqual([['Laftit', 'لفتيت']]);
    const text = `${VALID}search:\n  names:\n    - [Laftit]\n    - [Bourita, "بوريطة*"]\n`;
    expect(problemsOf(() => parseConfigText(text, 'marsad.yml'))).toEqual([
      expect.stringMatching(/^marsad\.yml:\d+:\d+: search\.names\[0\]: a name needs two spellings or more/),
      expect.stringMatching(/^marsad\.yml:\d+:\d+: search\.names\[1\]\[1\]: "بوريطة\*": a spelling is words alone, without quotes, brackets or \*/),
    ]);
  });

  it('lists every problem at once, each with file, line, column and field', () => {
    const text = `sources:
  - id: hespress
    adapter: rss
    url: not-a-url
    interval: 5 fortnights
  - id: hespress
    adapter: rss
    url: https://example.org/feed
pipeline:
  dropNonArabik: true
`;
    const problems = problemsOf(() => parseConfigText(text, 'marsad.yml'));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^marsad\.yml:4:10: sources\[0\]\.url: /),
        expect.stringMatching(/^marsad\.yml:5:15: sources\[0\]\.interval: invalid interval "5 fortnights": use a number with s, m, h or d/),
        expect.stringMatching(/^marsad\.yml:6:9: sources\[1\]\.id: duplicate source id "hespress"/),
        expect.stringMatching(/^marsad\.yml:10:3: pipeline: unknown key\(s\) "dropNonArabik"/),
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it('lists every problem in one reading: shape, duplicate ids, unknown adapters and tags, in the order of the file', () => {
    const text = `sources:
  - { id: a, adapter: rss, url: "https://a.example/feed" }
  - { id: b, adapter: rsss, url: "https://b.example/feed" }
  - { id: c, adapter: rss, url: "not a url", interval: "5 parsecs" }
  - { id: a, adapter: rss, url: "https://d.example/feed" }
alerts:
  channels:
    - { id: ops, type: webhook, url: "https://hooks.example/x" }
  rules:
    - { id: r1, tags: [dgsnn, interpol], channels: [ops, mail] }
`;
    const adapters: Record<string, SourceOptionsCheck> = { rss: () => [] };
    expect(problemsOf(() => parseConfigText(text, 'x.yml', adapters, ['interpol', 'dgsn']))).toEqual([
      'x.yml:3:23: sources[1].adapter: unknown adapter "rsss" (did you mean "rss"? known: rss)',
      'x.yml:4:33: sources[2].url: "not a url" is not a valid https:// or http:// address',
      expect.stringMatching(/^x\.yml:4:56: sources\[2\]\.interval: invalid interval "5 parsecs"/),
      'x.yml:5:11: sources[3].id: duplicate source id "a"',
      'x.yml:10:24: alerts.rules[0].tags[0]: unknown tag "dgsnn" (tags: interpol, dgsn)',
      'x.yml:10:58: alerts.rules[0].channels[1]: unknown channel "mail" (channels: ops)',
    ]);
  });

  it("names a rule's unknown sources and channels beside the other problems of its alerts, each once", () => {
    const text = `sources:
  - { id: hespress, adapter: rss, url: "https://www.hespress.com/feed" }
  - { id: 7, adapter: rss, url: "https://seven.example/feed" }
alerts:
  channels:
    - { id: hook, type: webhook, url: "https://hooks.example/x" }
  rules:
    - { id: r1, sources: [hespres, "7"], channels: [hook] }
    - { id: r2, tags: [dgsn], channels: [hooks] }
    - { id: r3, tags: [dgsn], arabic: yes, channels: [hook] }
    - { id: r4, sources: [le360], channels: [hook] }
`;
    expect(problemsOf(() => parseConfigText(text, 'x.yml', undefined, ['interpol', 'dgsn']))).toEqual([
      'x.yml:8:27: alerts.rules[0].sources[0]: unknown source "hespres" (did you mean "hespress"?)',
      'x.yml:9:42: alerts.rules[1].channels[0]: unknown channel "hooks" (did you mean "hook"?)',
      'x.yml:10:39: alerts.rules[2].arabic: write true or false, without quotes ("yes" is text here)',
      'x.yml:11:27: alerts.rules[3].sources[0]: unknown source "le360" (sources: hespress, 7)',
    ]);
    // Alone, the unknown channel is said once, though the schema finds it too.
    const channelOnly = text.replace(/ {4}- \{ id: r3.*\n/, '').replace(/ {4}- \{ id: r4.*\n/, '').replace('hespres, "7"', 'hespress');
    expect(problemsOf(() => parseConfigText(channelOnly, 'x.yml', undefined, ['interpol', 'dgsn']))).toEqual(['x.yml:9:42: alerts.rules[1].channels[0]: unknown channel "hooks" (did you mean "hook"?)']);
  });

  it("refuses two channels or two rules of one id, and an e-mail channel's sender that is no address", () => {
    const text = (from: string) => `sources:
  - { id: a, adapter: rss, url: "https://a.example/feed" }
alerts:
  channels:
    - { id: mail, type: email, smtp: "smtp://127.0.0.1:25", from: ${JSON.stringify(from)}, to: ["comms@example.org"] }
    - { id: mail, type: webhook, url: "https://h.example/x" }
  rules:
    - { id: daily, tags: [dgsn], channels: [mail] }
    - { id: daily, tags: [interpol], channels: [mail] }
`;
    expect(problemsOf(() => parseConfigText(text('Marsad'), 'x.yml', undefined, ['interpol', 'dgsn']))).toEqual([
      'x.yml:5:67: alerts.channels[0].from: an e-mail address, or a name and one: "Marsad <marsad@example.org>"',
      'x.yml:6:13: alerts.channels[1].id: duplicate channel id "mail"',
      'x.yml:9:13: alerts.rules[1].id: duplicate rule id "daily"',
    ]);
    const named = text('Marsad <marsad@example.org>').replace(/ {4}- \{ id: mail, type: webhook.*\n/, '').replace(/ {4}- \{ id: daily, tags: \[interpol\].*\n/, '');
    expect(parseConfigText(named, 'x.yml', undefined, ['interpol', 'dgsn']).alerts.channels[0]).toMatchObject({ from: 'Marsad <marsad@example.org>' });
  });

  it("takes an e-mail channel's recipients as a list or as one line of addresses, and says what is wrong with them", () => {
    const text = (to: string) => `sources:
  - { id: a, adapter: rss, url: "https://a.example/feed" }
alerts:
  channels:
    - { id: mail, type: email, smtp: "smtp://127.0.0.1:25", from: "marsad@example.org", to: ${to} }
  rules:
    - { id: r, tags: [dgsn], channels: [mail] }
`;
    const recipients = (to: string) => parseConfigText(text(to), 'x.yml', undefined, ['dgsn']).alerts.channels[0];
    expect(recipients('comms@example.org')).toMatchObject({ to: ['comms@example.org'] });
    expect(recipients('"comms@example.org, Desk <desk@example.org>; night@example.org"')).toMatchObject({ to: ['comms@example.org', 'Desk <desk@example.org>', 'night@example.org'] });
    expect(problemsOf(() => recipients('[]'))).toEqual(['x.yml:5:93: alerts.channels[0].to: at least one recipient: to: [comms@example.org]']);
    expect(problemsOf(() => recipients('[comms@example.org, desk]'))).toEqual(['x.yml:5:113: alerts.channels[0].to[1]: an e-mail address, or a name and one: "Marsad <marsad@example.org>"']);
  });

  it('names the key a misspelt one was likely meant to be', () => {
    const text = `sources:
  - id: a
    adaptr: rss
    url: https://a.example/feed
pipeline:
  dropNonArabik: true
  concurency: { classify: 2 }
fetching: { perhost: 2, zzz: 1 }
`;
    expect(problemsOf(() => parseConfigText(text, 'x.yml', adapterChecks))).toEqual([
      'x.yml:3:5: sources[0]: unknown key(s) "adaptr" (did you mean "adapter"?) (no "adapter" is given: it is read as rss)',
      'x.yml:6:3: pipeline: unknown key(s) "dropNonArabik" (did you mean "dropNonArabic"?), "concurency" (did you mean "concurrency"?)',
      'x.yml:8:13: fetching: unknown key(s) "perhost" (did you mean "perHost"?), "zzz"',
    ]);
  });

  it('warns of a rule whose every source is disabled', () => {
    const text = `sources:
  - { id: a, url: "https://a.example/feed", enabled: false }
  - { id: b, url: "https://b.example/feed" }
alerts:
  channels: [{ id: ops, type: webhook, url: "https://hooks.example/x" }]
  rules:
    - { id: paused, sources: [a], channels: [ops] }
    - { id: live, sources: [a, b], channels: [ops] }
`;
    expect(parseConfigText(text, 'x.yml', adapterChecks).warnings).toEqual(['x.yml:7:30: alerts.rules[0].sources: every source the rule names is disabled (a): it fires on nothing until one is enabled']);
  });

  it('warns of a second source reading an address another reads, but for two parts of one page', () => {
    const text = `sources:
  - { id: a, url: "https://www.a.example/feed/" }
  - { id: b, adapter: Atom, url: "http://A.example/feed" }
  - { id: c, adapter: wordpress, url: "https://a.example/feed" }
  - { id: d, url: "https://a.example/feed?cat=2" }
  - { id: e, url: "https://a.example/feed", enabled: false }
  - { id: f, adapter: html, url: "https://a.example/", list: { item: ".news li", link: a } }
  - { id: g, adapter: html, url: "https://a.example/", list: { item: ".sport li", link: a } }
`;
    const adapters = { ...adapterChecks, atom: () => [], wordpress: () => [], html: () => [] };
    expect(parseConfigText(text, 'x.yml', adapters).warnings).toEqual([
      'x.yml:3:34: sources[1].url: source "a" reads this address too: each item is stored under whichever of the two polls first',
      'x.yml:4:39: sources[2].url: source "a" reads this address too: each item is stored under whichever of the two polls first',
    ]);
  });

  it('says a switch takes true or false when it is written yes, no, on or off (words in YAML 1.2)', () => {
    const text = `sources:
  - { id: a, url: "https://a.example/feed", enabled: no }
pipeline: { dropNonArabic: yes }
`;
    expect(problemsOf(() => parseConfigText(text, 'x.yml', adapterChecks))).toEqual([
      'x.yml:2:54: sources[0].enabled: write true or false, without quotes ("no" is text here)',
      'x.yml:3:28: pipeline.dropNonArabic: write true or false, without quotes ("yes" is text here)',
    ]);
  });

  it('says in words what a list, a text or a number out of bounds takes', () => {
    const text = `sources:
  - { id: a, url: "https://a.example/feed", name: "" }
pipeline: { attempts: 99, concurrency: { classify: 0 } }
alerts:
  channels: [{ id: hook, type: webhook, url: "https://h.example/x" }]
  rules:
    - { id: r, tags: [interpol], channels: [] }
`;
    expect(problemsOf(() => parseConfigText(text, 'x.yml', adapterChecks))).toEqual([
      'x.yml:2:51: sources[0].name: must not be empty',
      'x.yml:3:23: pipeline.attempts: must be at most 50 (99 was written)',
      'x.yml:3:52: pipeline.concurrency.classify: must be more than 0 (0 was written)',
      'x.yml:7:44: alerts.rules[0].channels: list at least one channel the alerts go to',
    ]);
  });

  it('says in words what kind of value a key takes, and the choices there are, with what was written', () => {
    const text = `sources:
  - { id: a, url: 42 }
  - { id: b, url: "https://b.example/feed", enabled: 1 }
  - "just a source"
pipeline: []
alerts:
  channels:
    - { id: x, type: sms }
    - { id: y, to: [a@b.ma] }
  rules:
    - { id: r, tags: interpol, channels: [x], each: all }
  delivery: { attempts: "5" }
`;
    expect(problemsOf(() => parseConfigText(text, 'x.yml', adapterChecks))).toEqual([
      'x.yml:2:19: sources[0].url: write it as text, in quotes ("42")',
      'x.yml:3:54: sources[1].enabled: write true or false (1 is a number here)',
      'x.yml:4:5: sources[2]: keys and values ({ key: value }), not the text "just a source"',
      'x.yml:5:11: pipeline: keys and values ({ key: value }), not a list',
      'x.yml:8:22: alerts.channels[0].type: "sms" is none of email, webhook, telegram',
      'x.yml:9:7: alerts.channels[1].type: missing: one of email, webhook, telegram',
      'x.yml:11:22: alerts.rules[0].tags: a list, such as [interpol] (one is a list of one), not the text "interpol"',
      'x.yml:11:53: alerts.rules[0].each: "all" is none of story, item',
      'x.yml:12:25: alerts.delivery.attempts: a number, without quotes ("5" is text here)',
    ]);
  });

  it('reads merge keys, and leaves top-level x- keys (a place for anchors) unread', () => {
    const text = `x-defaults: &defaults
  interval: 10m
  country: MA
sources:
  - <<: *defaults
    id: hespress
    url: https://www.hespress.com/feed
  - { <<: *defaults, id: le360, url: "https://fr.le360.ma/rss", interval: 1h }
`;
    const config = parseConfigText(text, 'x.yml', adapterChecks);
    expect(config.sources.map(({ id, interval, country }) => ({ id, interval, country }))).toEqual([
      { id: 'hespress', interval: 600_000, country: 'MA' },
      { id: 'le360', interval: 3_600_000, country: 'MA' },
    ]);
    const wrong = text.replace('country: MA', 'country: Morocco');
    expect(problemsOf(() => parseConfigText(wrong, 'x.yml', adapterChecks))).toEqual([
      expect.stringMatching(/^x\.yml:5:5: sources\[0\]\.country: an ISO 3166-1 alpha-2 code/),
      expect.stringMatching(/^x\.yml:8:5: sources\[1\]\.country: an ISO 3166-1 alpha-2 code/),
    ]);
  });

  it('puts the environment in place of ${NAME} in values, with defaults, and says which variable is unset', () => {
    const text = `sources:
  - { id: a, url: "https://a.example/feed", country: "\${COUNTRY:-MA}" }
fetching:
  perHost: \${PER_HOST}
  robots: \${ROBOTS:-true}
alerts:
  channels:
    - { id: mail, type: email, smtp: "smtp://marsad:\${SMTP_PASSWORD}@mail.example.org:587", from: "m@example.org", to: ["c@example.org"] }
    - { id: tg, type: telegram, botToken: "\${BOT_TOKEN}", chatId: "-100123" }
  rules:
    - { id: r, query: "price $\${X}", channels: [mail] }
`;
    const env = { PER_HOST: '4', SMTP_PASSWORD: 'p@ss', BOT_TOKEN: '123456:AAbbccddeeffgghhiijjkk' };
    const config = parseConfigText(text, 'x.yml', adapterChecks, ['dgsn'], env);
    expect(config.sources[0]!.country).toBe('MA');
    expect(config.fetching).toMatchObject({ perHost: 4, robots: true });
    expect(config.alerts.channels).toMatchObject([{ smtp: 'smtp://marsad:p@ss@mail.example.org:587' }, { botToken: '123456:AAbbccddeeffgghhiijjkk' }]);
    expect(config.alerts.rules[0]!.query).toBe('price ${X}');
    expect(problemsOf(() => parseConfigText(text, 'x.yml', adapterChecks, ['dgsn'], { PER_HOST: '4' }))).toEqual([
      'x.yml:8:38: ${SMTP_PASSWORD} is not set in the environment (write ${SMTP_PASSWORD:-default} for a default)',
      'x.yml:9:43: ${BOT_TOKEN} is not set in the environment (write ${BOT_TOKEN:-default} for a default)',
    ]);
  });

  it('says a file with nothing in it, or an empty sources list, needs sources', () => {
    expect(problemsOf(() => parseConfigText('# nothing yet\n', 'x.yml', adapterChecks))).toEqual([
      'x.yml:1:1: the file is empty: it needs a sources: list, such as sources: [{ id: hespress, url: "https://www.hespress.com/feed" }]',
    ]);
    expect(problemsOf(() => parseConfigText('sources:\n', 'x.yml', adapterChecks))).toEqual([
      'x.yml:1:9: sources: no source listed: add entries such as - { id: hespress, url: "https://www.hespress.com/feed" }',
    ]);
  });

  it('says what is wrong with an address: no scheme, another scheme', () => {
    const text = 'sources:\n  - { id: a, url: "www.hespress.com/feed" }\n  - { id: b, url: "ftp://b.example/feed" }\n';
    expect(problemsOf(() => parseConfigText(text, 'x.yml', adapterChecks))).toEqual([
      'x.yml:2:19: sources[0].url: "www.hespress.com/feed" has no scheme: write it in full, https://www.hespress.com/feed',
      'x.yml:3:19: sources[1].url: "ftp://b.example/feed" is a ftp: address; use https:// or http://',
    ]);
  });

  it('takes an id YAML reads as a whole number as that text, and capitals and dots in ids', () => {
    const text = 'sources:\n  - { id: 500, url: "https://a.example/feed" }\n  - { id: Hespress.ma, url: "https://b.example/feed" }\n';
    expect(parseConfigText(text, 'x.yml', adapterChecks).sources.map((s) => s.id)).toEqual(['500', 'Hespress.ma']);
  });

  it('finds an id written as a number and as text twice', () => {
    const text = 'sources:\n  - { id: 7, url: "https://a.example/feed" }\n  - { id: "7", url: "https://b.example/feed" }\n';
    expect(problemsOf(() => parseConfigText(text, 'x.yml', adapterChecks))).toEqual(['x.yml:3:11: sources[1].id: duplicate source id "7"']);
  });

  it('names adapters without regard to case', () => {
    expect(parseConfigText('sources:\n  - { id: a, adapter: RSS, url: "https://a.example/feed", fullText: true }\n', 'x.yml', adapterChecks).sources[0]?.adapter).toBe('RSS');
  });

  it('says how to write an id that is no text', () => {
    const text = 'sources:\n  - { id: true, url: "https://a.example/feed" }\n  - { id: 1.5, url: "https://b.example/feed" }\n  - { id: "a/b", url: "https://c.example/feed" }\n';
    expect(problemsOf(() => parseConfigText(text, 'x.yml', adapterChecks))).toEqual([
      'x.yml:2:11: sources[0].id: write the id as text, e.g. id: hespress',
      'x.yml:3:11: sources[1].id: write the id as text, e.g. id: hespress',
      'x.yml:4:11: sources[2].id: use letters, digits, ".", "-" and "_", starting with a letter or digit (at most 64)',
    ]);
  });

  it('reads a source that names no adapter as a feed, and says so when it has options of another', () => {
    const config = parseConfigText('sources:\n  - { id: a, url: "https://a.example/feed" }\n', 'x.yml', adapterChecks);
    expect(config.sources[0]).toMatchObject({ id: 'a', adapter: 'rss', url: 'https://a.example/feed' });
    const html = 'sources:\n  - { id: a, url: "https://a.example/", list: { item: article } }\n';
    expect(problemsOf(() => parseConfigText(html, 'x.yml', adapterChecks))).toEqual(['x.yml:2:41: sources[0]: unknown key(s) "list" (no "adapter" is given: it is read as rss)']);
  });

  it("checks a source's adapter options and its id also when another of its keys is invalid", () => {
    const text = `sources:
  - { id: a, adapter: rss, url: "https://a.example/feed" }
  - { id: a, adapter: rss, url: "not a url", fullTxt: true }
`;
    const check: SourceOptionsCheck = (entry) => ('fullTxt' in entry ? [{ code: 'custom', path: ['fullTxt'], message: 'unknown option', input: undefined }] : []);
    expect(problemsOf(() => parseConfigText(text, 'x.yml', { rss: check }))).toEqual([
      'x.yml:3:11: sources[1].id: duplicate source id "a"',
      'x.yml:3:33: sources[1].url: "not a url" is not a valid https:// or http:// address',
      'x.yml:3:55: sources[1].fullTxt: unknown option',
    ]);
  });

  it('knows the tags of the alias file Marsad ships', () => {
    const rule = (tags: string) => `sources: [{ id: a, adapter: rss, url: "https://a.example/feed" }]\nalerts:\n  channels: [{ id: ops, type: webhook, url: "https://hooks.example/x" }]\n  rules: [{ id: r, tags: [${tags}], channels: [ops] }]\n`;
    expect(parseConfigText(rule('interpol, dgsn'), 'x.yml').alerts.rules[0]!.tags).toEqual(['interpol', 'dgsn']);
    expect(problemsOf(() => parseConfigText(rule('DGSN'), 'x.yml'))).toEqual([expect.stringMatching(/unknown tag "DGSN" \(tags: interpol, dgsn\)$/)]);
  });

  it('knows the reference articles of seeds/, and keeps `each: item` to immediate rules', () => {
    const rule = (entry: string) => `sources: [{ id: a, adapter: rss, url: "https://a.example/feed" }]\nalerts:\n  channels: [{ id: ops, type: webhook, url: "https://hooks.example/x" }]\n  rules: [{ id: r, channels: [ops], ${entry} }]\n`;
    const env = { MARSAD_SEEDS_DIR: BUNDLED_SEEDS_DIR };
    expect(parseConfigText(rule('references: [000_7f10525f81fda1b7], each: item'), 'x.yml', undefined, undefined, env).alerts.rules[0]).toMatchObject({ references: ['000_7f10525f81fda1b7'], each: 'item' });
    expect(parseConfigText(rule('references: true'), 'x.yml', undefined, undefined, env).alerts.rules[0]).toMatchObject({ references: true, each: 'story' });
    expect(problemsOf(() => parseConfigText(rule('references: [000_7f10525f81fda1b7, communique-12]'), 'x.yml', undefined, undefined, env))).toEqual([
      expect.stringMatching(/^x\.yml:4:72: alerts\.rules\[0\]\.references\[1\]: unknown reference article "communique-12" \(seeds: 000_7f10525f81fda1b7, 001_b606bcbd39854403, .*\)$/),
    ]);
    expect(problemsOf(() => parseConfigText(rule('mode: digest, at: "08:00", each: item'), 'x.yml', undefined, undefined, env))).toEqual([
      expect.stringMatching(/alerts\.rules\[0\]\.each: a digest lists stories with their pickups: `each: item` is for immediate rules$/),
    ]);
    expect(parseConfigText(rule('tags: [dgsn], maxAge: 12h'), 'x.yml', undefined, ['dgsn'], env).alerts.rules[0]).toMatchObject({ maxAge: 12 * 3_600_000 });
    expect(parseConfigText(rule('tags: [dgsn], maxAge: none'), 'x.yml', undefined, ['dgsn'], env).alerts.rules[0]).toMatchObject({ maxAge: 'none' });
    expect(problemsOf(() => parseConfigText(rule('tags: [dgsn], maxAge: recent'), 'x.yml', undefined, ['dgsn'], env))).toEqual(['x.yml:4:59: alerts.rules[0].maxAge: a duration such as "12h" or "7d", or none to alert on items of any age']);
    expect(problemsOf(() => parseConfigText(rule('tags: [dgsn], mode: digest, at: "08:00", maxAge: 1d'), 'x.yml', undefined, ['dgsn'], env))).toEqual([
      expect.stringMatching(/alerts\.rules\[0\]\.maxAge: a digest lists the stories first seen since the last one, whatever their age: `maxAge` is for immediate rules$/),
    ]);
  });

  it('reports duplicate ids and unknown adapters', () => {
    const text = `sources:
  - { id: a, adapter: rss, url: "https://a.example/feed" }
  - { id: a, adapter: gopher, url: "https://b.example/feed" }
`;
    const adapters: Record<string, SourceOptionsCheck> = { rss: () => [] };
    const problems = problemsOf(() => parseConfigText(text, 'x.yml', adapters));
    expect(problems).toEqual([
      expect.stringMatching(/^x\.yml:3:11: sources\[1\]\.id: duplicate source id "a"/),
      expect.stringMatching(/^x\.yml:3:23: sources\[1\]\.adapter: unknown adapter "gopher" \(known: rss\)/),
    ]);
  });

  it("points adapter option errors at the option's line", () => {
    const text = `sources:
  - id: a
    adapter: rss
    url: https://a.example/feed
    fullTxt: true
`;
    const check: SourceOptionsCheck = (source) =>
      'fullTxt' in source ? [{ code: 'custom', path: ['fullTxt'], message: 'unknown option', input: undefined }] : [];
    expect(problemsOf(() => parseConfigText(text, 'x.yml', { rss: check }))).toEqual([
      expect.stringMatching(/^x\.yml:5:14: sources\[0\]\.fullTxt: unknown option/),
    ]);
  });

  it('points a missing key at its parent entry', () => {
    const problems = problemsOf(() => parseConfigText('sources:\n  - { id: a, adapter: rss }\n', 'x.yml'));
    expect(problems).toEqual([expect.stringMatching(/^x\.yml:2:5: sources\[0\]\.url: /)]);
  });

  it('gives the line of a YAML syntax error', () => {
    const problems = problemsOf(() => parseConfigText('sources:\n  - id: a\n   adapter: [rss\n', 'x.yml'));
    expect(problems[0]).toMatch(/^x\.yml:\d+:\d+: YAML syntax: /);
  });

  it.each([
    ['an empty list', 'sources: []\n', /list at least one source/],
    ['a rule naming an unknown channel', 'sources:\n  - { id: a, adapter: rss, url: "https://a.example" }\nalerts:\n  rules:\n    - { id: r, tags: [dgsn], channels: [mail] }\n', /alerts\.rules\[0\]\.channels\[0\]: unknown channel "mail"/],
    ['a query that does not parse', 'sources:\n  - { id: a, adapter: rss, url: "https://a.example" }\nalerts:\n  channels: [{ id: h, type: webhook, url: "https://h.example" }]\n  rules:\n    - { id: r, query: "(طنجة", channels: [h] }\n', /query: a "\(" is not closed/],
    ['an immediate rule with a time', 'sources:\n  - { id: a, adapter: rss, url: "https://a.example" }\nalerts:\n  channels: [{ id: h, type: webhook, url: "https://h.example" }]\n  rules:\n    - { id: r, tags: [dgsn], channels: [h], at: "08:00" }\n', /alerts\.rules\[0\]\.at: `at` is the time of a digest: add mode: digest, or leave at out/],
    ['a rule with an empty list of tags', 'sources:\n  - { id: a, adapter: rss, url: "https://a.example" }\nalerts:\n  channels: [{ id: h, type: webhook, url: "https://h.example" }]\n  rules:\n    - { id: r, tags: [], channels: [h] }\n', /alerts\.rules\[0\]\.tags: list at least one tag, or leave tags out/],
    ['a rule with an empty list of sources', 'sources:\n  - { id: a, adapter: rss, url: "https://a.example" }\nalerts:\n  channels: [{ id: h, type: webhook, url: "https://h.example" }]\n  rules:\n    - { id: r, sources: [], channels: [h] }\n', /alerts\.rules\[0\]\.sources: list at least one source, or leave sources out/],
    ['a digest without a time', 'sources:\n  - { id: a, adapter: rss, url: "https://a.example" }\nalerts:\n  channels: [{ id: h, type: webhook, url: "https://h.example" }]\n  rules:\n    - { id: r, tags: [dgsn], channels: [h], mode: digest, tz: Mars/Base }\n', /unknown time zone/],
    ['an id with spaces', 'sources:\n  - { id: "my feed", adapter: rss, url: "https://a.example" }\n', /use letters, digits/],
    ['a non-http url', 'sources:\n  - { id: a, adapter: rss, url: "ftp://a.example/feed" }\n', /sources\[0\]\.url/],
  ])('rejects %s', (_name, text, pattern) => {
    expect(problemsOf(() => parseConfigText(text, 'x.yml')).join('\n')).toMatch(pattern);
  });
});

describe('parseEnv', () => {
  it('has working defaults', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ REDIS_URL: 'redis://127.0.0.1:6379', MARSAD_QUEUE_PREFIX: '{marsad}', MARSAD_HTTP_PORT: 3000, MARSAD_DATA_DIR: './data' });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('treats an empty variable as unset', () => {
    const env = parseEnv({ DATABASE_URL: '', REDIS_URL: '' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
  });

  it('says how to write a service address given without its scheme', () => {
    expect(problemsOf(() => parseEnv({ REDIS_URL: 'localhost:6379', DATABASE_URL: 'mysql://x/db' }))).toEqual([
      'REDIS_URL: "localhost:6379" has no scheme: write it in full, redis://localhost:6379',
      'DATABASE_URL: "mysql://x/db" is a mysql: address; use postgres:// or postgresql://',
    ]);
  });

  it('rejects a MARSAD_SEEDS_DIR that is no folder, saying why', () => {
    const dir = mkdtempSync(join(tmpdir(), 'marsad-seeds-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'a.txt'), 'نص');
    expect(parseEnv({ MARSAD_SEEDS_DIR: dir }).MARSAD_SEEDS_DIR).toBe(dir);
    expect(problemsOf(() => parseEnv({ MARSAD_SEEDS_DIR: join(dir, 'moved') }))).toEqual([`MARSAD_SEEDS_DIR: "${join(dir, 'moved')}" cannot be read (ENOENT): no folder of reference articles there`]);
    expect(problemsOf(() => parseEnv({ MARSAD_SEEDS_DIR: join(dir, 'a.txt') }))).toEqual([`MARSAD_SEEDS_DIR: "${join(dir, 'a.txt')}" is a file, not a folder of reference articles`]);
  });

  it('rejects a queue prefix that is not a Redis Cluster hash tag, and a bad database URL', () => {
    const problems = problemsOf(() => parseEnv({ MARSAD_QUEUE_PREFIX: 'marsad', DATABASE_URL: 'mysql://x', MARSAD_HTTP_PORT: 'eighty' }));
    expect(problems.join('\n')).toMatch(/MARSAD_QUEUE_PREFIX: must be wrapped in braces/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL/);
    expect(problems.join('\n')).toMatch(/MARSAD_HTTP_PORT/);
  });

  it('says in words what a variable takes, with what it is set to', () => {
    expect(problemsOf(() => parseEnv({ MARSAD_HTTP_PORT: 'eighty', LOG_LEVEL: 'loud' }))).toEqual([
      'LOG_LEVEL: "loud" is none of fatal, error, warn, info, debug, trace, silent',
      'MARSAD_HTTP_PORT: a number (set to "eighty")',
    ]);
    expect(problemsOf(() => parseEnv({ MARSAD_HTTP_PORT: '99999' }))).toEqual(['MARSAD_HTTP_PORT: must be at most 65535 (99999 was written)']);
  });
});

describe('loadConfig', () => {
  it('prefers --config, then ./marsad.yml, then the bundled default', () => {
    const dir = mkdtempSync(join(tmpdir(), 'marsad-config-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    expect(resolveConfigFile(undefined, dir)).toBe(DEFAULT_SOURCES_FILE);
    writeFileSync(join(dir, 'marsad.yml'), VALID);
    expect(resolveConfigFile(undefined, dir)).toBe(join(dir, 'marsad.yml'));
    expect(resolveConfigFile('other.yml', dir)).toBe(join(dir, 'other.yml'));
    const config = loadConfig({ cwd: dir, env: {} });
    expect(config.file).toBe(join(dir, 'marsad.yml'));
    expect(config.sources).toHaveLength(2);
  });

  it('names the file it cannot read', () => {
    expect(problemsOf(() => loadConfig({ file: '/nonexistent/marsad.yml', env: {} }))[0]).toMatch(/cannot read the file/);
  });

  it('lists the MARSAD_ variables nothing reads, with the one a misspelt variable was likely meant to be', () => {
    const env = { MARSAD_QUEUE_PREFX: '{x}', MARSAD_TIMEZONE: 'Africa/Casablanca', MARSAD_WIDGETS: '3', MARSAD_SCREENSHOTS: '/tmp/s', HOME: '/root' };
    expect(loadConfig({ file: DEFAULT_SOURCES_FILE, env }).ignoredVariables).toEqual([
      { variable: 'MARSAD_QUEUE_PREFX', meant: 'MARSAD_QUEUE_PREFIX' },
      { variable: 'MARSAD_WIDGETS' },
    ]);
  });

  it('does not call a MARSAD_ variable the file names with ${…} unread', () => {
    const dir = mkdtempSync(join(tmpdir(), 'marsad-config-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'marsad.yml'), 'sources:\n  - { id: a, url: "https://a.example/feed", name: "${MARSAD_OUTLET_NAME}" }\n');
    const config = loadConfig({ cwd: dir, env: { MARSAD_OUTLET_NAME: 'هسبريس', MARSAD_WIDGETS: '3' } });
    expect(config.sources[0]!.name).toBe('هسبريس');
    expect(config.ignoredVariables).toEqual([{ variable: 'MARSAD_WIDGETS' }]);
  });

  it('accepts the bundled default sources file', () => {
    const config = loadConfig({ file: DEFAULT_SOURCES_FILE, env: {} });
    expect(config.sources.length).toBeGreaterThan(5);
    expect(new Set(config.sources.map((s) => s.adapter))).toEqual(new Set(['rss', 'html', 'sitemap', 'wordpress']));
  });
});
