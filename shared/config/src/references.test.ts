import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { filesNotRead, readReferenceArticles, referenceIds, referenceTitle } from './references.js';

describe('readReferenceArticles', () => {
  it('reads each file as its editor saved it: UTF-8 with or without a mark, UTF-16 with one, or windows-1256', () => {
    const text = 'المغرب بلاغ';
    const dir = mkdtempSync(join(tmpdir(), 'marsad-refs-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'a-utf8.txt'), text);
    writeFileSync(join(dir, 'b-utf8-bom.txt'), `\ufeff${text}`);
    writeFileSync(join(dir, 'c-utf16le.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    writeFileSync(join(dir, 'd-utf16be.txt'), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
    // "المغرب بلاغ" in windows-1256
    writeFileSync(join(dir, 'e-windows-1256.txt'), Buffer.from([0xc7, 0xe1, 0xe3, 0xdb, 0xd1, 0xc8, 0x20, 0xc8, 0xe1, 0xc7, 0xdb]));
    writeFileSync(join(dir, 'notes.md'), 'not a reference');
    expect(readReferenceArticles(dir)).toEqual(['a-utf8', 'b-utf8-bom', 'c-utf16le', 'd-utf16be', 'e-windows-1256'].map((id) => ({ id, file: join(dir, `${id}.txt`), text })));
  });

  it('reads a .TXT as a .txt, and names the files it does not read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'marsad-refs-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'BLAGH-2026.TXT'), 'بلاغ المديرية');
    writeFileSync(join(dir, 'communique.docx'), 'PK\u0003\u0004');
    writeFileSync(join(dir, 'pickup.pdf'), '%PDF-1.7');
    writeFileSync(join(dir, '.DS_Store'), 'x');
    writeFileSync(join(dir, 'README.md'), 'what this folder holds');
    mkdirSync(join(dir, 'archive'));
    mkdirSync(join(dir, 'old.txt'));
    symlinkSync(join(dir, 'gone.txt'), join(dir, 'dangling.txt'));
    expect(referenceIds(dir)).toEqual(['BLAGH-2026']);
    expect(readReferenceArticles(dir)).toEqual([{ id: 'BLAGH-2026', file: join(dir, 'BLAGH-2026.TXT'), text: 'بلاغ المديرية' }]);
    expect(filesNotRead(dir)).toEqual([join(dir, 'communique.docx'), join(dir, 'pickup.pdf')]);
  });
});

describe('referenceTitle', () => {
  it("is a pasted article's headline: its first line", () => {
    expect(referenceTitle('\n  المغرب يعزز موقعه كركيزة أمنية دولية \n\nالعدالة اليوم\n\nتستعد المملكة…')).toBe('المغرب يعزز موقعه كركيزة أمنية دولية');
  });

  it("is a communiqué's opening, cut at a word, when its first line is a whole paragraph", () => {
    const paragraph = Array.from({ length: 40 }, (_, i) => `كلمة${i}`).join(' ');
    const title = referenceTitle(paragraph);
    expect(title.length).toBeLessThanOrEqual(161);
    expect(title.endsWith('…')).toBe(true);
    expect(paragraph.startsWith(title.slice(0, -1))).toBe(true);
    expect(paragraph[title.length - 1]).toBe(' ');
  });
});
