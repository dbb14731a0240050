import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfigText, parseEnv } from '@marsad/config';
import { removeTemporaryDirs, temporaryDir } from '@marsad/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { alertContext } from './main.js';
import { ARABIC, ENGLISH, FRENCH } from './wording.js';

afterAll(removeTemporaryDirs);

describe('alertContext', () => {
  it("names sources as the sources file does, references by their first line, in the configured zone", () => {
    const seeds = temporaryDir('marsad-seeds-');
    writeFileSync(join(seeds, '000_ref.txt'), 'المغرب يحتضن الجمعية العامة للأنتربول\n\nتستعد المملكة لاحتضان الدورة…');
    const file = parseConfigText('sources:\n  - { id: hespress, name: هسبريس, adapter: rss, url: "https://www.hespress.com/feed" }\n  - { id: goud, adapter: rss, url: "https://www.goud.ma/feed/" }\n', 'x.yml');
    const context = alertContext({ ...file, file: 'x.yml', env: parseEnv({ MARSAD_SEEDS_DIR: seeds, MARSAD_TIMEZONE: 'Asia/Dubai', MARSAD_PUBLIC_URL: 'https://marsad.example.org/' }) });
    expect(['hespress', 'goud', 'unknown'].map(context.sourceName)).toEqual(['هسبريس', 'goud', 'unknown']);
    expect(context.referenceTitle('000_ref')).toBe('المغرب يحتضن الجمعية العامة للأنتربول');
    expect(context.referenceTitle('some-item')).toBeUndefined();
    expect(context.timeZone).toBe('Asia/Dubai');
    expect(context.publicUrl).toBe('https://marsad.example.org');
    // Alerts are worded in Arabic unless alerts.language says otherwise.
    expect(context.words).toBe(ARABIC);
    const english = parseConfigText('sources:\n  - { id: goud, adapter: rss, url: "https://www.goud.ma/feed/" }\nalerts: { language: en }\n', 'x.yml');
    expect(alertContext({ ...english, file: 'x.yml', env: parseEnv({ MARSAD_SEEDS_DIR: seeds }) }).words).toBe(ENGLISH);
    const french = parseConfigText('sources:\n  - { id: goud, adapter: rss, url: "https://www.goud.ma/feed/" }\nalerts: { language: fr }\n', 'x.yml');
    expect(alertContext({ ...french, file: 'x.yml', env: parseEnv({ MARSAD_SEEDS_DIR: seeds }) }).words).toBe(FRENCH);
  });
});
