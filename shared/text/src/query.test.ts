import { describe, expect, it } from 'vitest';
import { NAME_SPELLINGS } from './name-spellings.js';
import { NameSpellings, otherSpellingsSearched, parseQuery, Query, QuerySyntaxError } from './query.js';

const TEXT = 'وأعلنت المديرية العامة للأمن الوطني، في بلاغ لها، عن توقيف شخصين بمدينة طنجة للاشتباه في تورطهما في الاتجار بالمخدرات.';

describe('alert rule queries', () => {
  it.each([
    ['a word, with a proclitic in the text', 'طنجة', true],
    ['a word the text writes with و and the article', 'بلاغ', true],
    ['a phrase, hamza and ta marbuta folded', '"المديريه العامه للامن الوطني"', true],
    ['a phrase in the wrong order', '"الوطني الأمن"', false],
    ['implicit AND', 'توقيف طنجة', true],
    ['AND with a missing word', 'توقيف AND الرباط', false],
    ['OR', 'الرباط OR طنجة', true],
    ['NOT', 'توقيف NOT الرباط', true],
    ['NOT a present word', 'توقيف NOT طنجة', false],
    ['NEAR within reach', 'توقيف NEAR/4 طنجة', true],
    ['NEAR out of reach', 'المديرية NEAR/3 طنجة', false],
    ['parentheses', '(الرباط OR فاس) OR (طنجة AND المخدرات)', true],
    ['guillemets as quotes', '«الاتجار بالمخدرات»', true],
  ])('%s: %s', (_name, query, expected) => {
    expect(new Query(query).match(TEXT) !== null).toBe(expected);
  });

  it.each([
    ['مسئول', 'قال المسؤول الأمني إن التحقيق جار'],
    ['"المسؤول الأمني"', 'قال المسئول الأمني إن التحقيق جار'],
    ['شؤون', 'وزارة الشئون الخارجية'],
  ])('finds %s whichever seat the text gives the hamza', (query, text) => {
    expect(new Query(query).match(text)).not.toBeNull();
  });

  it('says which words matched, and not what a NOT excluded or a branch that failed held', () => {
    expect(new Query('توقيف NOT الرباط').match(TEXT)).toEqual(['توقيف']);
    expect(new Query('"الأمن الوطني" OR الدرك').match(TEXT)).toEqual(['امن وطني']);
    expect(new Query('(توقيف AND الرباط) OR طنجة').match(TEXT)).toEqual(['طنجه']);
  });

  it.each(['', '(طنجة', 'طنجة)', 'OR طنجة', 'طنجة NEAR/2 (فاس OR الرباط)', '""'])('rejects %j with a syntax error', (query) => {
    expect(() => parseQuery(query)).toThrow(QuerySyntaxError);
  });
});

