import { describe, expect, it } from 'vitest';
import { headlineText, htmlToText } from './html-text.js';

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
    ['the markup a feed wrapped in CDATA twice (HTML reads CDATA as a comment)', '<![CDATA[<p>أوقفت عناصر الشرطة شابا</p><script>x()</script><p>فقرة</p>]]>', 'أوقفت عناصر الشرطة شابا\nفقرة'],
    ['text after a CDATA section left open', 'مقدمة <![CDATA[<p>باقي النص</p>', 'مقدمة\nباقي النص'],
  ])('keeps %s', (_name, html, expected) => {
    expect(htmlToText(html)).toBe(expected);
  });

  const story = '<p>ارتفعت أسعار الخضر بأسواق الرباط خلال الأسبوع الجاري بسبب موجة البرد.</p><p>وطالب المواطنون بتشديد المراقبة على المضاربين.</p>';
  const storyText = 'ارتفعت أسعار الخضر بأسواق الرباط خلال الأسبوع الجاري بسبب موجة البرد.\nوطالب المواطنون بتشديد المراقبة على المضاربين.';
  it.each([
    ['a "read also" line between paragraphs', story.replace('</p><p>', '</p><p><strong>اقرأ أيضا:</strong> <a href="/x">حموشي يترأس حفل تخرج فوج جديد من ضباط الشرطة</a></p><p>')],
    ['a line that is only a link to another article', `${story}<p><a href="/y">الإنتربول يعقد جمعيته العامة بمراكش</a></p>`],
    ['a list of related posts after the article', `${story}<h3><a href="/r">مقالات ذات صلة</a></h3><ul><li><a href="/a">توقيف مبحوث عنه بموجب نشرة حمراء للإنتربول</a></li><li><p><a href="/b">المديرية العامة للأمن الوطني تطلق حملة توظيف</a></p></li></ul>`],
    ['a French "Lire aussi" with a short link', story.replace('</p><p>', '</p><p>Lire aussi : <a href="/z">la DGSN</a> recrute</p><p>')],
  ])('leaves out %s', (_name, html) => {
    expect(htmlToText(html)).toBe(storyText);
  });

  it('keeps a teaser that is all link, and a link inside a sentence', () => {
    expect(htmlToText('<p><a href="/a">أوقفت عناصر الشرطة بطنجة شابا يشتبه في تورطه في السرقة</a></p>')).toBe('أوقفت عناصر الشرطة بطنجة شابا يشتبه في تورطه في السرقة');
    expect(htmlToText('<p>أعلنت <a href="/dgsn">المديرية العامة للأمن الوطني</a> عن توقيف شخصين</p>')).toBe('أعلنت المديرية العامة للأمن الوطني عن توقيف شخصين');
  });
});

describe('headlineText', () => {
  it.each([
    ['entities encoded twice', 'توقيف &amp;quot;مشتبه&amp;quot; به &amp;amp; شريكه', 'توقيف "مشتبه" به & شريكه'],
    ['numeric entities encoded twice', 'المغرب &amp;#8211; الأنتربول', 'المغرب – الأنتربول'],
    ['markup encoded twice', '&lt;b&gt;عاجل:&lt;/b&gt; توقيف مشتبه به', 'عاجل: توقيف مشتبه به'],
    ['a headline encoded once', 'عاجل &#8211; توقيف &quot;مشتبه&quot;', 'عاجل – توقيف "مشتبه"'],
    ['a comparison, which is no tag', 'التضخم &lt; 2% في نونبر', 'التضخم < 2% في نونبر'],
  ])('reads %s', (_name, title, expected) => {
    expect(headlineText(title)).toBe(expected);
  });
});
