import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody } from './decode.js';

const ARABIC = 'أعلنت المديرية العامة للأمن الوطني عن توقيف مشتبه فيه بمدينة طنجة، وحجز كمية من المخدرات.';
const FRENCH = 'La Sûreté nationale a procédé à l’arrestation d’un suspect à Tanger, où la saisie a été opérée.';
const xml = (encoding: string | undefined, text: string) =>
  `<?xml version="1.0"${encoding ? ` encoding="${encoding}"` : ''}?><rss><channel><title>${text}</title></channel></rss>`;
const titleOf = (decoded: string) => /<title>(.*)<\/title>/.exec(decoded)?.[1];

describe('decodeBody', () => {
  it.each([
    ['labelled UTF-8', iconv.encode(xml('utf-8', ARABIC), 'utf-8'), 'application/rss+xml; charset=utf-8'],
    ['windows-1256 labelled in the header', iconv.encode(xml(undefined, ARABIC), 'windows-1256'), 'text/xml; charset=windows-1256'],
    ['windows-1256 labelled only in the XML declaration', iconv.encode(xml('windows-1256', ARABIC), 'windows-1256'), 'application/xml'],
    ['windows-1256 with no label at all', iconv.encode(xml(undefined, ARABIC), 'windows-1256'), 'text/xml'],
    ['ISO-8859-6', iconv.encode(xml(undefined, ARABIC), 'iso-8859-6'), 'text/xml; charset=ISO-8859-6'],
    ['windows-1256 under a server-default ISO-8859-1 header, labelled in the document', iconv.encode(xml('windows-1256', ARABIC), 'windows-1256'), 'text/xml; charset=ISO-8859-1'],
    ['windows-1256 under a server-default ISO-8859-1 header, with no other label', iconv.encode(xml(undefined, ARABIC), 'windows-1256'), 'text/xml; charset=iso-8859-1'],
    ['windows-1256 labelled UTF-8 in the header, windows-1256 in the document', iconv.encode(xml('windows-1256', ARABIC), 'windows-1256'), 'text/xml; charset=utf-8'],
    ['windows-1256 labelled UTF-8 everywhere', iconv.encode(xml('utf-8', ARABIC), 'windows-1256'), 'text/xml; charset=utf-8'],
    ['UTF-8 labelled windows-1256', iconv.encode(xml('windows-1256', ARABIC), 'utf-8'), 'text/xml; charset=windows-1256'],
    ['UTF-8 under a server-default ISO-8859-1 header', iconv.encode(xml(undefined, ARABIC), 'utf-8'), 'text/xml; charset=ISO-8859-1'],
    ['UTF-8 with a byte-order mark and a wrong label', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), iconv.encode(xml(undefined, ARABIC), 'utf-8')]), 'text/xml; charset=windows-1256'],
    ['UTF-16 with a byte-order mark', iconv.encode(xml(undefined, ARABIC), 'utf-16le', { addBOM: true }), 'text/xml'],
    ['an unknown label, passed over', iconv.encode(xml('x-arabic-legacy', ARABIC), 'windows-1256'), 'text/xml; charset=x-unknown'],
  ])('reads Arabic: %s', (_name, body, contentType) => {
    expect(titleOf(decodeBody(body, contentType))).toBe(ARABIC);
  });

  it('keeps UTF-8 with a few stray bytes as UTF-8, the stray bytes replaced', () => {
    const utf8 = iconv.encode(xml('utf-8', `${ARABIC} ${ARABIC}`), 'utf-8');
    const body = Buffer.concat([utf8.subarray(0, 80), Buffer.from([0xff]), utf8.subarray(80)]);
    const decoded = decodeBody(body, 'text/xml; charset=utf-8');
    expect(decoded).toContain('\uFFFD');
    expect(decoded).toContain('المديرية العامة للأمن الوطني');
  });

  it('reads French labelled ISO-8859-1 as Latin-1, not as legacy Arabic', () => {
    expect(titleOf(decodeBody(iconv.encode(xml(undefined, FRENCH.replaceAll('’', "'")), 'latin1'), 'text/xml; charset=ISO-8859-1'))).toBe(FRENCH.replaceAll('’', "'"));
  });

  it('reads French in windows-1252 with its curly quotes when so labelled', () => {
    expect(titleOf(decodeBody(iconv.encode(xml('windows-1252', FRENCH), 'windows-1252'), 'text/xml'))).toBe(FRENCH);
  });
});