describe("a name's other spellings", () => {
  it.each([
    ['a Latin name in an Arabic text', 'Hammouchi', 'استقبل المدير العام عبد اللطيف حموشي وفدا أمنيا', ['hammouchi', 'حموشي']],
    ['an Arabic name in a French text', 'حموشي', 'M. Abdellatif Hammouchi a reçu une délégation', ['حموشي', 'hammouchi']],
    ['a name with a proclitic in the text', 'Interpol', 'في إطار التعاون مع وللأنتربول', ['interpol', 'انتربول']],
    ['a quoted phrase in another script', '"الدار البيضاء"', 'Arrestation à Casablanca', ['دار بيضاء', 'casablanca']],
    ['an acronym written out', 'DGSN', 'أعلنت المديرية العامة للأمن الوطني', ['dgsn', 'مديريه عامه للامن وطني']],
  ])('%s: %s', (_name, query, text, said) => {
    expect(new Query(query).match(text)).toEqual([said[1]]);
    expect(parseQuery(query)).toEqual({ kind: 'or', nodes: expect.arrayContaining(said.map((spelling) => ({ kind: 'terms', words: spelling.split(' ') }))) });
  });

  it("reads a name's words written apart as the name too, and a full name as no part of it", () => {
    expect(new Query('Abdellatif Hammouchi').match('استقبل عبد اللطيف حموشي وفدا أمنيا')).toEqual(['عبد لطيف حموشي']);
    expect(new Query('Abdellatif Hammouchi').match('قال محمد حموشي إن الفريق جاهز')).toBeNull();
    expect(new Query('Sûreté nationale').match('أعلنت المديرية العامة للأمن الوطني')).toEqual(['مديريه عامه للامن وطني']);
    expect(new Query('Sûreté nationale').match('La Sûreté nationale a annoncé')).toEqual(['surete', 'nationale']);
    expect(new Query('توقيف الدار البيضاء').match('توقيف شخص قادم من Casablanca')).toEqual(['توقيف', 'casablanca']);
    expect(new Query('توقيف الدار البيضاء').match('Arrestation à Casablanca')).toBeNull();
  });

  it('leaves out a name in every spelling after NOT', () => {
    expect(new Query('توقيف -Tanger').match('توقيف شخصين بمدينة طنجة')).toBeNull();
  });

  it("finds a name's spellings on either side of a NEAR, within its distance", () => {
    expect(new Query('توقيف NEAR/3 Tanger').match('توقيف شخصين بمدينة طنجة')).toEqual(['توقيف NEAR/3 طنجه']);
    expect(new Query('توقيف NEAR/2 Tanger').match('توقيف شخصين بمدينة طنجة')).toBeNull();
    expect(new Query('Hammouchi NEAR/4 Interpol').match('استقبل السيد حموشي وفدا من الأنتربول')).toEqual(['حموشي NEAR/4 انتربول']);
    expect(otherSpellingsSearched('Hammouchi NEAR/4 Interpol')).toEqual(expect.arrayContaining(['حموشي', 'الإنتربول']));
  });

  it('says where the words that made the fields match stand, not what a NOT or a failed branch holds', () => {
    const marked = (query: string, ...fields: string[]) => new Query(query).marks(fields)?.map(({ text, ranges }) => ranges.map(([from, to]) => text.slice(from, to)));
    expect(marked('الأمن', 'توقيف', 'أعلنت المديرية العامة للأمن الوطني أن الأمن أوقف')).toEqual([[], ['للأمن', 'الأمن']]);
    expect(marked('"الأمن الوطني" توقيف', 'توقيف مشتبه فيه', 'قالت مصالح الأمن الوطني')).toEqual([['توقيف'], ['الأمن', 'الوطني']]);
    expect(marked('(توقيف AND طنجة) OR فاس', 'توقيف شخص بفاس')).toEqual([['بفاس']]);
    expect(marked('توقيف -طنجة', 'توقيف شخص بفاس')).toEqual([['توقيف']]);
    expect(marked('مغرب*', 'Le Maroc', 'قال المغربي إن المغرب')).toEqual([[], ['المغربي', 'المغرب']]);
    expect(marked('Tanger NEAR/2 توقيف', 'توقيف شخص في طنجة ثم توقيف آخر بعيدا عن طنجة بكثير')).toEqual([['طنجة', 'توقيف']]); // the first توقيف and the last طنجة are too far
    expect(marked('Tanger', 'Arrestation à Tanger &amp; Tétouan')).toEqual([['Tanger']]);
    expect(new Query('طنجة').marks(['توقيف شخص بفاس'])).toBeNull();
  });

  it('counts a NEAR from the end of the first phrase to the start of the second, as PostgreSQL does', () => {
    const text = 'قال بلاغ المديرية العامة للأمن الوطني إن عناصرها أوقفت المشتبه به';
    expect(new Query('"الأمن الوطني" NEAR/3 أوقفت').match(text)).toEqual(['امن وطني NEAR/3 اوقفت']);
    expect(new Query('أوقفت NEAR/3 "الأمن الوطني"').match(text)).toEqual(['اوقفت NEAR/3 امن وطني']);
    expect(new Query('"الأمن الوطني" NEAR/2 أوقفت').match(text)).toBeNull();
    expect(new Query('DGSN NEAR/3 أوقفت').match(text)).toEqual(['مديريه عامه للامن وطني NEAR/3 اوقفت']);
  });

  it("takes a team's names, a spelling of a known name adding to it", () => {
    const names = new NameSpellings([['Laftit', 'لفتيت'], ['حموشي', 'Hammushi']]);
    expect(new Query('Laftit', names).match('صرح عبد الوافي لفتيت وزير الداخلية')).toEqual(['لفتيت']);
    expect(new Query('Laftit').match('صرح عبد الوافي لفتيت وزير الداخلية')).toBeNull();
    expect(otherSpellingsSearched('Hammouchi', names)).toEqual(['Hammouchy', 'Hamouchi', 'حموشي', 'Hammushi']);
    expect(new Query('Hammushi', names).match('M. Hammouchi a reçu')).toEqual(['hammouchi']);
  });

  it.each([
    ['Laftit', undefined],
    ['!!', '"!!" holds no word'],
    ['لفتيت*', '"لفتيت*": a spelling is words alone, without quotes, brackets or *'],
    ['"لفتيت"', '""لفتيت"": a spelling is words alone, without quotes, brackets or *'],
  ])('says what keeps %j from being a spelling', (spelling, problem) => {
    expect(NameSpellings.problemWith(spelling)).toBe(problem);
  });

  it('gives each spelling one name, every spelling a query can write', () => {
    const names = new Map<string, number>();
    NAME_SPELLINGS.forEach((spellings, n) => {
      for (const spelling of spellings) {
        const words = parseQuery(`"${spelling}"`);
        expect(words.kind, spelling).toBe('or');
        const key = JSON.stringify((words as { nodes: { words: string[] }[] }).nodes[0]!.words);
        expect(names.get(key) ?? n, spelling).toBe(n);
        names.set(key, n);
      }
    });
  });
});

