import { describe, expect, it } from 'vitest';
import { analyseArticle } from './analyse.js';
import { detectLanguage } from './language.js';
import { compileTagger } from './tagger.js';

describe('detectLanguage', () => {
  it.each([
    ['Modern Standard Arabic news', 'أفادت المديرية العامة للأمن الوطني بأن عناصر الشرطة تمكنت من توقيف شخص يشتبه في تورطه في قضية تتعلق بالنصب والاحتيال', 'arb', true],
    ['Moroccan Darija in Arabic script', 'بزاف ديال الشباب اليوم كيقولو بلي السياسة ما بقاتش كتعنيهم وكيشوفو بلي الأحزاب ما كتسمعش ليهم', 'arb', true],
    ['Darija with the letter ڭ', 'الدرك الملكي ولا البوليس؟ شكون اللي غادي يتكلف بهاد القضية فالڭار ديال كازا', 'arb', true],
    ['a short Arabic title', 'حموشي يستقبل وفدا أمنيا إسبانيا', 'arb', true],
    ['Moroccan Arabic writing g with گ in town names', 'شهدت مدينة گلميم تساقطات مطرية مهمة خلال الليلة الماضية، وأكدت السلطات المحلية بگلميم أن الوضع تحت السيطرة', 'arb', true],
    ['an Arabic headline with one name spelt with گ', 'أگادير تحتضن مهرجان تيميتار', 'arb', true],
    ['Iraqi Arabic writing چ and گ', 'چان الجو حار والناس گاعدين بالبيت', 'arb', true],
    ['a Persian headline without ی or ک', 'پرواز تهران مشهد لغو شد', 'pes', false],
    ['a Persian headline without ی or ک, told by its word for today', 'گزارش جلسه امروز مجلس', 'pes', false],
    ['Persian', 'پلیس ایران اعلام کرد که این فرد پس از چند ماه تحقیق دستگیر شده است', 'pes', false],
    ['Urdu', 'پولیس نے بتایا کہ ملزم کو گرفتار کر لیا گیا ہے اور تحقیقات جاری ہیں', 'urd', false],
    ['a short Urdu headline that franc alone takes for Saraiki', 'انٹرپول نے ریڈ نوٹس جاری کر دیا', 'urd', false],
    ['Central Kurdish (Sorani)', 'پۆلیسی هەرێمی کوردستان ڕایگەیاند کە تۆمەتبارێکی دەستگیر کردووە لە شاری هەولێر', 'ckb', false],
    ['Kurmanji, the Kurdish written in Latin letters (franc calls its model ckb)', 'Hêzên ewlehiyê yên Hewlêrê îro du kes bi tohmeta qaçaxçîtiya çekan girtin û ji bo lêpirsînê radestî dadgehê kirin.', 'kmr', false],
    ['Amharic, which franc takes for Tigrinya', 'ኢትዮጵያ ከጎረቤት ሀገራት ጋር ያላትን የንግድ ግንኙነት ለማጠናከር አዲስ ስምምነት መፈራረሟን የውጭ ጉዳይ ሚኒስቴር ገለጸ።', 'amh', false],
    ['Tigrinya, with its ኣ', 'ሚኒስትሪ ጥዕና ኣብ ከተማ መቐለ ሓድሽ ሆስፒታል ከም ዝኸፈተ ኣፍሊጡ። እቲ ሆስፒታል ን ኣሽሓት ሰባት ከገልግል እዩ።', 'tir', false],
    ['Pashto', 'د افغانستان د کورنیو چارو وزارت ویلي چې د انټرپول په مرسته یې یو تورن نیولی دی', 'pbu', false],
    ['Uyghur', 'شىنجاڭ ئۇيغۇر ئاپتونوم رايونلۇق خەلق ھۆكۈمىتى بۈگۈن يىغىن ئاچتى', 'uig', false],
    ['Sindhi', 'سنڌ پوليس ڪراچي ۾ هڪ ملزم کي گرفتار ڪيو آهي ۽ ان کان پڇا ڳاڇا جاري آهي', 'snd', false],
    ['Arabic quoting a verse in the Qur\'an\'s spelling', 'قال الخطيب في درس الجمعة إن الأمن نعمة عظيمة مستشهدا بقوله تعالى ٱلَّذِىٓ أَطْعَمَهُم مِّن جُوعٍ وَءَامَنَهُم مِّنْ خَوْفٍۭ', 'arb', true],
    ['a fully vowelled verse with the dagger alef (ٰ), a mark, not a letter', 'بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ الْحَمْدُ لِلَّهِ رَبِّ الْعَالَمِينَ', 'arb', true],
    ['Arabic in presentation forms, as old PDFs give it', 'ﺃﻓﺎﺩﺕ ﺍﻟﻤﺪﻳﺮﻳﺔ ﺍﻟﻌﺎﻣﺔ ﻟﻸﻣﻦ ﺍﻟﻮﻃﻨﻲ ﺑﺄﻥ ﻋﻨﺎﺻﺮ ﺍﻟﺸﺮﻃﺔ ﺃﻭﻗﻔﺖ ﻣﺸﺘﺒﻬﺎ ﻓﻴﻪ', 'arb', true],
    ['French', "La Direction générale de la Sûreté nationale a annoncé l'ouverture d'un concours de recrutement", 'fra', false],
    ['English', 'Morocco was elected to the vice-presidency of Interpol for Africa at the general assembly in Glasgow', 'eng', false],
    ['a French article quoting an Arabic name', 'Le directeur général de la DGSN, عبد اللطيف حموشي, a reçu hier à Rabat une délégation espagnole de haut niveau', 'fra', false],
    ['a short French title', 'La DGSN lance une campagne de recrutement', 'fra', false],
    ['a short English title', 'Interpol red notice suspect arrested in Tangier', 'eng', false],
    ['a French sentence of names and few function words, which trigrams take for Catalan', "En Algérie, la Sûreté de wilaya d'Alger a saisi 5 kg de cocaïne, indique la DGSN.", 'fra', false],
    ['a French headline of twelve words, names and crime words', "El Jadida : un gang de cambrioleurs mis hors d'état de nuire", 'fra', false],
    ['a Spanish headline whose function words French shares', 'Marrakech acoge la Asamblea General de Interpol', 'spa', false],
    ['Catalan on the same kind of news', 'La policia ha detingut en Girona dos homes amb més de cinc quilos de cocaïna amagats al cotxe.', 'cat', false],
    ['Darija in Arabizi (Latin letters and digits)', 'wach nta m3a lbolis? 3lach ma jitich lbare7 l dar', 'ary', false],
    ['Darija in Arabizi, few digits', 'salam khoya, kifach dayr? ana mzyan l7amdolilah, ghadi nmchi l casa ghedda', 'ary', false],
    ['English naming a G7 summit, an mp3 and COVID19', 'The G7 summit discussed COVID19 vaccines while an mp3 of the speech leaked online', 'eng', false],
    ['a short Italian sentence', 'I dati sono stati interpolati con un modello lineare', 'ita', false],
    ['English naming Safi and a number to dial', 'Police in Safi arrested two men; call the hotline or dial 19 for help', 'eng', false],
    ['French with a B2B platform and the word fin', 'La fin du salon B2B de Casablanca a réuni des entreprises marocaines et espagnoles', 'fra', false],
    ['a French headline franc takes for Italian', 'Casablanca: deux individus interpellés', 'fra', false],
    ['a French headline franc takes for German', 'Tanger : saisie record de psychotropes', 'fra', false],
    ['a French headline franc takes for Portuguese', 'Attentat à Nador', 'fra', false],
    ['a French headline whose only clue is a number', 'Nador : trois individus interpellés', 'fra', false],
    ['a German headline', 'Sechs Festnahmen in Berlin wegen Drogenhandels', 'deu', false],
    ['a Spanish headline franc takes for Catalan', 'La policía marroquí incauta cocaína', 'spa', false],
    ['a Turkish headline franc takes for Catalan', 'Polis iki şüpheliyi gözaltına aldı', 'tur', false],
    ['a Turkish sentence franc takes for Spanish, which writes no ı, ş or ğ', "Türkiye'de polis, dün İstanbul'da düzenlenen operasyonda uyuşturucu kaçakçılığı yaptığı iddia edilen 12 kişiyi gözaltına aldı.", 'tur', false],
    ['Spanish naming people whose names have letters Spanish does not write', 'El presidente turco Recep Tayyip Erdoğan recibió ayer en Ankara a Łukasz Kowalski y a Ștefan Popescu para hablar de cooperación policial.', 'spa', false],
    ['English with French loanwords', 'The minister called it déjà vu: the same à la carte reforms were announced last year and never carried out by the government.', 'eng', false],
    ['a Portuguese headline', 'A polícia prendeu dois suspeitos em Lisboa', 'por', false],
    ['an English headline with no function word, naming Morocco as English does', 'Moroccan police arrest drug trafficker', 'eng', false],
    ['a short English teaser whose only function word is "a"', 'Interpol news. Interpol issued a red notice.', 'eng', false],
    ['a short English teaser, reported speech', 'Police said suspects were arrested', 'eng', false],
    ['an English sentence full of names franc takes for Catalan', "A delegation from Morocco's DGSN met Mauritanian counterparts in Nouakchott, Mauritania", 'eng', false],
    ['an English sentence full of names franc takes for Hausa', "Morocco's Hakim Ziyech joins Al Duhail from Galatasaray on a two year deal, Qatar Stars League club says", 'eng', false],
    ['an English headline without a function word', 'Police arrest drug smuggling suspects', 'eng', false],
    ['an English headline franc takes for French', 'Wildfire rages near Chefchaouen', 'eng', false],
    ['a French headline without a function word', 'Hammouchi reçoit directeur FBI', 'fra', false],
    ['a Spanish headline without a function word', 'Detenido presunto yihadista Melilla', 'spa', false],
    ['a Dutch headline whose function words English shares', 'Grote zorgen over stijgende huurprijzen', 'nld', false],
    ['a Dutch headline told by its ij', 'Vijf gewonden bij schietpartij', 'nld', false],
    ["a Dutch headline naming a road, whose A12 is no Spanish or Italian \"a\"", 'Demonstranten blokkeren snelweg A12', 'nld', false],
    ['a German headline whose only function word English shares', 'Drogenring in Hamburg zerschlagen', 'deu', false],
    ['an Italian headline whose function words English and Spanish share', 'Incendio in un capannone a Torino', 'ita', false],
    ['an Italian headline told by its number', 'Blitz antidroga a Bari: dieci arresti', 'ita', false],
    ['a Spanish headline whose function words French shares, told by its trigrams', 'Incendio en un edificio de Sevilla', 'spa', false],
    ['a German headline whose first word has its ß', 'Mutmaßlicher Drogenboss in Dubai verhaftet', 'deu', false],
    ['an Italian headline told by its endings -zione and -ale', 'Produzione industriale in crescita', 'ita', false],
    ["an Italian headline with an elided d', as French writes it too", "Rubate opere d'arte da una chiesa", 'ita', false],
    ['an Italian headline whose article i Catalan writes for and', 'I deputati approvano la legge di bilancio', 'ita', false],
    ['an Italian headline whose su Spanish writes too, told by tutta', 'Ondata di caldo su tutta la penisola', 'ita', false],
    ['a Spanish headline with tráfico, which Portuguese spells alike', 'Cae una red de tráfico de hachís en Algeciras', 'spa', false],
    ['a Portuguese headline told by its plural novas', 'Novas regras para trotinetes', 'por', false],
    ['a Czech line whose ř none of the region\'s languages writes', 'Policie zadržela tři podezřelé z přepadení klenotnictví v centru Prahy.', 'ces', false],
    ['an Estonian line with one word in õ, which Swedish and German do not write', 'Eluasemete hinnad jõudsid tänavu uue rekordini', 'ekk', false],
    ['an Azerbaijani line, whose ə Turkish does not write', 'Polis Bakıda zərgərlik mağazasını qarət etməkdə şübhəli bilinən üç nəfəri saxlayıb.', 'azj', false],
    ["a Finnish line with German's ä and none of its words", 'Poliisi pidätti kolme epäiltyä koruliikkeen ryöstöstä Helsingin keskustassa.', 'fin', false],
    ['a Lithuanian line, whose -ija is no Dutch ij', 'Policija sulaikė tris įtariamuosius dėl juvelyrinių dirbinių parduotuvės apiplėšimo Vilniaus centre.', 'lit', false],
    ['a Swahili line with German\'s "bei"', 'Bei za nyumba zimefikia rekodi mpya mwaka huu', 'swh', false],
    ['an Albanian line told by its function words', 'Çmimet e banesave arritën këtë vit një rekord të ri', 'als', false],
    ['a French headline told by its day', 'Tempête Ciaran : vents violents attendus jeudi soir', 'fra', false],
    ['an English headline without a function word, told by its headline words', 'Striking doctors reject latest pay offer', 'eng', false],
    ['an English headline without a function word, told by its verb', 'Drone strike kills militant commander', 'eng', false],
    ['an English headline told by its first word\'s ending -ly', 'Deadly clashes erupt downtown', 'eng', false],
    ['an Italian headline told by its alert\'s colour', 'Caldo estremo: bollino rosso', 'ita', false],
    ['a Portuguese headline told by its alert\'s colour', 'Calor extremo: aviso vermelho', 'por', false],
    ['a French headline told by its participle in -ée', 'Réforme fiscale adoptée', 'fra', false],
    ['Amazigh in Latin letters, with the elided d French writes', 'Tamazight d tutlayt tunṣibt deg Lmeɣrib', 'tzm', false],
    ['Amazigh in Latin letters, a greeting', 'Azul fell-awen, ass-a nella deg Rbaṭ', 'tzm', false],
    ['a Swedish line, whose å rules the region\'s languages out, told by its ett', 'Bostadspriserna nådde i år ett nytt rekord', 'swe', false],
    ['a Danish line, kept among the Scandinavian languages by their har and en', 'Marokkansk politi har anholdt en dansk statsborger', 'dan', false],
    ["a German headline whose ß is in a noun, capitalised as German writes them", 'Leipzig: Großbrand in Lagerhalle', 'deu', false],
    ["a German headline whose ä is in a noun", 'Hamburg: Räumung in Altona', 'deu', false],
    ['an English headline naming a storm with a letter Spanish writes', 'Storm Ciarán batters southern England', 'eng', false],
    ['an English headline whose country name Italian writes too', 'Algeria recalls ambassador', 'eng', false],
    ['Amazigh in Latin letters (Kabyle)', 'Tamsulta tamatut n tɣellist tanaɣlant tessenti-d ass-a aɣbalu amaynut i usefrek n tmeddit deg temdint n Tizi Wezzu.', 'tzm', false],
    ['an Arabic headline whose Latin letters only name things', 'Samsung Galaxy S25 Ultra\nسامسونغ تكشف عن Galaxy S25 Ultra', 'arb', true],
    ['an Arabic headline whose one Arabic word stands between names in Latin letters', 'Huawei تكشف Mate 80 Pro', 'arb', true],
    ['an Arabic headline whose one Arabic word follows a camel-cased name', 'iPhone Air رسميا', 'arb', true],
    ['an Arabic headline whose one Arabic word is a verb between two clubs', 'OM يهزم PSG', 'arb', true],
    ['an Arabic headline naming a player and a club in Latin letters, "Al" among them', 'فيديو: Cristiano Ronaldo يسجل هدفا رائعا ضد Al Hilal', 'arb', true],
    ['a French headline with one Arabic word', 'Le Wydad bat le Raja عاجل', 'fra', false],
    ['a short Arabic teaser followed by a long link', 'أوقفت الشرطة شخصا بطنجة. اقرأ المزيد: https://www.hespress.com/societe/arrestation-suspect-tanger-trafic-international-1459001.html?utm_source=rss&utm_medium=feed', 'arb', true],
    ['a short Arabic notice with an e-mail address', 'للتواصل مع هيئة التحرير راسلونا على redaction.nationale@example-journal.ma', 'arb', true],
    ['Hausa, a West African press language in Latin letters', "'Yan sandan Morocco sun kama wani mutum a birnin Tangier wanda hukumar Interpol ke nema bisa zargin safarar miyagun kwayoyi", 'hau', false],
    ['Somali', 'Booliska Morocco ayaa magaalada Tangier ku qabtay nin ay Interpol u raadinaysay eedeymo la xiriira ka ganacsiga daroogada', 'som', false],
    ['Vietnamese', 'Cảnh sát Maroc đã bắt giữ tại Tangier một người đàn ông bị Interpol truy nã vì tội buôn bán ma túy', 'vie', false],
    ['a short Polish sentence', 'Polska policja współpracuje z Interpolem w sprawie zaginięcia', 'pol', false],
    // Languages franc has no model of, in letters none of its Latin-script languages here writes: not
    // Catalan or Estonian, which their trigrams are nearest.
    ['Maltese, a Semitic language in Latin letters', "Il-Pulizija arrestat żewġ persuni b'rabta ma' serq minn ħanut fil-Belt Valletta nhar il-Ġimgħa filgħaxija, skont stqarrija maħruġa llum.", 'und', false],
    ['Icelandic', 'Lögreglan handtók þrjá menn í Reykjavík í gærkvöldi vegna gruns um þjófnað á bílum, að sögn lögreglunnar.', 'und', false],
    ['Malay, which franc scores close to Indonesian, told by its own words', 'Polis Diraja Malaysia dengan kerjasama Interpol telah menahan seorang lelaki yang dikehendaki di negara jiran untuk kes penipuan, dan beliau akan dihantar pulang minggu ini kerana waran tangkap masih sah.', 'zlm', false],
    ['Indonesian, which franc scores close to Malay, told by its own words', 'Polisi menangkap tiga tersangka pencurian mobil di Jakarta Selatan pada hari Jumat malam, kata juru bicara kepolisian.', 'ind', false],
    ['Russian', 'Интерпол объявил в международный розыск бывшего министра, подозреваемого в коррупции', 'rus', false],
    ['Hebrew', 'המשטרה עצרה חשוד בגניבה בעיר חיפה לאחר חקירה ממושכת', 'heb', false],
    ['Spanish', 'La policía marroquí detuvo en Tánger a un ciudadano francés buscado por la justicia de su país', 'spa', false],
    ['Arabic typed on a Persian keyboard (ی ک)', 'قال رئیس الوزراء إن الحکومة ستعمل علی تحسین الوضع الاقتصادی فی البلاد خلال الأشهر المقبلة', 'arb', true],
    ['a short Arabic title typed on a Persian keyboard', 'وزیر الداخلیة یزور الرباط', 'arb', true],
    ['Persian without پ چ ژ گ', 'وزیر امور خارجه ایران امروز با همتای عراقی خود در بغداد دیدار کرد', 'pes', false],
    ['a short Persian sentence without پ چ ژ گ', 'این کار را دیروز کردند و همه از آن خبر دارند', 'pes', false],
    ['a Persian headline whose only letter of its own is ک, told by its word for in', 'مذاکرات هسته ای در وین', 'pes', false],
    ['a Pashto headline, told by its letter ښ', 'د کابل ښار کې چاودنه', 'pbu', false],
    ['a Pashto headline whose only letter of its own is ې, which Uyghur writes among its other vowels', 'پولیسو یو شمېر کسان ونیول', 'pbu', false],
    ['an Urdu headline, told by its letters ہ and ں', 'لاہور میں شدید بارش', 'urd', false],
    ['a Sorani headline without ڕ ڵ ێ, told by its ە', 'بەرزبوونەوەی نرخی نەوت', 'ckb', false],
    ['a Persian headline whose only letter of its own is ی, with no Arabic word', 'افزایش نرخ بیکاری', 'pes', false],
    ['a Persian headline with گ and none of the other languages\' letters or Urdu\'s postpositions', 'گزارش هواشناسی', 'pes', false],
    ['an Urdu headline without its letters, told by its postposition کی', 'عمران کی گرفتاری', 'urd', false],
    ['an Arabic headline spelling a Moroccan town with گ, which franc scores close to Persian', 'موسم گلميم ينطلق', 'arb', true],
    ['an Arabic headline spelling a town with گ beside Arabic\'s ي, which franc scores far below Persian', 'انطلاق موسم طانطان بگلميم', 'arb', true],
    ['a Persian headline with گ and Arabic\'s ي (a page once encoded in windows-1256), told by its words', 'پيش بيني هوا در تهران', 'pes', false],
    ['a Persian headline without ی or ک, over an empty text (a line break is no space to franc)', 'پارلمان اروپا\n', 'pes', false],
    ['a Uyghur headline with ې but none of ۆ ۇ ۈ ۋ, told by its ە', 'قەشقەردە يېڭى مەكتەپ ئېچىلدى', 'uig', false],
    ['a Persian headline in letters Arabic shares', 'بارش باران در تهران', 'pes', false],
    ['another, without a single letter of its own', 'حمله به سفارت از طرف معترضان', 'pes', false],
    ['a Persian headline told by its word for arrest', 'بازداشت دو متهم', 'pes', false],
    ["a Persian headline told by its ت where Arabic writes ة", 'حمله به سفارت', 'pes', false],
    ['an Arabic headline naming a player with دو', 'دو سانتوس يوقع لريال مدريد', 'arb', true],
    ['an Arabic headline with the verb در (yielded)', 'مشروع در أرباحا كبيرة على الدولة', 'arb', true],
    ['Darija with its particles را and شد', 'را شد الطريق وما بغاش يدوز من هنا', 'arb', true],
    [
      'Arabic quoting a long statement in English',
      'قال المتحدث باسم الخارجية الأمريكية في مؤتمر صحفي: "We are deeply concerned about the situation and we call on all parties to exercise restraint and to return to the negotiating table as soon as possible"، مضيفا أن واشنطن تتابع التطورات عن كثب.',
      'arb',
      true,
    ],
    [
      'English quoting a long statement in Arabic',
      'The spokesman told reporters in Rabat on Monday: «إن المملكة المغربية ماضية في تعزيز تعاونها الأمني مع شركائها الأوروبيين والأفارقة في مجال مكافحة الإرهاب والجريمة المنظمة العابرة للحدود» before leaving.',
      'eng',
      false,
    ],
    ['an interview in English, all quotes but a few Arabic words', 'قال: "We will cooperate with every country that asks us, and we have done so for many years with our partners in Europe and Africa"', 'eng', false],
    [
      'an Arabic teaser above a longer English footer of the site',
      'أعلنت وزارة الصحة عن حملة وطنية للتلقيح ضد الأنفلونزا الموسمية تشمل المسنين والأطفال والمصابين بأمراض مزمنة ابتداء من الأسبوع المقبل.\nThe post حملة وطنية للتلقيح appeared first on Al Khabar Online. © 2026 Al Khabar Media Group. All rights reserved. Subscribe to our daily newsletter and get the news before breakfast, follow us on every social network, and read our privacy policy and cookie policy before you continue browsing.',
      'arb',
      true,
    ],
    [
      'an Arabic teaser above a French footer, in one paragraph',
      'شهدت مدينة وجدة تساقطات مطرية غزيرة خلال الليلة الماضية تسببت في غمر عدد من الأحياء بالمياه. Tous droits réservés 2026 - Reproduction interdite sans autorisation écrite de la rédaction. Politique de confidentialité et gestion des cookies. Abonnez-vous gratuitement à notre lettre quotidienne et suivez-nous sur les réseaux sociaux.',
      'arb',
      true,
    ],
    ['English on privacy and cookies, in full', 'The regulator said the company had changed its privacy policy and cookie banners after the ruling, giving users in Europe a clear choice to refuse tracking.', 'eng', false],
    [
      'Arabic still wrapped in markup',
      '<div class="article-content"><p>أوقفت عناصر الشرطة&nbsp;بمدينة فاس شخصا&nbsp;للاشتباه في تورطه في&nbsp;السرقة.</p><script>var tracker = "analytics tracking code for the newsroom website";</script><!-- generated by the content management system --></div>',
      'arb',
      true,
    ],
  ])('%s', (_name, text, language, arabic) => {
    expect(detectLanguage(text)).toEqual({ language, arabic });
  });

  it.each([
    ['empty text', ''],
    ['digits and punctuation only', '2024 - 11 / 07 !!!'],
    ['a single short word', 'OK'],
    ['a name repeated, as a title and a text', 'INTERPOL\nINTERPOL'],
    ['two names', 'Abdellatif Hammouchi'],
    ['one Arabic word of two letters', 'في'],
    ['tatweel strokes alone, no letters', 'ـــــــــ ـــــ'],
    ['Arabic diacritics alone', 'ًٌٍَُِّْ'],
    ['two Han ideographs', '东京'],
  ])('names no language for %s', (_name, text) => {
    expect(detectLanguage(text)).toEqual({ language: 'und', arabic: false });
  });

  it.each([
    ['"urgent"', 'عاجل', { language: 'arb', arabic: true }],
    ['a name', 'حموشي', { language: 'arb', arabic: true }],
    ['a word with a date', '2025 الرباط', { language: 'arb', arabic: true }],
    ['a word stretched by tatweel', 'عـــاجـــل', { language: 'arb', arabic: true }],
  ])('names one or two words in Arabic letters alone, %s, Arabic', (_name, text, expected) => {
    expect(detectLanguage(text)).toEqual(expected);
  });

  it('does not take one Persian word, in letters Arabic does not write, for Arabic', () => {
    expect(detectLanguage('پلیس').arabic).toBe(false);
  });

  // Headlines franc's trigrams alone named wrongly, or not at all: in Cyrillic the alphabets rule
  // languages out and the clues choose.
  it.each([
    ['a Russian headline with ы, which Macedonian does not write', 'Путин провел переговоры с президентом Египта', 'rus'],
    ['a Russian headline with ы and э, which Serbian does not write', 'Суд приговорил бывшего мэра к тюрьме', 'rus'],
    ['a three-word Russian headline with ы, which Ukrainian does not write', 'Интерпол объявил розыск', 'rus'],
    ['a Russian headline in the letters Bulgarian and Serbian share, told by its endings', 'В Марокко задержали наркоторговцев', 'rus'],
    ['a Russian headline with ь before a consonant, which Bulgarian writes only before о', 'Пожар на складе в Подмосковье потушен', 'rus'],
    ['a Russian headline told by its masculine past', 'Глава МВД посетил Касабланку', 'rus'],
    ['a Ukrainian headline with і', 'Збірна України перемогла Іспанію', 'ukr'],
    ['a Bulgarian headline with ъ before a consonant, which Russian writes only before е ё ю я', 'Съдът осъди бившия кмет', 'bul'],
    ['a Bulgarian headline told by its articles', 'Министърът на вътрешните работи посети Рабат', 'bul'],
    ['a Serbian headline with ћ', 'Вучић разговарао са председником Египта', 'srp'],
    ['a Macedonian headline with its article -от', 'Интерпол издаде потерница за поранешниот министер', 'mkd'],
    ['a Kazakh headline with і and ұ', 'Полиция күдіктіні ұстады', 'kaz'],
    // Under eight characters these were `und`, as a line of letters is; each of theirs holds two or three.
    ['a Chinese headline of six ideographs', '北京今日大雨', 'cmn'],
    ['a Japanese headline of five characters, told by its kana', '東京で大雨', 'jpn'],
    ['a Korean headline of five syllables', '서울에 폭우', 'kor'],
    // Devanagari lines: franc named Bhojpuri or Magahi, rare in the press, for these.
    ['a Hindi headline', 'शेयर बाजार में भारी गिरावट', 'hin'],
    ['a Hindi headline with its postposition ने', 'सरकार ने नए कानून को मंजूरी दी', 'hin'],
    ['a Marathi headline', 'शेअर बाजारात मोठी घसरण', 'mar'],
  ])('names %s', (_name, text, language) => {
    expect(detectLanguage(text)).toEqual({ language, arabic: false });
  });

  it('does not take a Russian article naming a party once in Kazakh letters (Нұр Отан) for Kazakh, whose alphabet holds all of Russian\'s', () => {
    const report =
      'Министр иностранных дел Казахстана провел переговоры со своим российским коллегой в Москве. Стороны обсудили торговлю, энергетику и транспортные коридоры, а также сотрудничество в сфере безопасности. ';
    expect(detectLanguage(`${report.repeat(3)}В переговорах участвовали и представители партии Нұр Отан.`).language).toBe('rus');
  });
});

describe('the language of an article', () => {
  const arabic = 'أوقفت عناصر الشرطة بمدينة طنجة شخصا يشتبه في تورطه في السرقة بالعنف';
  const tagger = compileTagger('tags: {}\n');
  it.each([
    ['decimal', (c: string) => `&#${c.codePointAt(0)};`],
    ['hexadecimal', (c: string) => `&#x${c.codePointAt(0)!.toString(16)};`],
  ])('is read after HTML entities are decoded: Arabic written as %s character references', (_name, encode) => {
    const text = [...arabic].map(encode).join('');
    expect(analyseArticle({ title: '', text }, tagger)).toMatchObject({ language: 'arb', arabic: true });
  });
});
