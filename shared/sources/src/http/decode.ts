import iconv from 'iconv-lite';
import { FetchError } from './fetch-error.js';

const HEADER_CHARSET = /charset\s*=\s*["']?([\w.:-]+)/i;
const XML_DECLARATION = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i;
const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i;

/**
 * Decodes a response body: charset from the Content-Type header, else the XML declaration, else the
 * HTML meta tag; with none, UTF-8 when the bytes are valid UTF-8 and windows-1256 (the most common
 * legacy Arabic encoding) otherwise.
 */
export function decodeBody(body: Buffer, contentType: string | undefined): string {
  const head = body.subarray(0, 2048).toString('latin1');
  const declared = HEADER_CHARSET.exec(contentType ?? '')?.[1] ?? XML_DECLARATION.exec(head)?.[1] ?? META_CHARSET.exec(head)?.[1];
  if (declared) {
    const charset = declared.toLowerCase();
    if (!iconv.encodingExists(charset)) throw new FetchError('encoding', `unknown charset "${declared}"`);
    return stripBom(iconv.decode(body, charset));
  }
  try {
    return stripBom(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    return iconv.decode(body, 'windows-1256');
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