describe('word* for every word that starts with it', () => {
  const MOROCCAN = 'أكدت السلطات المغربية أن التعاون مع الشركاء الأوروبيين مستمر';
  it.each([
    ['a start, the text word with the article and ta marbuta', 'مغرب*', MOROCCAN, true],
    ['a start written with the article', 'المغرب*', MOROCCAN, true],
    ['a start with hamza folded', 'الأوروب*', MOROCCAN, true],
    ['the start of no word', 'جزائر*', MOROCCAN, false],
    ['the whole word alone does not match a longer one', 'مغرب', MOROCCAN, false],
    ['in a phrase', '"السلطات المغرب*"', MOROCCAN, true],
    ['in a phrase, the other word not next to it', '"التعاون المغرب*"', MOROCCAN, false],
    ['with NOT', 'التعاون -مغرب*', MOROCCAN, false],
    ['a Latin start, any case', 'Interpol*', 'Les services d\'INTERPOL et de la police', true],
  ])('%s: %s', (_name, query, text, expected) => {
    expect(new Query(query).match(text) !== null).toBe(expected);
  });

  it('says the start as the query wrote it, normalised, when it matched', () => {
    expect(new Query('المغربي*').match(MOROCCAN)).toEqual(['مغربي*']);
  });

  it.each([
    ['a star inside a word', 'مغ*رب', /"\*" goes at the end of a word/],
    ['a star alone', 'طنجة *', /at least 2 letters/],
    ['a one-letter start', 'م*', /at least 2 letters/],
  ])('rejects %s, saying how to write it', (_name, query, message) => {
    expect(() => parseQuery(query)).toThrow(message);
  });
});

describe('syntax errors in Arabic too, for the newsroom', () => {
  it.each([
    ['', 'بحث فارغ'],
    ['(طنجة', 'قوس «(» غير مغلق'],
    ['طنجة)', 'قوس «)» في غير موضعه'],
    ['أو طنجة', '«أو» في غير موضعه'],
    ['طنجة NEAR/2 (فاس OR الرباط)', 'يربط NEAR بين كلمتين أو عبارتين، لا بين مجموعتين ولا مع NEAR آخر'],
    ['توقيف NEAR طنجة', '«NEAR» يحتاج إلى عدد الكلمات الممكنة بين طرفيه، مثل NEAR/5'],
    ['""', 'عبارة فارغة بين علامتي التنصيص'],
    ['طنجة AND', 'ينتهي البحث حيث كانت كلمة منتظرة'],
    ['مغ*رب', '«*» يوضع في آخر الكلمة، مثل مغرب* لكل كلمة تبدأ بـ«مغرب»: «مغ*رب»'],
    ['م*', '«م*»: تحتاج الكلمة المنتهية بـ«*» إلى حرفين على الأقل قبله'],
    ['طنجة "الأمن', 'تعذرت قراءة البحث ابتداء من «"الأمن»'],
  ])('%j: %s', (query, arabic) => {
    const error = (() => {
      try {
        parseQuery(query);
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(QuerySyntaxError);
    expect((error as QuerySyntaxError).arabic).toBe(arabic);
  });
});

describe('operators as people write them in a search box', () => {
  it.each([
    ['OR in Arabic', 'الرباط أو طنجة', true],
    ['OR in Arabic without its hamza', 'الرباط او طنجة', true],
    ['OR in lower case', 'الرباط or طنجة', true],
    ['a lone و as AND', 'توقيف و طنجة', true],
    ['a lone و as AND, one side missing', 'توقيف و الرباط', false],
    ['and in lower case', 'توقيف and الرباط', false],
    ['not in lower case', 'توقيف not طنجة', false],
    ['a minus sign as NOT, on a present word', 'توقيف -طنجة', false],
    ['a minus sign as NOT, on a missing word', 'توقيف -الرباط', true],
    ['a minus sign on a phrase', 'توقيف -"الأمن الوطني"', false],
    ['a minus sign on a group', 'توقيف -(الرباط OR فاس)', true],
    ['a plus sign as a word every match holds', '+طنجة +توقيف', true],
    ['near/n in lower case', 'توقيف near/4 طنجة', true],
    ['a hyphen inside words, not a NOT', 'الأمن-الوطني', true],
    ['a lone minus sign', 'توقيف - طنجة', true],
    ['a minus sign before a number is part of it', 'توقيف -12', false],
    ['or inside a phrase is a word', '"طنجة او"', false],
  ])('%s: %s', (_name, query, expected) => {
    expect(new Query(query).match(TEXT) !== null).toBe(expected);
  });

  it('finds a phrase holding the word أو, which only quotes make a word', () => {
    expect(new Query('"القتل أو الجرح"').match('تهمة القتل أو الجرح العمد')).toEqual(['قتل او جرح']);
  });

  it.each([
    ['NEAR without its distance', 'توقيف NEAR طنجة', /NEAR\/5/],
    ['NEAR/ without digits', 'توقيف NEAR/ طنجة', /NEAR\/5/],
    ['an Arabic OR with nothing before it', 'أو طنجة', /unexpected "أو"/],
  ])('rejects %s, naming what was written', (_name, query, message) => {
    expect(() => parseQuery(query)).toThrow(message);
  });
});
