import { describe, expect, it } from 'vitest';
import { parseInstant } from './items.js';

describe('parseInstant', () => {
  it.each([
    ['2026-12-07', '2026-12-07T00:00:00.000Z'],
    ['2026-12-07 10:00', '2026-12-07T10:00:00.000Z'],
    ['2026-12-07T10:00:30.5', '2026-12-07T10:00:30.500Z'],
    ['2026-12-07T10:00+01:00', '2026-12-07T09:00:00.000Z'],
    ['2026-12-07T10:00+0100', '2026-12-07T09:00:00.000Z'],
    ['2026-12-07t10:00z', '2026-12-07T10:00:00.000Z'],
    [' 2026-12-07T10:00:00Z ', '2026-12-07T10:00:00.000Z'],
  ])('reads %j as %s, a time without its offset in UTC', (written, instant) => {
    expect(parseInstant(written)).toBe(instant);
  });

  it('reads the same instant whatever the machine\'s zone', () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Asia/Tokyo';
    try {
      expect(parseInstant('2026-12-07 10:00')).toBe('2026-12-07T10:00:00.000Z');
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it.each(['06/12/2026', 'yesterday', '2026-02-30', '2026-13-01', '2026-12-07T25:00', '2026-12-07T10', ''])('refuses %j', (written) => {
    expect(parseInstant(written)).toBeUndefined();
  });
});
