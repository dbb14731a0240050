import { describe, expect, it } from 'vitest';
import { htmlToText } from './html-text.js';

describe('htmlToText', () => {
  it.each([
    ['paragraphs as lines', '<p>الفقرة الأولى</p><p>الفقرة   الثانية</p>', 'الفقرة الأولى\nالفقرة الثانية'],
    ['line breaks', 'سطر<br>سطر آخر<br/>ثالث', 'سطر\nسطر آخر\nثالث'],
    ['entities', '<p>DGSN &amp; Interpol &laquo;&#1575;&raquo; &nbsp;x</p>', 'DGSN & Interpol «ا» x'],
    ['scripts, styles and iframes', '<p>نص</p><script>alert("x")</script><style>p{}</style><iframe src="x">y</iframe><p>باقي</p>', 'نص\nباقي'],
    ['inline markup inside a paragraph', '<p>قال <strong>حموشي</strong> إن <a href="#">الأمن</a></p>', 'قال حموشي إن الأمن'],
    ['plain text untouched but collapsed', '  نص  بدون   وسوم ', 'نص بدون وسوم'],
    ['uppercase tags', '<P>A</P><DIV>B</DIV>', 'A\nB'],
    ['unclosed and malformed markup', '<p>أول<p>ثان <b>غامق', 'أول\nثان غامق'],
    ['a sentence its source wraps over two lines as one line', '<p>أفادت المديرية العامة\nللأمن الوطني بأن عناصر\r\nأمن طنجة</p><p>فقرة</p>', 'أفادت المديرية العامة للأمن الوطني بأن عناصر أمن طنجة\nفقرة'],
    ['the paragraphs of plain text with entities and no markup', 'الفقرة الأولى &amp; تتمتها\nالفقرة الثانية', 'الفقرة الأولى & تتمتها\nالفقرة الثانية'],
    ['the lines of preformatted text', '<pre>سطر\nسطر آخر</pre>', 'سطر\nسطر آخر'],
    ['an event handler attribute, which is not text', '<img src=x onerror="alert(1)"><p>نص</p>', 'نص'],
  ])('keeps %s', (_name, html, expected) => {
    expect(htmlToText(html)).toBe(expected);
  });
});
