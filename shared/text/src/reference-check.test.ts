import { describe, expect, it } from 'vitest';
import { MIN_COPIED_WORDS } from './copy-index.js';
import { unusableReference } from './reference-check.js';

const COMMUNIQUE =
  'أفادت المديرية العامة للأمن الوطني بأن عناصر الشرطة القضائية بمدينة طنجة تمكنت، مساء أمس الثلاثاء، من توقيف شخصين يبلغان من العمر 25 و31 سنة، ' +
  'للاشتباه في تورطهما في قضية تتعلق بالاتجار في المخدرات والمؤثرات العقلية، وقد تم إخضاعهما لتدبير الحراسة النظرية رهن إشارة البحث القضائي.';

describe('unusableReference', () => {
  it('accepts a communiqué, with its line ends and tabs', () => {
    expect(unusableReference(COMMUNIQUE)).toBeUndefined();
    expect(unusableReference(`عنوان البلاغ\r\n\t${COMMUNIQUE}\n`)).toBeUndefined();
  });

  it('names a file without words, or with fewer than a copy must reproduce', () => {
    expect(unusableReference('')).toBe('it holds no words');
    expect(unusableReference(' \n… ، ؛ \n')).toBe('it holds no words');
    const headline = COMMUNIQUE.split(' ').slice(0, MIN_COPIED_WORDS - 1).join(' ');
    expect(unusableReference(headline)).toBe(`it holds ${MIN_COPIED_WORDS - 1} words, and a copy must reproduce at least ${MIN_COPIED_WORDS} of a reference's`);
    expect(unusableReference(COMMUNIQUE.split(' ').slice(0, MIN_COPIED_WORDS).join(' '))).toBeUndefined();
  });

  it('names a binary file renamed .txt, and UTF-16 read without its byte-order mark', () => {
    // Read as a reference file that is not UTF-8 is: windows-1256.
    const binary = new TextDecoder('windows-1256').decode(Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    expect(unusableReference(binary)).toMatch(/^it is not text/);
    const utf16 = new TextDecoder('utf-8').decode(Buffer.from(COMMUNIQUE, 'utf16le'));
    expect(unusableReference(utf16)).toMatch(/^it is not text/);
  });
});
