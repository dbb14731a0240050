import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

const HEADER_CHARSET = /charset\s*=\s*["']?([\w.:-]+)/i;
const XML_DECLARATION = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i;
const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i;
const BYTE_ORDER_MARKS = [
  { bytes: [0xef, 0xbb, 0xbf], charset: 'utf-8' },
  { bytes: [0xff, 0xfe], charset: 'utf-16le' },
  { bytes: [0xfe, 0xff], charset: 'utf-16be' },
] as const;
/** What servers send when nobody configured a charset; a label inside the document knows better. */
const SERVER_DEFAULTS = new Set(['iso-8859-1', 'latin1', 'l1', 'us-ascii', 'ascii', 'windows-1252', 'cp1252']);
const UTF8_LABELS = new Set(['utf-8', 'utf8']);
/**
 * Share of a UTF-8 reading's non-ASCII characters that may be U+FFFD for stray bytes. Legacy Arabic
 * or Latin-1 bytes read as UTF-8 are nearly all U+FFFD, so a quarter still tells them apart in a short feed.
 */
const STRAY_BYTE_SHARE = 0.25;

/**
 * Decodes a response body. Labels are often wrong in the wild (a server's default charset over a
 * windows-1256 page, "utf-8" over legacy bytes), so the bytes have the last word:
 * 1. a byte-order mark decides, and bytes that are valid UTF-8 are UTF-8 (legacy Arabic or French
 *    text almost never is);
 * 2. the labels are the Content-Type header's, then the XML declaration's or HTML meta tag's; a label
 *    iconv does not know is passed over, and a server-default header gives way to the document's;
 * 3. UTF-8 first in the labels, or no other label at all: UTF-8 when only a few stray bytes are
 *    not (they become U+FFFD);
 * 4. else the other label, except a server default over bytes that read as Arabic in windows-1256;
 *    with no label, windows-1256, the most common legacy Arabic encoding.
 */
export function decodeBody(body: Buffer, contentType: string | undefined): string {
  const bom = BYTE_ORDER_MARKS.find((mark) => mark.bytes.every((byte, i) => body[i] === byte));
  if (bom) return iconv.decode(body.subarray(bom.bytes.length), bom.charset);
  if (isUtf8(body)) return body.toString('utf8');
  const labels = declaredCharsets(body, contentType);
  const otherLabel = labels.find((label) => !UTF8_LABELS.has(label));
  if (!otherLabel || UTF8_LABELS.has(labels[0]!)) {
    const utf8 = body.toString('utf8');
    if (shareOf(utf8, (c) => c === 0xfffd) <= STRAY_BYTE_SHARE) return utf8;
  }
  const legacyArabic = iconv.decode(body, 'windows-1256');
  if (!otherLabel || (SERVER_DEFAULTS.has(otherLabel) && shareOf(legacyArabic, isArabicLetter) > 0.5)) return legacyArabic;
  return iconv.decode(body, otherLabel);
}

function declaredCharsets(body: Buffer, contentType: string | undefined): string[] {
  const head = body.subarray(0, 2048).toString('latin1');
  const known = (label: string | undefined) => (label && iconv.encodingExists(label) ? label.toLowerCase() : undefined);
  const header = known(HEADER_CHARSET.exec(contentType ?? '')?.[1]);
  const inDocument = known(XML_DECLARATION.exec(head)?.[1]) ?? known(META_CHARSET.exec(head)?.[1]);
  if (header && SERVER_DEFAULTS.has(header) && inDocument) return [inDocument];
  return [header, inDocument].filter((label) => label !== undefined);
}

/** Share of the text's non-ASCII characters for which `test` holds. */
function shareOf(text: string, test: (c: number) => boolean): number {
  let nonAscii = 0;
  let matching = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    nonAscii++;
    if (test(c)) matching++;
  }
  return nonAscii === 0 ? 0 : matching / nonAscii;
}

const isArabicLetter = (c: number) => c >= 0x0621 && c <= 0x064a;
