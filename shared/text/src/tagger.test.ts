import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyseArticle } from './analyse.js';
import { compileTagger, EVIDENCE_PER_TAG } from './tagger.js';

const tagger = compileTagger(readFileSync(fileURLToPath(new URL('../aliases.yml', import.meta.url)), 'utf8'));
const tags = (text: string) => tagger.tag(text).tags;

describe('tagger: interpol', () => {
  it.each([
    ['by a red diffusion, in French', "Le suspect faisait l'objet d'une diffusion rouge émise par les autorités belges"],
    ['by red notices said international', 'سلمت الشرطة مطلوبين إلى السلطات الفرنسية بعد القبض عليهما إثر صدور نشرات دولية حمراء بحقهما'],
    ['by its national central bureau, in an extradition story', 'تم إشعار المكتب المركزي الوطني بالرباط الذي أشعر نظيره الفرنسي بعملية التوقيف في إطار إجراءات التسليم'],
    ['by its national central bureau, in French', "Le Bureau central national de Rabat a informé son homologue français de l'arrestation"],
    ['by its national central bureau, in English', 'The National Central Bureau in Rabat notified its French counterpart of the arrest'],
    ['with the article and a preposition', 'صوتت الجمعية العامة للأنتربول لصالح المغرب'],
    ['spelt without its و, with ل + ال', 'اعتقال مطلوب للإنتربل في مطار القاهرة'],
    ['with و + ل + ال', 'وللإنتربول دور في ذلك'],
    ['with ب + ال', 'التنسيق القائم بالأنتربول بين الأجهزة'],
    ['with ف + ال', 'فالإنتربول يتابع الملف'],
    ['in Hindi', 'इंटरपोल ने भगोड़े के खिलाफ रेड नोटिस जारी किया'],
    ['in Hindi, the other spelling', 'इन्टरपोल की मदद से आरोपी गिरफ्तार'],
    ['in Bengali, with its genitive ending', 'ইন্টারপোলের সহায়তায় আসামি গ্রেপ্তার'],
    ['in Finnish, with its case ending', 'Epäilty pidätettiin Interpolin etsintäkuulutuksen perusteella'],
    ['in Hungarian, with its case ending', 'Az Interpolnak küldött körözés alapján fogták el'],
    ['misspelt as in the press', 'فعاليات قمة الأنتروبول بمراكش'],
    ['spelt with ي, as some outlets write it', 'سلمت السلطات المتهم بعد تعاون مع الإنتيربول'],
    ['by its full Arabic name', 'المنظمة الدولية للشرطة الجنائية تعقد دورتها'],
    ['as الشرطة الدولية', 'أصدرت الشرطة الدولية مذكرة بحث'],
    ['as الشرطة الدولية publishing a notice', 'نشرت الشرطة الدولية نشرة حمراء في حق المتهم'],
    ['as الشرطة الدولية, a site of its publishing', 'نشر موقع الشرطة الدولية قائمة المطلوبين'],
    ['as الشرطة الدولية, after a multinational network', 'أصدرت الشرطة الدولية مذكرة بحث دولية في حق زعيم شبكة متعددة الجنسيات لتهريب المهاجرين'],
    ['as الشرطة الدولية, working with a force of one country', 'تعاونت الشرطة الدولية مع قوة من الشرطة الإسبانية في تفكيك الشبكة'],
    ['as الشرطة الدولية, working with the United Nations', 'وقعت الشرطة الدولية والأمم المتحدة اتفاقا لتبادل المعلومات حول المقاتلين الأجانب'],
    ['as الشرطة الدولية, in a story that names peacekeeping further on', 'أصدرت الشرطة الدولية مذكرة بحث دولية في حق المتهم بالاحتيال على مستثمرين في عدة دول. ويقول المحققون إن المتهم جمع أكثر من مئة مليون دولار من آلاف الضحايا عبر منصات وهمية للاستثمار في العملات الرقمية، قبل أن يختفي عن الأنظار ويغلق حساباته. وكان المتهم قد عمل سابقا في بعثة لحفظ السلام'],
    ['as البوليس الدولي, in a Moroccan story', 'البوليس الدولي يسلم المغرب مطلوبا في قضايا نصب'],
    ['through a red notice', 'يشكل موضوع نشرة حمراء دولية'],
    ['by its full name in German', 'Die Internationale Kriminalpolizeiliche Organisation tagt in Marrakesch'],
    ['by its full name in Turkish, with its dotless i', 'Uluslararası Kriminal Polis Örgütü genel kurulu Marakeş te toplandı'],
    ['by its full name in Portuguese', 'A Organização Internacional de Polícia Criminal reuniu-se em Marraquexe'],
    ['through a red notice translated as an alert, indefinite', 'أصدرت السلطات إشعارا أحمر دوليا بحق المتهم الفار'],
    ['through a red notice called a red arrest warrant', 'صدرت في حقه مذكرة توقيف حمراء بطلب من السلطات البلجيكية'],
    ['in French, elided', "l'objet d'une notice rouge d'Interpol"],
    ['through a blue notice', 'صدرت في حقه النشرة الزرقاء لتحديد مكان وجوده'],
    ['through a red notice, as Gulf outlets translate it', 'صدر بحقه إشعار أحمر بعد فراره خارج البلاد'],
    ['through "the international red notice"', 'أوقف المتهم بموجب النشرة الدولية الحمراء الصادرة في حقه'],
    ['in Latin American Spanish', 'el sujeto contaba con ficha roja por homicidio'],
    ['through a yellow notice, in English', 'a yellow notice was issued for the missing girl'],
    ['in English capitals', 'INTERPOL said on Tuesday'],
    ['by its French name', 'Organisation internationale de police criminelle'],
    ['in Spanish, through a red notice', 'detenido en Algeciras en virtud de una notificación roja'],
    ['in Pashto', 'د انټرپول په مرسته یې یو تورن نیولی دی'],
    ['in Kurdish', 'بە هاوکاری ئینتەرپۆڵ تۆمەتبارێکی دەستگیر کرد'],
    ['in Kurdish, with the ezafe joined to it', 'پۆلیسی ئینتەرپۆڵی نێودەوڵەتی ڕایگەیاند'],
    ['in Kurdish, after بە with its ەوە', 'بە هاوکاری ئینتەرپۆڵەوە تۆمەتبارێک دەستگیرکرا'],
    ['in Kurdish, spelt with ە', 'ئەنتەرپۆل لە مەراکیش کۆبوونەوەی ساڵانەی خۆی ئەنجامدا'],
    ['in Uyghur, in the genitive', 'ئىنتېرپولنىڭ باش كاتىپى ماراكەشتە سۆز قىلدى'],
    ['in Russian', 'Интерпол объявил его в розыск'],
    ['in Russian, declined', 'задержала трёх подозреваемых, разыскиваемых по линии Интерпола'],
    ['in Chinese, written without spaces', '国际刑警组织发布红色通缉令'],
    ['in traditional Chinese, by its short name', '警方透過國際刑警協助逮捕嫌犯'],
    ['in Thai, written without spaces', 'ตำรวจไทยจับกุมผู้ต้องหาที่ถูกอินเตอร์โพลออกหมายแดง'],
    ['in Thai, as "international police"', 'ตำรวจสากลออกหมายแดงจับกุมผู้ต้องหา'],
    ['in Georgian, in the ergative', 'ინტერპოლმა წითელი ცირკულარი გამოსცა'],
    ['in Armenian, with its article', 'Ինտերպոլը հետախուզում է հայտարարել'],
    ['in Amharic', 'ኢንተርፖል ቀይ ማስታወቂያ አውጥቷል'],
    ['in Tamil', 'இன்டர்போல் சிவப்பு அறிவிப்பு வெளியிட்டது'],
    ['in Japanese', '容疑者はインターポールを通じて国際手配された'],
    ['in Korean, with a particle joined to it', '인터폴은 그에게 적색수배를 내렸다'],
    ['in Hebrew, with the article joined to it', 'נעצרו בשיתוף פעולה עם האינטרפול'],
    ['in German, in the genitive', 'nach Angaben des Interpols wurde der Mann gefasst'],
    ['in Persian, spelt with و', 'پلیس اینترپول برای او اعلان قرمز صادر کرد'],
    ['in Urdu, written in two words', 'عالمی تنظیم انٹر پول نے مطلوب افراد کی نئی لسٹ جاری کی'],
    ['in Persian, by its own name', 'پلیس بین\u200cالملل اعلام کرد که یک شبکه قاچاق انسان متلاشی شده است'],
    ['in Persian, by its formal name spaced', 'سازمان بین المللی پلیس جنایی برای او اعلان قرمز صادر کرد'],
    ['by its Arabic adjective', 'صدرت في حقه مذكرة إنتربولية بعد فراره'],
    ['in Polish, in the dative', 'Policja przekazała Interpolowi dane podejrzanego'],
    ['in Czech, in the genitive', 'Muž je na seznamu hledaných osob Interpolu'],
    ['in Albanian, definite', 'Policia arrestoi dje një burrë të kërkuar nga Interpoli për mashtrim'],
    ['working "in concert with" the police', 'Moroccan police, acting in concert with Interpol, arrested a fugitive'],
    ['looking for a singer', 'Interpol has been asked to find the singer, who fled after the verdict'],
    ['wanting a singer', 'أوقفت الشرطة الإسبانية مغنيا مغربيا مطلوبا للإنتربول بتهمة النصب'],
    ["wanting a rapper for a song", 'طالبت السلطات الإنتربول بتوقيف مغني راب فار بسبب أغنية تحرض على العنف'],
    ['through a red notice in a story about a band', 'The rock band cancelled its tour after Interpol issued a red notice for its drummer'],
  ])('finds Interpol %s', (_name, text) => {
    expect(tags(text)).toContain('interpol');
  });

  it.each([
    ['Europol', 'Europol dismantled a network'],
    ['Afripol', 'عقدت أفريبول اجتماعها'],
    ["a party's central office", 'عقد المكتب المركزي الوطني للحزب اجتماعه الدوري بالرباط لمناقشة الانتخابات المقبلة'],
    ['interpolation', "une méthode d'interpolation spatiale"],
    ['the Spanish and Italian verb', 'el programa interpola los valores que faltan'],
    ['anthropology', 'ندوة حول الأنثروبولوجيا الثقافية'],
    ['Inter Milan', 'فاز إنتر ميلان على يوفنتوس'],
    ['the rock band', 'New York indie rock band Interpol have announced their eighth studio album and a world tour'],
    ['the rock band, in Arabic', 'تحيي فرقة الروك الأمريكية إنتربول حفلا موسيقيا بالدار البيضاء وتقدم أغاني ألبومها الجديد'],
    ['the band performing, in Arabic, named no rock band', 'فرقة إنتربول الأمريكية تحيي حفلا في لندن'],
    ['the rock band, in French', 'Le groupe de rock new-yorkais Interpol sera en concert à Paris'],
    ['the band, by its record and tour', "New York band Interpol have announced their eighth LP, led by the single 'Toni', and a European tour"],
    ['the band, by the word "band" and its anniversary tour', 'Interpol (band) announce tour\nInterpol have announced a 20th anniversary tour for their debut album, with dates across North America'],
    ['the band, by its first record', "Interpol's Turn On the Bright Lights is twenty years old"],
    ['the band, beside another', 'Interpol and The Strokes, two bands that defined the early 2000s, share a bill in Madrid'],
    ['the band, by its concert at a Moroccan festival', 'تحيي فرقة إنتربول الأمريكية حفلا غنائيا في مهرجان موازين بالرباط'],
    ['a yellow weather alert', 'أصدرت المديرية العامة للأرصاد الجوية نشرة إنذارية صفراء بشأن تساقطات مطرية'],
    ['a red weather alert', 'أصدرت المديرية العامة للأرصاد الجوية نشرة حمراء تحذر من أمطار رعدية قوية بعدد من أقاليم المملكة'],
    ['a red weather alert, named in the headline', 'نشرة حمراء\nتساقطات ثلجية وأمطار قوية مرتقبة غدا بعدد من المناطق'],
    ['a blue weather bulletin', 'النشرة الزرقاء للطقس تتوقع أجواء باردة'],
    ['the film named after its notice', "Dwayne Johnson and Ryan Reynolds star in Red Notice, Netflix's most watched film"],
    ['the film named after its notice, in Arabic', 'نتفليكس تعلن جزءا ثانيا من فيلم الإشعار الأحمر'],
    ['the film named after its notice, in French', 'Le film Red Notice bat des records sur Netflix'],
    ["a peacekeeping mission's police", 'تشارك عناصر من الشرطة الدولية التابعة لبعثة الأمم المتحدة في تأمين الانتخابات'],
    ["an international force's police", 'ناقش الاجتماع نشر قوة دولية تضم عناصر من الشرطة الدولية لتأمين المعابر'],
    ['the African police organisation, as البوليس الدولي الأفريقي', 'أعلن البوليس الدولي الأفريقي أفريبول عن اجتماع لقادة الشرطة في الجزائر'],
    ['an international police force proposed for a ceasefire', 'اقترحت الولايات المتحدة نشر قوة شرطة دولية في قطاع غزة بعد وقف إطلاق النار'],
    ['an international police deployed, definite', 'طالبت عدة دول بنشر الشرطة الدولية في المدينة لحماية المدنيين'],
    ['the deployment of its officers', 'قال مسؤول أممي إن انتشار عناصر الشرطة الدولية سيبدأ الشهر المقبل'],
    ['an international police already deployed', 'تتولى الشرطة الدولية المنتشرة في الإقليم حراسة المعابر'],
    ['a deployed international police, named bare in the headline', 'الشرطة الدولية في المدينة\nقال مسؤول أممي إن انتشار عناصر الشرطة الدولية سيبدأ الشهر المقبل'],
    ["a peacekeeping mission's police, named in the headline", 'شرطة دولية لتأمين الانتخابات\nوصلت دفعة جديدة من عناصر الشرطة الدولية التابعة لبعثة الأمم المتحدة إلى العاصمة'],
      ['the band, in Russian', 'Американский инди-рок-коллектив Interpol выпустит концертный альбом в декабре'],
    ['the band, in Hebrew', 'להקת הרוק אינטרפול תופיע לראשונה בתל אביב באוגוסט'],
])('does not take %s for Interpol', (_name, text) => {
    expect(tags(text)).not.toContain('interpol');
  });
});

describe('tagger: dgsn', () => {
  it.each([
    ['its Director General', 'استقبل عبد اللطيف حموشي وفدا أمنيا'],
    ['its Director General in French', 'Abdellatif Hammouchi a reçu une délégation'],
    ['its Director General spelt with one m', 'Hamouchi receives FBI director in Rabat'],
    ['its Director General beside his judicial police director', 'استقبل عبد اللطيف حموشي ومحمد الدخيسي وفدا أمنيا'],
    ['its Director General by his surname after a verb that ends in a name', 'أثنى الوزير على حموشي لجهوده في تأمين التظاهرات الكبرى'],
    ['its Director General by his surname after a verb that is also a given name', 'أشرف حموشي على حفل تخرج الفوج الجديد'],
    ['its Director General by his surname, speaking', '"We will keep working with our partners," said Hammouchi in Marrakech'],
    ['its Director General named in full, beside another person of his surname', 'استقبل عبد اللطيف حموشي سفير إسبانيا، وحضر اللقاء محمد حموشي، المستشار بالسفارة'],
    ['its Director General named in full in English, beside another person of his surname', 'Abdellatif Hammouchi received the delegation; Karim Hammouchi, a diplomat, attended'],
    ['its Director General after a comma that ends a given name', 'ترأس ولي العهد الأمير مولاي الحسن، حموشي إلى جانبه، حفل تخرج الفوج الجديد من ضباط الأمن'],
    ['its Director General after a noun that is also a given name', 'من هو خليفة حموشي على رأس المديرية؟'],
    ['its Director General by his surname, a player named after it', 'هنأ حموشي الحارس الذي أنقذ طفلا من الغرق بشاطئ عين الذئاب'],
    ['its Arabic name, in a Moroccan story', 'أفاد بلاغ للمديرية العامة للأمن الوطني بأن عناصر الشرطة بطنجة أوقفت مشتبها فيه'],
    ['its acronym, in a Moroccan story', 'La DGSN a interpellé un suspect à Casablanca'],
    ['"الأمن الوطني" as the institution', 'خلدت أسرة الأمن الوطني بالرباط ذكرى التأسيس'],
    ['its staff, in the nominative', 'استفاد موظفو الأمن الوطني بمراكش من برنامج للسكن'],
    ['its English name', "Morocco's General Directorate for National Security (DGSN) said"],
    ['its English name, the other way round', "Morocco's Directorate General for National Security said on Monday it had arrested two suspects in Tangier"],
    ['a Casablanca police district', 'تمكنت عناصر المنطقة الأمنية الحي الحسني بالدار البيضاء من توقيف شخصين يشتبه في تورطهما في السرقة'],
    ['its anti-gang brigade', 'أوقفت عناصر فرقة مكافحة العصابات بمدينة فاس ثلاثة أشخاص مبحوث عنهم'],
    ['its urban corps', 'أوقفت عناصر الهيئة الحضرية بمدينة طنجة سائقا متهورا عرض حياة المارة للخطر'],
    ['its school', 'تخرج فوج جديد من حراس الأمن بالمعهد الملكي للشرطة'],
    ['its regional command, as French says it', "Les éléments de la préfecture de police de Casablanca ont interpellé trois individus"],
    ['its Director General as some Spanish outlets spell him', 'El jefe de la seguridad marroquí, Abdelatif Hamuchi, recibió la Gran Cruz del Mérito Policial'],
    ['its Spanish name', 'La Dirección General de la Seguridad Nacional de Marruecos detuvo en Tánger a un sospechoso'],
    ['its Arabic name, in a story naming Casablanca as Moroccans say it', 'أوقفت المديرية العامة للأمن الوطني بكازا شخصين متورطين في السرقة'],
    ['its Arabic name, in a story from a smaller Moroccan town', 'أفادت المديرية العامة للأمن الوطني بأن عناصر الشرطة بتارودانت أوقفت مشتبها فيه'],
    ['its regional command in Marrakech', 'تمكنت عناصر الشرطة القضائية بولاية أمن مراكش من توقيف شخص يشتبه في ترويج المخدرات'],
    ['its provincial command', 'أوقفت عناصر المنطقة الإقليمية للأمن بالقصر الكبير شخصين'],
    ['its regional command, in French', 'Les éléments de la wilaya de sûreté de Marrakech ont interpellé un suspect'],
    ["Morocco's national police, in English", "Morocco's national police arrested three suspects on Monday"],
    ['the Moroccan national police, in French', 'La police nationale marocaine a démantelé un réseau de trafic de drogue'],
    ['the Moroccan national police, in Spanish', 'La Policía Nacional marroquí desarticuló una red de tráfico de hachís'],
    ['Moroccan police officers, in Spanish', 'Policías marroquíes detuvieron a un ciudadano español buscado por estafa'],
    ["the police by the country's name, in Spanish", 'Agentes de la policía de Marruecos detuvieron a un ciudadano español'],
    ['Moroccan police officers, in French', 'Des policiers marocains ont interpellé un ressortissant espagnol recherché pour escroquerie'],
    ["the police by the country's name, in French", 'La police du Maroc a interpellé un ressortissant espagnol'],
    ["the police by the country's name, in English", 'The police of Morocco arrested a Spanish national wanted for fraud'],
    ['its name, in Turkish', "Fas Emniyet Genel Müdürlüğü, Kazablanka'da bir Türk vatandaşını gözaltına aldı"],
    ['Moroccan police, in Russian', 'Марокканская полиция задержала в Касабланке гражданина России'],
    ["the police of Morocco, in Russian, declined", 'Сотрудники полиции Марокко задержали подозреваемого в Танжере'],
    ['its judicial police service in a city', 'تمكنت المصلحة الولائية للشرطة القضائية بمراكش من توقيف شخص يشتبه في تورطه في السرقة'],
    ['its national judicial police brigade', 'استمعت الفرقة الوطنية للشرطة القضائية بالدار البيضاء إلى عدد من المسؤولين في ملف الصفقات'],
    ['its national judicial police brigade, in French', 'La Brigade nationale de la police judiciaire a ouvert une enquête à Casablanca'],
    ['its regional police station', 'تمكنت عناصر المفوضية الجهوية للشرطة بالقصر الكبير من توقيف مروج للمخدرات'],
    ['its district station', 'أحيل الموقوف على الدائرة الأمنية الخامسة بمدينة سلا لتعميق البحث معه'],
    ['its provincial command, as "الأمن الإقليمي"', 'تمكنت عناصر الأمن الإقليمي بالعرائش من حجز كمية من الشيرا'],
    ['its police station, in French', 'Le suspect a été conduit au commissariat de police de Nador'],
    ["its police station, in Darija's word", 'تم اقتياد المشتبه فيه إلى الكوميسارية المركزية بطنجة لتعميق البحث معه'],
    ["its commissioner, in Darija's word", 'الكوميسير ديال الدائرة فمراكش استقبل الشكاية'],
    ['its officers, as "Moroccan security"', 'أوقفت عناصر الأمن المغربي بمدينة طنجة شخصين يشتبه في تورطهما في الاتجار بالبشر'],
    ['its work, as "Moroccan security" in a headline', 'الأمن المغربي يوقف مبحوثا عنه دوليا'],
    ['its warning, as "الأمن الوطني" in a Moroccan headline', 'الأمن الوطني يحذر من رسائل احتيالية تنتحل صفة المديرية بالدار البيضاء'],
    ['a foiled plot, as "Moroccan security" in a headline', 'الأمن المغربي يحبط محاولة تهريب أطنان من الشيرا'],
    ['its yearly open days', 'انطلقت بمدينة أكادير فعاليات الأيام الوطنية للأبواب المفتوحة للأمن الوطني'],
    ['its Arabic name, in a story written in Darija', 'المديرية العامة للأمن الوطني قالت بلي غادي تزيد الدوريات فالأحياء ديال المدينة'],
    ['its communiqué naming no town but Morocco\'s police custody', 'وقد تم إخضاع المشتبه فيه لتدبير الحراسة النظرية رهن إشارة البحث القضائي، حسب بلاغ للمديرية العامة للأمن الوطني'],
    ['its other Arabic name, in a story naming no town but Morocco\'s judicial police', 'اجتاز مئات مفتشي الشرطة مباراة داخلية نظمتها الإدارة العامة للأمن الوطني، وامتحنوا في موضوع مهني حول عمل الضابطة القضائية'],
    ['its staff as its communiqués name them, in a Moroccan story', 'نفى مصدر أمني صحة مقاطع فيديو تدعي توثيق أعمال عنف من قبل موظفي الأمن ضد متظاهرين بالمغرب'],
    ['"الأمن الوطني" mobilising its officers, the verb first', 'عبأ الأمن الوطني أزيد من عشرة آلاف عنصر لتأمين مباريات كأس أمم إفريقيا بالمغرب'],
    ['"الأمن الوطني" deploying drones, in a Moroccan headline', 'الأمن الوطني يسخر طائرات مسيرة لمراقبة حركة السير بالدار البيضاء'],
    ['a car that belongs to it, in a Moroccan story', 'تعرضت سيارة تابعة للأمن الوطني لحادثة سير بالطريق السيار الرابط بين الرباط والدار البيضاء'],
    ['a patrol of its motorcyclists', 'أوقفت دورية للدراجين بمدينة سلا شابين كانا يحملان أسلحة بيضاء'],
    ['its police training centre', 'احتضن مركز التكوين الشرطي ببوقنادل حفل تخرج فوج جديد من الشرطيين'],
    ['an officer as its communiqués name him, in a Moroccan town', 'فتح بحث قضائي مع موظف شرطة يعمل بمدينة طنجة بعد تداول فيديو يوثق تلقيه مبلغا ماليا'],
    ['its communiqué naming no town but the King\'s prosecutor', 'أوقفت المديرية العامة للأمن الوطني مشتبها فيه وأحالته على وكيل الملك'],
    ['its acronym, with the King\'s prosecutor in French', "Le suspect a été déféré devant le procureur du Roi, indique un communiqué de la DGSN"],
    ['its French name, in a story from Oujda', 'Les éléments de la Sûreté nationale ont interpellé à Oujda un individu soupçonné de trafic de psychotropes'],
    ['its acronym, in a story from Laâyoune', 'La DGSN a mobilisé ses équipes à Laâyoune pour sécuriser le festival'],
    ['its acronym, beside the King', 'Sur Hautes Instructions de SM le Roi Mohammed VI, la DGSN a lancé un programme de logement'],
    ['its Arabic name, in a story that names no country at all', 'أعلنت المديرية العامة للأمن الوطني عن حملة جديدة لتوظيف الشرطيين'],
    ['its acronym, in a story that names no country at all', 'La DGSN a lancé une campagne de recrutement de 5.000 policiers'],
    ['its French name, in a story that names no country at all', 'La Sûreté nationale a lancé une campagne de recrutement de 5.000 policiers'],
    ['a command named by its town, as Moroccan news says it', 'تمكنت عناصر الشرطة القضائية بأمن طنجة من فك لغز جريمة قتل'],
    ['a command named by a town of two words', 'فككت عناصر أمن الدار البيضاء عصابة إجرامية متخصصة في السرقة'],
    ["a town's police, in Arabic", 'أوقفت شرطة مراكش شخصا يشتبه في تورطه في النصب على السياح'],
    ["a town's police, its name written with Darija's ڭ", 'أوقفت عناصر أمن أڭادير شخصين يشتبه في تورطهما في السرقة'],
    ["a town's police, in French", 'La police de Casablanca a interpellé trois individus'],
    ["a town's police prefecture, in French", "Les éléments de la préfecture de police d'Agadir ont interpellé un suspect"],
    ["a town's police, in English", 'Marrakech police arrested a man suspected of attacking a tourist'],
    ["a town's Sûreté, in French", 'Les éléments de la Sûreté de Tanger ont interpellé deux individus'],
    ["a town's prefectural Sûreté, in French", "Les services de la sûreté préfectorale d'Agadir ont arrêté un multirécidiviste"],
    ["a town's judicial police service, by its French acronym", 'Le SPPJ de Rabat a placé le suspect en garde à vue'],
    ["a town's police officers, in French", 'Les policiers de Fès ont saisi deux tonnes de chira'],
    ["the police at work in a Moroccan town, in French", 'La police à Marrakech a interpellé deux individus'],
    ["security services at work in a Moroccan town, in French", 'Les services de sécurité à Tanger ont saisi 3 tonnes de chira'],
    ["a town's anti-gang brigade, in French", 'Les éléments de la brigade anti-gang de Fès ont interpellé un individu'],
    ["a town's police, in English, the town after", 'Police in Casablanca have arrested a man suspected of murder'],
    ["a town's police, in English, with the genitive", "Casablanca's police prefecture said the suspect had been placed in custody"],
    ["a town's police officers, in English", 'Police officers in Agadir seized 2 tons of cannabis resin'],
    ["a town's security services, in English", 'Security services in Tangier arrested three suspects on Monday'],
    ['its officers, as "Moroccan security services" in English', 'Moroccan security services dismantled a terrorist cell in Tetouan'],
    ['the police at work in a Moroccan town', 'ألقت عناصر الشرطة بمكناس القبض على مروج للأقراص المهلوسة'],
    ['the police at work in a Moroccan town, "in" a word of its own', 'أوقفت عناصر الشرطة في مدينة طنجة شخصين مبحوثا عنهما'],
    ['its officers at work in a Moroccan town', 'تدخل رجال الأمن بطنجة لتفريق مشاجرة بين مشجعين'],
    ["a police district's chief, in a Casablanca district", 'أشرف رئيس المنطقة الأمنية بابن مسيك على عملية أمنية واسعة'],
    ['"the security" arresting, in a Moroccan headline', 'الأمن يوقف مروجا للمخدرات بطنجة'],
    ['"the police" dismantling, in a Moroccan headline', 'الشرطة تفكك عصابة للسرقة بفاس'],
    ['its yearly results', 'حصيلة الأمن الوطني لسنة 2025: تراجع الجريمة بالمغرب'],
    ['its directorate, short, in a Moroccan story', 'مديرية الأمن تنفي خبر وفاة موقوف بطنجة'],
    ['its motorcycle patrols', 'عناصر فرقة الصقور تطارد لصا بشوارع الرباط'],
    ['its directorate, short, issuing the electronic identity card only Morocco names so', 'أطلقت مديرية الأمن الوطني بوابة إلكترونية لطلب البطاقة الوطنية للتعريف الإلكترونية'],
    ['a grade only its statute has, in a Moroccan town', 'ضابط أمن ممتاز يضطر لإطلاق النار لتحييد خطر شخص مسلح بالدار البيضاء'],
    ["its communiqués' words for an officer drawing his gun, in a Moroccan town", 'اضطر مقدم شرطة يعمل بمدينة سلا لاستعمال سلاحه الوظيفي بشكل احترازي لتوقيف شخص في حالة تخدير متقدمة'],
    ["Darija's word for the police, in a Moroccan story", 'البوليس ديال كازا شدو واحد الشفار كان كيسرق فالطوبيس'],
    ["a town's judicial police, in French", "Les enquêteurs de la police judiciaire d'Oujda ont interpellé un suspect"],
    ["the judicial police at work in a Moroccan town", 'أحالت عناصر الشرطة القضائية بطنجة شخصين على النيابة العامة بعد توقيفهما في حالة تلبس'],
    ["a command named by a town that is also a word, in a Moroccan story", 'أوقفت عناصر أمن البيضاء شخصين بعد مطاردة هوليودية في شوارع المدينة، حسب مصدر من المغرب'],
    ['its founding anniversary, in a story that names no country', 'خلدت أسرة الأمن الوطني الذكرى التاسعة والستين لتأسيس الأمن الوطني، وتم توشيح عدد من نساء ورجال الأمن الوطني'],
    ['"الأمن الوطني" as the subject of an arrest, the verb first', 'أوقف الأمن الوطني شخصين للاشتباه في تورطهما في السرقة بمدينة فاس'],
    ['"الأمن الوطني" as the source of a story', 'حسب مصدر من الأمن الوطني فإن الموقوف كان مبحوثا عنه بمدينة وجدة'],
    ['"الأمن الوطني" in a Moroccan town', 'نظم الأمن الوطني بمراكش حملة تحسيسية لفائدة التلاميذ'],
    ['"الأمن الوطني" in a Moroccan town, named with the word "town"', 'الأمن الوطني بمدينة أكادير يطيح بعصابة متخصصة في سرقة السيارات'],
    ["its officers beside Morocco's other forces", 'شاركت عناصر من الأمن الوطني والدرك الملكي والقوات المساعدة في البحث عن الطفل المفقود'],
    ['its name beside the Royal Gendarmerie, Morocco\'s alone, in a story naming no place', 'حملة مشتركة بين الدرك الملكي والأمن الوطني لمحاربة الجريمة بضواحي المدينة'],
    ['its officers beside the Auxiliary Forces, in a story naming no place', 'عناصر الأمن الوطني والقوات المساعدة تتدخل لتفريق المحتجين'],
    ['a communiqué of the DST and it, in a Moroccan town', 'بلاغ الديستي والأمن الوطني حول توقيف متطرف بتطوان'],
    ['its Arabic name said Moroccan, in a story set in Mauritania', 'التقى وفد من المديرية العامة للأمن الوطني المغربية بنظرائه في نواكشوط الموريتانية لبحث التعاون مع الشرطة الموريتانية'],
    ['its acronym said Moroccan, in French, in a story set in Mauritania', 'Une délégation de la DGSN marocaine a rencontré à Nouakchott ses homologues mauritaniens, en Mauritanie'],
    ["its acronym as Morocco's, in English, in a story set in Mauritania", "A delegation from Morocco's DGSN met Mauritanian counterparts in Nouakchott, Mauritania"],
    ['its French name said Moroccan, in a story set in Mauritania', 'Le directeur général de la Sûreté nationale marocaine a reçu son homologue mauritanien à Nouakchott, en Mauritanie'],
    ["Kenitra's police, a town Syria has too", 'أمن القنيطرة يوقف مروجا للمخدرات'],
    ["Kenitra's police arresting a Syrian, in a Moroccan story", 'أوقفت عناصر الشرطة بمدينة القنيطرة مواطنا سوريا يشتبه في تورطه في النصب، وتم وضعه تحت تدبير الحراسة النظرية'],
    ["Mohammedia's police, a town Tunisia has too", 'فككت عناصر الشرطة بالمحمدية عصابة متخصصة في السرقة'],
    ['"the police" arresting, the verb first, in a story set in a Moroccan town', 'ألقت الشرطة القبض على شخص بمدينة الداخلة كان يروج المخدرات'],
    ['"the police" arresting, the verb first, the town after', 'أوقفت الشرطة شابا في طنجة بعد اعتدائه على سائحة'],
    ["its communiqué on a foreigner it arrested, his nationality beside its name", 'أفادت المديرية العامة للأمن الوطني بأن المشتبه فيه، وهو مواطن جزائري، كان يحمل جواز سفر مزورا عند توقيفه بمطار محمد الخامس الدولي بالدار البيضاء'],
    ['the judicial police at work in a town whose name is also a word', 'تمكنت الشرطة القضائية بالعيون من حجز كمية من المخدرات'],
    ["Laayoune's regional command, the town's name also a word", 'تمكنت عناصر ولاية أمن العيون من توقيف شخصين متورطين في سرقة'],
    ["El Jadida's provincial command, after a preposition", 'أوقفت عناصر المنطقة الإقليمية للأمن بالجديدة سائقا متهورا'],
    ['its officers at work in El Jadida, whose name means "the new"', 'أوقفت عناصر الأمن بالجديدة شابا اعتدى على سائح'],
    ['the tourist police in Marrakech', 'قائد فرقة الشرطة السياحية بمراكش يستقبل وفدا من السياح'],
    ['its men and women, the men named first', 'خلد رجال ونساء الأمن الوطني الذكرى السنوية لتأسيس المديرية'],
    ["a Casablanca police district, after a preposition", 'فتحت الشرطة القضائية بالمنطقة الأمنية الحي المحمدي بحثا قضائيا'],
    ['a police station of a small Moroccan town', 'تمكنت عناصر مفوضية الشرطة بتيفلت من توقيف مروج للمخدرات'],
    ["Casablanca's command in Algeria's word order, the town in one word", 'سجلت مصالح السير والجولان بأمن ولاية الدارالبيضاء 2739 مخالفة للسير خلال يومين'],
    ["Casablanca's command as MAP's English service names it", 'Police officers under the wilaya of security of Casablanca arrested a man filmed threatening a traffic officer'],
    ["Marrakech's provincial command, in Spanish", 'Agentes de policía de la Provincia de Seguridad de Marrakech detuvieron a un ciudadano francés'],
    ["the judicial police in a joint operation, the Moroccan town named further on", 'أسفرت عملية أمنية مشتركة بين الشرطة القضائية ومصالح مراقبة التراب الوطني عن توقيف شخص بمدينة طنجة يشتبه في تورطه في تنظيم الهجرة'],
    ['the police with customs in a Moroccan port', 'أحبطت مصالح الأمن والجمارك بميناء طنجة المتوسط محاولة لتهريب أقراص مهلوسة'],
    ['its provincial command, named by its town', 'أعلن الأمن الإقليمي بتاوريرت عن توقيف عصابة إجرامية متخصصة في السرقة'],
    ['its regional command, named by its town', 'أوقفت مصالح الأمن الجهوي بالحسيمة مروجا للمخدرات'],
    ["a numbered police district of Salé", 'تدخلت عناصر الشرطة التابعة للمنطقة الأمنية الثانية بسلا لفض شجار بالسلاح الأبيض'],
    ['the police at work in a Moroccan port', 'حجزت عناصر الشرطة بميناء طنجة المتوسط أطنانا من الشيرا'],
    ['the police at the crossing into Ceuta', 'حجزت عناصر الشرطة بمعبر باب سبتة كمية من الأقراص المهلوسة'],
    ['the police at the border crossing into Mauritania', 'أوقفت عناصر الشرطة بالمعبر الحدودي الكركرات سائق شاحنة كان يحمل كمية من المخدرات'],
    ["the police at Tangier's airport, named after Ibn Battuta", 'أوقفت عناصر الشرطة بمطار ابن بطوطة الدولي مسافرا يحمل جواز سفر مزورا'],
    ["the police at Casablanca's coach station", 'أوقفت عناصر الشرطة بالمحطة الطرقية أولاد زيان شخصا يشتبه في تورطه في السرقة'],
    ["Laayoune's command, its town's name also a word", 'ضابط شرطة بأمن العيون يطلق رصاصة تحذيرية لتوقيف جانح'],
    ['the police in a province named where a town would be', 'أوقفت عناصر الشرطة بإقليم الحوز شخصا يشتبه في تورطه في سرقة مواش'],
    ['the police in Benguerir, as it is also written', 'أوقفت عناصر الشرطة بمدينة بن جرير شابا يشتبه في تورطه في السرقة'],
    ['the police in a smaller town (Azemmour)', 'أوقفت عناصر الشرطة بمدينة أزمور شابا يشتبه في تورطه في السرقة'],
    ['the police in a smaller town (Boujad)', 'أوقفت عناصر الشرطة بمدينة أبي الجعد شابا يشتبه في تورطه في السرقة'],
    ['the police in a smaller town, in French (Youssoufia)', 'La police de Youssoufia a interpellé deux individus soupçonnés de vol'],
    ['the police in a smaller town, in French (Kelâat Sraghna)', 'La police de Kelâat Sraghna a interpellé deux individus soupçonnés de vol'],
    ["Dakhla's command, its town's name also a word", 'أمن الداخلة يحجز كمية من المخدرات على متن شاحنة'],
    [
      'the police "working at" a Moroccan airport, arresting a foreigner whose country the story names more often',
      'أوقفت عناصر شرطة الحدود العاملة بمطار محمد الخامس الدولي بالدار البيضاء مواطنا فرنسيا مطلوبا للقضاء الفرنسي، وذلك تنفيذا لأمر دولي بإلقاء القبض أصدرته السلطات الفرنسية، قبل إحالته على النيابة العامة في أفق تسليمه إلى فرنسا',
    ],
    ["the police of Casablanca's airport, in French", "La police de l'aéroport international Mohammed V a arrêté un ressortissant syrien porteur d'un passeport volé"],
    ["the police at Casablanca's airport, in English", 'Police at Mohammed V International Airport arrested a passenger carrying a forged passport'],
    ["the police of Tangier's airport, in French", "Les agents de la police de l'aéroport international de Tanger Ibn Battouta ont arrêté un ressortissant espagnol"],
    ["its national judicial police brigade, in Spanish", 'La Brigada Nacional de la Policía Judicial arrestó en Tánger a un ciudadano francés'],
    ['its French name as some translate it', "Le bureau relevant de la Direction générale de la sécurité nationale a informé son homologue, a-t-on appris à Rabat"],
    ["Tangier's judicial police, in English", 'The judicial police of Tangier arrested three suspects involved in a drug trafficking network'],
    ["Casablanca's prefecture of police, in English", 'The Casablanca prefecture of police announced the arrest of a man suspected of robbery'],
    ['its national judicial police brigade, in English', 'The National Brigade of the Judicial Police opened an investigation in Marrakech'],
    ["a police officer's service weapon in a Moroccan town, in English", 'A police officer in Agadir was forced to use his service weapon to arrest a suspect'],
    ["Tetouan's provincial security district, in English", 'The provincial security district of Tetouan arrested two suspects'],
    ['its Spanish name said Moroccan', 'La Seguridad Nacional marroquí anunció la detención de un yihadista en Nador'],
    ['a police officer in a Moroccan town, in Spanish', 'Un agente de policía en Rabat tuvo que usar su arma para detener a un agresor'],
    ["Morocco's police, in English", "Morocco's police arrested a foreign national wanted by German judicial authorities"],
    ["Morocco's police with a headline's verb, in English", 'Morocco: police arrest drug dealer after a raid on his home'],
    ["Morocco's police with a headline's verb, in Spanish", 'Marruecos: la Policía detiene a un traficante de hachís'],
    ["Morocco's national security officers, in English", 'Moroccan National Security officers arrested three suspects in Casablanca on Monday'],
    ["Morocco's national security agents, in English", 'Moroccan National Security agents seized two tonnes of cannabis resin near Agadir'],
    ['its general intelligence at work in a town', 'أجرت عناصر الاستعلامات العامة بمدينة فاس أبحاثا حول ملابسات الحادث'],
    ['its forensic laboratory, in a Moroccan story', 'ساهمت خبرات المختبر الوطني للشرطة العلمية والتقنية بالدار البيضاء في تحديد هوية المشتبه فيه'],
    ['a police officer by his grade, in a Moroccan town', 'ضابط شرطة يطلق النار لتوقيف جانح عرض حياة المواطنين للخطر بمكناس'],
    ['the police with the verb of a French headline, in a Moroccan town', 'Tanger : la police démantèle un réseau de migration clandestine'],
    ['its judicial police, in a French headline from a Moroccan town', 'Agadir : les éléments de la police judiciaire saisissent 2 tonnes de chira'],
    ["a Moroccan town's prefecture of police, in French", 'Rabat : la préfecture de police ouvre une enquête'],
    ['a police officer by his grade and his service weapon, in French', "Un inspecteur de police a été contraint de faire usage de son arme de service pour neutraliser un individu armé à Casablanca"],
    ['a policeman without his grade, in a Moroccan town', 'مقتل شرطي في الدار البيضاء على يد ثلاثة متطرفين'],
    ['a traffic policeman attacked in a Moroccan town', 'تعرض شرطي مرور لاعتداء من طرف سائق دراجة نارية بطنجة مساء أمس'],
    ['a policeman in a Moroccan town, in French', "Trois personnes ont été arrêtées pour le meurtre d'un policier dans le quartier d'Errahma, à Casablanca"],
    ['a policeman in a Moroccan town, in English', 'Three suspects were arrested over the killing of a policeman in Casablanca'],
    ['its director of the judicial police, in a Moroccan story', 'انتخب المرشح المغربي محمد الدخيسي، مدير الشرطة القضائية، نائبا لرئيس الإنتربول عن إفريقيا'],
    ['the head of a wilaya of security, in a Moroccan town', 'انتقل والي الأمن إلى مكان الحادث رفقة المسؤولين الأمنيين بمراكش'],
    ['an officer appointed head of a wilaya of security', 'تعيين عميد إقليمي واليا للأمن بطنجة خلفا للوالي السابق'],
    ['its ranks, in a story naming Moroccan towns', 'حركة تغييرات واسعة في صفوف الأمن الوطني تشمل رؤساء مناطق أمنية بالدار البيضاء وسلا'],
    ['the heads of its provincial commands', 'تشمل الحركة رؤساء الأمن الإقليمي بعدد من المدن المغربية'],
    ['a man of the security forces attacked in a Moroccan town', 'رجل أمن يتعرض لاعتداء بالسلاح الأبيض في القنيطرة'],
    ["one of its staff as its communiqués say it, in the singular", 'توقيف موظف أمن متلبسا بتلقي رشوة بأكادير'],
    ['its drug squad at work in a Moroccan town', 'فرقة محاربة المخدرات بأكادير تطيح بشبكة إجرامية'],
    ["Morocco's police, in Dutch", 'Marokkaanse politie arresteert verdachte van moord in Amsterdam'],
    ["Morocco's police, in German", 'Marokkanische Polizei nimmt mutmaßlichen Schleuser fest'],
    ["Morocco's police, in Italian", "Polizia marocchina arresta latitante ricercato dall'Interpol"],
    ["Morocco's police, in Portuguese", 'Polícia marroquina detém suspeito procurado pela Interpol'],
    ["Morocco's police, in Turkish", 'Fas polisi uyuşturucu kaçakçısını yakaladı'],
    ['its judicial police by its short name, in a Moroccan town, in French', "Une patrouille de la PJ de la préfecture de Marrakech a été contrainte de faire usage d'une arme à feu pour arrêter un repris de justice"],
    ['its judicial police in a Moroccan town, in Spanish', 'Los agentes de la policía judicial de la zona de seguridad de Beni Makada, en Tánger, arrestaron a dos personas'],
    ['its regional judicial police brigade named by its town, in Spanish', 'Las investigaciones llevadas a cabo por la Brigada Regional de la Policía Judicial de Tánger llevaron a localizar almacenes'],
    ['its officers at a Moroccan port, in Spanish', 'Los agentes de la Seguridad Nacional realizaron las pesquisas en el control fronterizo del puerto de Marina Smir, en la región de Tetuán'],
    ['the police at work in a Moroccan town, in Dutch', 'De politie heeft een grote anticriminaliteit operatie gehouden in het noord-Marokkaanse Tanger'],
    ['its regional judicial police, in Dutch', 'De regionale gerechtelijke politie in Al Hoceima heeft maandagavond een 55-jarige man gearresteerd'],
    ['the police in a Moroccan town, in German', 'Die Polizei in Marrakesch hat einen mutmaßlichen Dieb festgenommen'],
    ['"the police" dispersing a protest, the verb first, in a Moroccan town', 'تدخلت الشرطة لتفريق المحتجين أمام البرلمان بالرباط'],
    ['its officers raiding a house, the town named after', 'داهمت عناصر الشرطة وكرا للدعارة بحي بنسودة بفاس'],
    ['its men saving a child on a Moroccan beach', 'رجال الشرطة يتدخلون لإنقاذ طفل من الغرق بشاطئ أكادير'],
    ['its traffic police in a Moroccan town', 'شرطة المرور بالدار البيضاء تشن حملة ضد الدراجات النارية'],
    ["its training of African police officers in a Moroccan town", "La DGSN a organisé à Kénitra une formation au profit de policiers du Niger, du Sénégal, du Mali et du Gabon"],
    ['its motorcyclists in an accident in a Moroccan town', 'تسبب سائقو دراجات نارية في حادث سير مع دراجي شرطة كانوا يؤدون مهامهم بالدار البيضاء'],
    ['its officers cordoning off a crash site, the town named before', 'شهد شارع الراشيدي بمدينة الدار البيضاء حادث سير خطيرا، وقامت عناصر الأمن بتطويق مكان الواقعة'],
    ['the police at work in Tiznit', 'تمكنت عناصر الشرطة من توقيف لص بمدينة تيزنيت بعد مطاردة'],
    ['the police at work in Ben Guerir, spelt in two words', 'أوقفت الشرطة بابن جرير شابا متلبسا بالسرقة'],
    ['the police at work in El Hajeb, a town named as a word', 'تمكنت عناصر الشرطة من توقيف لص بمدينة الحاجب بعد مطاردة'],
    ['the police of a smaller Moroccan town, in French', "La police de Khénifra a interpellé un individu recherché"],
    ['the police of a Moroccan town by its Spanish name', 'La Policía de Alcazarquivir detuvo a un joven por robo'],
    ['its name in the order some English outlets give it', 'The National Security General Directorate reported the dismantling of a gang in Tangier'],
    ["the police at work in Rabat's Hay Riad, named as Saudi Arabia's capital", 'أوقفت الشرطة لصا بحي الرياض بالرباط بعد سرقة هاتف'],
    ['"the police" launching a campaign, a headline in a Moroccan town', 'الشرطة تطلق حملة تحسيسية لفائدة التلاميذ بمدارس وجدة'],
    ['"the security" waging a campaign, a headline in a Moroccan town', 'الأمن يشن حملة ضد الدراجات النارية بطنجة'],
    ['its digital forensics laboratory', 'مختبر تحليل الآثار الرقمية بالدار البيضاء يساعد في كشف هوية المشتبه فيه'],
    ['its platform for reporting unlawful content', 'أطلقت المديرية منصة إي بلاغ للتبليغ عن المحتويات الرقمية غير المشروعة'],
    ['"the police" alone in a Moroccan town, in French', 'Casablanca: la police a interpellé trois individus pour vol avec violence'],
    ['"the police" alone in a Moroccan town, in English', 'Police arrest three men over a robbery in Marrakech'],
    ['"the police" alone in a Moroccan town, in Spanish', 'La Policía detuvo en Tánger a un joven por robo'],
    ["its communiqués' word for an officer, in French", 'Un fonctionnaire de police exerçant à Fès a été interpellé pour corruption'],
    ['its motorcycle patrols without the word "brigade"', 'تمكنت عناصر الصقور من توقيف لص بعد مطاردة في أحد أحياء مدينة وجدة'],
    ["the border police at Casablanca's airport", 'أوقفت عناصر شرطة الحدود بمطار محمد الخامس مسافرا يحمل جواز سفر مزور'],
    ['a police patrol in a town whose name is also a word, named with the word "town"', 'تمكنت دورية للشرطة بمدينة العيون من توقيف مشتبه فيه'],
    ['"الأمن الوطني" as a headline\'s source, in a Moroccan story', 'الأمن الوطني: توقيف 20 شخصا في عملية أمنية بالدار البيضاء\nأسفرت عملية أمنية واسعة عن توقيف 20 شخصا'],
    ["its communiqué's closing formula, naming no place", 'تمكنت عناصر الأمن الوطني من توقيف شخص يشتبه في تورطه في النصب عبر الأنترنت، وتم إخضاعه للبحث القضائي تحت إشراف النيابة العامة المختصة'],
    ['its communiqué\'s closing formula, the inquiry the prosecutor oversees', 'تمكنت مصالح الأمن الوطني من توقيف مروج للمخدرات، وقد تم الاحتفاظ به رهن إشارة البحث القضائي الذي تشرف عليه النيابة العامة المختصة'],
    ['"الأمن الوطني" quoted as a headline\'s source, a space before the colon', '«الأمن الوطني» : لا صحة لما يروج حول اختطاف طفلة بطنجة'],
    ['its name, receiving a Mauritanian security delegation in Rabat', 'استقبلت المديرية العامة للأمن الوطني، اليوم الثلاثاء بالرباط، وفدا أمنيا موريتانيا لبحث سبل تعزيز التعاون'],
    ['its name, receiving a delegation of Tunisia\'s police', 'استقبلت المديرية العامة للأمن الوطني وفدا رفيع المستوى من الشرطة التونسية بالرباط'],
    ['its acronym, receiving a Mauritanian police delegation, in English', 'The DGSN hosted a senior Mauritanian police delegation in Rabat'],
    ['its Spanish short name arresting, in a Moroccan town', 'La Seguridad Nacional ha detenido en Tánger a un hombre buscado por tráfico de drogas'],
    ["its Spanish short name said Morocco's", 'La Seguridad Nacional de Marruecos informó de la detención de un hombre en Tánger'],
    ["its English short name said Morocco's", "Morocco's National Security arrested a drug trafficker in Tangier on Monday"],
    ['its English short name said Moroccan', 'Moroccan National Security said on Monday it had arrested a drug trafficker'],
    ["its name, beside Mauritania's own named by its visiting delegation", 'حل وفد من الإدارة العامة للأمن الوطني الموريتانية بالرباط في زيارة عمل للمديرية العامة للأمن الوطني'],
    ["its name, receiving Algeria's interior minister in Rabat", 'استقبلت المديرية العامة للأمن الوطني وزير الداخلية الجزائري بالرباط في إطار زيارة عمل'],
    ["its acronym, meeting Algeria's interior minister in Rabat, in English", 'The DGSN met the Algerian interior minister in Rabat on Monday to discuss border security'],
    ['its acronym, meeting Algerian officials in Rabat, in English', 'The DGSN met Algerian officials in Rabat on Monday to discuss border security'],
    ['its acronym, meeting Algerian police chiefs in Rabat, in English', 'The DGSN met Algerian police chiefs in Rabat to discuss border security'],
    ['its acronym, hosting Tunisian police heads, in English', 'The DGSN hosted Tunisian police heads in Rabat for a training week'],
    ['its head, meeting his Mauritanian counterpart in Rabat, in English', 'The head of the DGSN met his Mauritanian counterpart in Rabat'],
    ['"الأمن الوطني" in Dakhla, a town whose name is also a word, with nothing else Moroccan', 'أحبطت عناصر الأمن الوطني بالداخلة محاولة للهجرة غير النظامية عبر البحر'],
    ['"الأمن الوطني" in Berkane, the town\'s name beginning with the preposition\'s letter', 'فتح الأمن الوطني ببركان بحثا في ظروف وفاة شاب'],
  ])('finds the DGSN by %s', (_name, text) => {
    expect(tags(text)).toContain('dgsn');
  });

  it.each([
    ['its Interpol office by its name', 'سلمت السلطات المغربية مطلوبا إلى بلجيكا بتنسيق مع المكتب المركزي الوطني أنتربول الرباط'],
    ['its Interpol office with the prepositions written', 'جرى التسليم بتنسيق مع المكتب المركزي الوطني للأنتربول بالرباط'],
    ['its Interpol office, in short', 'تم إشعار السلطات الإيطالية عبر مكتب أنتربول الرباط'],
    ['its Interpol office in English', 'The extradition was coordinated by NCB Rabat'],
  ])('finds the DGSN and Interpol by %s', (_name, text) => {
    expect(tags(text)).toEqual(['interpol', 'dgsn']);
  });

  it.each([
    ["Interpol's secretary general received in Rabat", 'استقبل وزير الداخلية الأمين العام للأنتربول بالرباط لبحث التعاون'],
    ["another country's Interpol office", 'تسلمت تونس مطلوبا بتنسيق مع المكتب المركزي الوطني للأنتربول بتونس'],
  ])('finds Interpol, not the DGSN, by %s', (_name, text) => {
    expect(tags(text)).toEqual(['interpol']);
  });

  it.each([
    ['another person of its Director General\'s surname', 'أكد الإعلامي محمد حموشي أن المنتخب قادر على الفوز بكأس أمم إفريقيا'],
    ['another person of its Director General\'s surname, with a two-word given name', 'قال الباحث عبد الله حموشي إن الدراسة شملت ألف أسرة'],
    ['another person of its Director General\'s surname, in French', 'Le footballeur Karim Hammouchi a signé au Raja'],
    ['another person of its Director General\'s surname, a less common given name', 'قال الباحث نزار حموشي إن الدراسة شملت ألف أسرة'],
    ['another person of its Director General\'s surname, named by his role alone, then by the surname', 'سجل اللاعب حموشي هدف الفوز لفريقه في الدقيقة 90، وقال حموشي بعد المباراة إنه سعيد بثقة المدرب'],
    ['another person of its Director General\'s surname, named by his role alone, in French', 'Le milieu Hammouchi a prolongé son contrat avec le Wydad jusqu\'en 2028'],
    ['another person of its Director General\'s surname, named by his role alone, in English', 'Midfielder Hammouchi scored twice as Wydad beat Raja on Sunday'],
    ['another person of its Director General\'s surname, then called by it alone', 'قال محمد حموشي، رئيس جماعة قروية بإقليم تازة، إن الساكنة تعاني من انقطاع الماء. وأضاف حموشي أن المجلس راسل الجهات المختصة'],
    ['another person of its Director General\'s surname, named in full only in the text', 'اللاعب حموشي ينتقل إلى الدوري القطري\nأعلن نادي الفتح الرباطي عن انتقال لاعبه يوسف حموشي إلى نادي الريان'],
    ['another person of its Director General\'s surname, then called by it alone, in English', 'Karim Hammouchi scored twice on Sunday. Hammouchi, 24, joined the club last summer'],
    ['another person of its Director General\'s surname, a given name spelt the Moroccan way', 'قال الباحث عبد الرحمان حموشي إن كتابه يتناول تاريخ فاس. وأضاف حموشي أن الكتاب سيصدر قريبا'],
    ['another person of its Director General\'s surname, a woman, in French', 'Siham Hammouchi a été élue présidente du conseil communal. Hammouchi, 41 ans, succède à un élu sortant'],
    ["Algeria's, as Algerian officials name it, in a story set in Tlemcen", 'Algerian officials said the DGSN seized 2 tonnes of cannabis near Tlemcen, Algeria'],
    ["Algeria's, its police chief speaking in Oran, in English", "Algeria's police chief said the DGSN seized 2 tonnes of cannabis in Oran"],
    ["Algeria's, as Algerian police chiefs name it, in a story set in Algeria", 'Algerian police chiefs said the DGSN had arrested 40 people in Algiers'],
    ["Algeria's, praised by its interior minister, in a story set in Oran", 'أشاد وزير الداخلية الجزائري بجهود المديرية العامة للأمن الوطني في تأمين الانتخابات بولاية وهران'],
    ['a new national security strategy, its adjective a Moroccan town\'s name', 'أعلنت الحكومة عن استراتيجية الأمن الوطني الجديدة لمواجهة التهديدات'],
    ["national security in Egypt's Dakhla oasis", 'ألقت قوات الأمن الوطني بالداخلة في محافظة الوادي الجديد المصرية القبض على متهمين'],
    ["a car of Algeria's police, in a story naming its towns", 'تعرضت سيارة تابعة للأمن الوطني لحادث مرور على الطريق الرابط بين وهران وتلمسان'],
    ["Algeria's customs and police, named together", 'الجمارك والأمن الوطني في الجزائر يحجزان أسلحة بوهران'],
    ['security guards at a Moroccan hospital', 'احتج حراس الأمن بالمستشفى الجامعي بفاس على تأخر أجورهم لدى الشركة المتعاقدة'],
    ['private security guards in a Moroccan hospital', 'تعرض موظفو الأمن الخاص بمستشفى ابن رشد بالدار البيضاء لاعتداء من طرف مرافقي مريض'],
    ["an Egyptian police officer, in a story naming Cairo", 'أطلق ضابط شرطة النار على مشتبه فيه حاول الفرار من كمين أمني في القاهرة'],
    ["Algeria's airport security staff", 'دخل موظفو الأمن بمطار هواري بومدين في إضراب مفتوح بالجزائر العاصمة'],
    ["Algeria's homonymous directorate", 'أعلنت المديرية العامة للأمن الوطني بالجزائر عن حجز كميات من الكوكايين بميناء وهران'],
    ["Algeria's, in French", "La DGSN algérienne a annoncé la saisie de psychotropes à Alger"],
    ["a French police officer's service weapon, in English, used against a Moroccan", 'A police officer in Paris was forced to use his service weapon against a Moroccan national'],
    ["Spain's national security department", 'El Departamento de Seguridad Nacional de España publicó su informe anual sobre Marruecos'],
    ["France's judicial police, in a story on a Moroccan arrested in Marseille", 'La police judiciaire de Marseille a interpellé un Marocain soupçonné de trafic de stupéfiants'],
    ["Paris's prefecture of police, beside Morocco", 'La préfecture de police de Paris a interdit une manifestation de soutien au Maroc'],
    ["a French police officer's service weapon, in Paris", "Un policier a fait usage de son arme de service à Paris lors d'un refus d'obtempérer, un Marocain blessé"],
    ["Algeria's, in French, in a story naming only Algerian towns", "La Sûreté nationale a interpellé à Relizane et à Boumerdès six membres d'un réseau de voleurs de véhicules"],
    ["Mauritania's, in French, in a story naming only a Mauritanian town", 'La DGSN a arrêté à Zouerate trois membres d\'un réseau de passeurs de migrants'],
    ["Tunisia's, in French, in a story naming only a Tunisian town", "La Direction générale de la sûreté nationale a annoncé l'arrestation de deux terroristes à Kasserine"],
    ["Algeria's, in French as some translate it", 'La Direction générale de la sécurité nationale a annoncé la saisie de psychotropes à Oran'],
    ['national security debated in a Moroccan town', 'نظمت كلية الحقوق ندوة حول الأمن الوطني بالرباط بمشاركة أساتذة وخبراء'],
    ["Algeria's national security announcing, the verb first", 'أعلن الأمن الوطني الجزائري عن توقيف مروج للمخدرات بوهران'],
    ["Algeria's head of national security receiving a Moroccan delegation", 'استقبل المدير العام للأمن الوطني الجزائري وفدا أمنيا مغربيا بالجزائر العاصمة'],
    ["Morocco's national security threatened, in English", 'Drug trafficking is a threat to Moroccan national security, the minister said in Rabat'],
    ["Morocco's national security interests, in English", "Morocco's national security interests in the Sahel were discussed in Rabat"],
    ["Morocco's national security threatened, in Spanish", 'El tráfico de drogas es una amenaza para la seguridad nacional de Marruecos, dijo el ministro en Rabat'],
    ["Spain's national security arresting, in Madrid", 'La seguridad nacional detuvo en Madrid a un marroquí buscado por Marruecos'],
    ["Mauritania's, a delegation from Rabat visiting it", 'وفد أمني من الرباط يزور موريتانيا ويلتقي مسؤولي الإدارة العامة للأمن الوطني'],
    ["Mauritania's national security, its delegation visiting Rabat", 'وفد من الأمن الوطني الموريتاني يحل بالرباط في زيارة عمل'],
    ["Mauritania's, in French, its delegation received in Rabat", 'Une délégation de la DGSN mauritanienne a été reçue à Rabat par ses homologues marocains'],
    ["Algeria's, in a seizure story naming only Morocco, by Algeria's words", 'حجز 5 قناطير من الكيف المعالج\nأعلنت المديرية العامة للأمن الوطني عن حجز 5 قناطير من الكيف المعالج المهرب من المغرب، وتوقيف 12 شخصا، حسب بيان لخلية الاتصال والعلاقات العامة'],
    ["Cameroon's, by its own name", 'La Délégation générale à la sûreté nationale (DGSN) a annoncé le recrutement de 3000 élèves gardiens de la paix'],
    ["Cameroon's head, by his title", 'Le délégué général à la Sûreté nationale a présidé la cérémonie de sortie des commissaires de police'],
    ["Mauritania's, in a story from a Nouakchott district", 'أعلنت المديرية العامة للأمن الوطني عن توقيف عصابة للسطو المسلح في مقاطعة تفرغ زينة، حسب بيان للشرطة'],
    ["Algeria's, in Spanish", 'La Dirección General de Seguridad Nacional de Argelia incautó cocaína en Orán'],
    ["Iraq's national security service", 'أعلن جهاز الأمن الوطني العراقي اعتقال متهمين في بغداد'],
    ['"national security" in general', 'تهديدات تطال الأمن الوطني للولايات المتحدة'],
    ["an Algerian wilaya's police", 'أوقفت مصالح أمن ولاية وهران شبكة لسرقة السيارات'],
    ["an Algerian wilaya's police, in French", "Les services de la sûreté de wilaya d'Oran ont saisi des psychotropes"],
    ['the Royal Gendarmerie', 'حجزت عناصر الدرك الملكي بالقصر الكبير ثلاثة أطنان من الشيرا'],
    ["Morocco's security as the country's", 'اعتبر المحلل أن الهجرة غير النظامية تشكل تحديا للأمن المغربي والأوروبي على حد سواء'],
    ['a French police station', 'Le suspect a été conduit au commissariat de police de Marseille'],
    ['a security buffer zone, in a Moroccan story', 'دعا المغرب إلى احترام المنطقة الأمنية العازلة في الكركرات وعدم عرقلة حركة الأشخاص والبضائع'],
    ["Algeria's public security directorate", 'أعلنت مديرية الأمن العمومي بالمديرية العامة للأمن الوطني الجزائرية عن مخطط أمني لموسم الاصطياف في وهران'],
    ["a French town's judicial police and a Moroccan suspect", 'La police judiciaire de Lyon a interpellé un ressortissant marocain'],
    ["an Algerian town's judicial police, in a story naming Morocco", 'أوقفت عناصر الشرطة القضائية بوهران مهربين قادمين من المغرب'],
    ['judicial police named without its town, in a Moroccan story', 'قال وزير العدل المغربي إن الشرطة القضائية تعمل تحت إشراف النيابة العامة'],
    ['a French police station a Moroccan was taken to', 'Un ressortissant marocain a été conduit au commissariat de police de Marseille après une rixe'],
    ['a Brussels police station a young Moroccan was taken to', 'اقتيد شاب مغربي إلى مفوضية الشرطة ببروكسل بعد شجار في محطة القطار'],
    ["a Brussels police station a young Moroccan was taken to, in Darija's word", 'داو واحد الشاب مغربي للكوميسارية فبروكسل من بعد مضاربة فالتران'],
    ["Paris's police prefecture", 'La préfecture de police de Paris a interpellé un ressortissant marocain'],
    ["Morocco's national security as a concept", 'أكد الخبير أن الأمن الوطني المغربي رهين بالأمن الغذائي والمائي في ظل توالي سنوات الجفاف'],
    ["Morocco's national security threatened, as a concept", 'اعتبر الخبير أن التحولات في منطقة الساحل تشكل تهديدا للأمن الوطني المغربي وللاستقرار الإقليمي'],
    ["Morocco's national security as a reason", 'رفضت السلطات منح التأشيرة للصحافي لدواعي الأمن الوطني المغربي'],
    ["Morocco's national security among a decision's considerations", 'أوضح الوزير أن القرار اتخذ لاعتبارات تتعلق بالأمن الوطني المغربي'],
    ["Morocco's national security endangered", 'قالت النيابة العامة إن المتهم نشر محتويات تشكل خطرا على الأمن الوطني المغربي'],
    ["Morocco's national security undermined", 'أدانت المحكمة المتهمين بمحاولة زعزعة الأمن الوطني المغربي والمس بالأمن الوطني المغربي'],
    ["any country's security apparatus, in a Moroccan story", 'قال وزير الخارجية المغربي إن جهاز الأمن الوطني لأي دولة يجب أن يحترم حقوق الإنسان'],
    ['nuclear safety, in a Moroccan story in French', "La sûreté nationale des installations nucléaires est une priorité pour l'agence marocaine, a indiqué son directeur à Rabat"],
    ['regional security, in a Moroccan story', 'حذر المغرب من تهديدات الأمن الإقليمي في منطقة الساحل والصحراء، داعيا إلى تعزيز التعاون بين دول المنطقة'],
    ["the African Union's Peace and Security Council", 'انتخب المغرب عضوا في مفوضية الأمن والسلم التابعة للاتحاد الإفريقي لولاية جديدة'],
    ['a security perimeter, in a Moroccan story', 'وسعت السلطات المغربية الدائرة الأمنية حول الملعب الكبير بطنجة قبل المباراة'],
    ["Algeria's provincial police, naming Morocco", 'أحبطت عناصر الأمن الإقليمي بولاية تلمسان تهريب كميات من الكيف قادمة من المغرب'],
    ["Spain's national police arresting a Moroccan", 'Spanish National Police arrested a Moroccan national in Madrid'],
    ["Spain's national security officers arresting a Moroccan", 'Spanish national security officers arrested a Moroccan national in Madrid'],
    ['national security personnel in general, in a Moroccan story', 'The summit in Rabat discussed how to train national security personnel across the United States'],
    ['the police at work in Paris, in French, arresting a Moroccan', 'La police à Paris a interpellé un Marocain'],
    ["a European town's police, in English, with the genitive", "Madrid's police arrested a Moroccan national"],
    ["Spain's police arresting a Moroccan in Madrid, the verb right after", 'الشرطة توقف مغربيا في مدريد بتهمة الاتجار في المخدرات'],
    ["Algeria's police seizing what came from Morocco", 'الشرطة تحجز كميات من الكيف المعالج قادمة من المغرب بتلمسان'],
    ["Cairo's security directorate, at a match against Morocco", 'مديرية أمن القاهرة تؤمن مباراة مصر والمغرب'],
    ['private guards in a Moroccan town', 'أوقف رجال الأمن الخاص بطنجة لصا داخل مركز تجاري'],
    ["Spain's police in Ceuta", 'أوقفت عناصر الشرطة بسبتة المحتلة شابا حاول العبور سباحة'],
    ["Darija's word for the police, said Algerian", 'قال البوليس الجزائري إن المتهم فر إلى المغرب'],
    ["an Egyptian police officer's gun, in Egypt", 'اضطر ضابط شرطة لاستعمال سلاحه الميري لتوقيف متهم هارب في مدينة نصر بالقاهرة'],
    ['a service weapon in a story set in France', 'استعمل شرطي فرنسي سلاحه الوظيفي ضد سائق رفض الامتثال في باريس'],
    ["Darija's word for the police, as the international police", 'البوليس الدولي يسلم المغرب مطلوبا في قضايا نصب'],
    ["Tunisia's police in Tunis", 'عناصر الشرطة بتونس العاصمة تعتقل متظاهرين'],
    ["Algeria's open days", 'انطلقت بولاية وهران فعاليات الأبواب المفتوحة للأمن الوطني تحت إشراف المدير العام'],
    ["Algeria's, at the border with Morocco, naming only Algerian towns", 'أحبطت مصالح المديرية العامة للأمن الوطني بولاية تلمسان محاولة تهريب أزيد من قنطارين من الكيف قادمة من المغرب عبر الشريط الحدودي بمغنية'],
    ["Tunisia's, naming only Tunisian towns and Morocco", 'أعلنت الإدارة العامة للأمن الوطني عن إيقاف مهاجرين بسواحل صفاقس والمهدية، بينهم مواطنون من المغرب'],
    ["Mauritania's, naming only a Mauritanian town and Morocco", 'أوقفت المديرية العامة للأمن الوطني شبكة لتهريب المهاجرين في نواذيبو على الطريق الرابط مع المغرب'],
    ["Algeria's in French, naming Batna and Morocco", 'La Sûreté nationale a saisi à Batna 3 kg de kif, en provenance du Maroc'],
    ["Algeria's in French, naming Oran and Morocco", 'La Sûreté nationale a saisi 20.000 comprimés psychotropes à Oran. Selon la sûreté de wilaya d\'Oran, la marchandise provenait du Maroc.'],
    ["Algeria's, naming only one of its smaller wilayas", 'أعلنت المديرية العامة للأمن الوطني عن حجز 3 كلغ من الكوكايين بولاية تبسة وتوقيف شخصين'],
    ["Algeria's, beside its National Gendarmerie", 'بالتنسيق مع الدرك الوطني، تمكنت المديرية العامة للأمن الوطني من تفكيك شبكة تهريب'],
    ['a name other countries give their police too, in a story that names no country', 'أوقفت عناصر الأمن الوطني مشتبها فيه بعد مطاردة'],
    ['its regional command\'s French name, in a story that names no country', 'Les éléments de la wilaya de sûreté ont interpellé un suspect après une course-poursuite'],
    ["Algeria's, naming Morocco but the Republic's prosecutor beside it", 'تم تقديم الموقوفين أمام وكيل الجمهورية بعد تحقيقات المديرية العامة للأمن الوطني في شحنة كيف قادمة من المغرب'],
    ["Algeria's, naming Morocco but its Director General", 'أعلن المدير العام للأمن الوطني علي بداوي عن حجز كميات من الكيف المعالج قادمة من المغرب'],
    ["Algeria's, by its officers' and school's names, naming no country", 'أشرف المدير العام للأمن الوطني على تخرج دفعة جديدة من أعوان الشرطة بالمدرسة التطبيقية للأمن الوطني بالصومعة'],
    ["Algeria's, recruiting by its grades, naming no country", 'فتحت المديرية العامة للأمن الوطني باب التوظيف لرتبة مفتش شرطة ومحافظ شرطة'],
    ["Algeria's police family and its founding", 'أحيت أسرة الأمن الوطني الذكرى 62 لتأسيس الشرطة الجزائرية بحضور والي الولاية'],
    ['security in a Moroccan town, as a state of things', 'دعا فاعلون جمعويون إلى تعزيز الأمن بمراكش خلال فترة الصيف'],
    ["Morocco's security, as the country's", 'قال الوزير إن أمن المغرب واستقراره خط أحمر'],
    ['a headline ending in "الأمن" before a dateline', 'المغرب وإسبانيا يعززان التعاون في مجال الأمن\nالرباط – وقع البلدان اتفاقية جديدة للتعاون في مجال الهجرة'],
    ["a Moroccan town ending one sentence and another country's police starting the next", 'He flew from Casablanca. Police in Paris arrested him at the airport'],
    ["a Libyan town's security directorate", 'أعلنت مديرية أمن البيضاء في ليبيا القبض على مطلوبين'],
    ["Algeria's police beside its National Gendarmerie", 'شاركت عناصر الأمن الوطني والدرك الوطني في تأمين الانتخابات بولاية وهران'],
    ["Algeria's, seizing drugs that came from Morocco, naming no Algerian place", 'أعلنت المديرية العامة للأمن الوطني عن حجز 3 قناطير من المخدرات قادمة من المغرب'],
    ["Algeria's in French, near the border with Morocco", 'La DGSN a saisi 2 tonnes de kif à Maghnia, près de la frontière avec le Maroc.'],
    ["the police in Libya's Bayda, named as Casablanca is for short", 'عناصر الشرطة بالبيضاء الليبية تعتقل مهربين'],
    ["Spain's border police in Ceuta", 'أوقفت شرطة الحدود الإسبانية بسبتة شابين مغربيين'],
    ["the border police at a French airport, in a story of Moroccans", 'أوقفت شرطة الحدود بمطار أورلي مسافرين مغاربة'],
    ["Paris's airport police, the airport named by its town", 'أوقفت عناصر الشرطة بمطار باريس مسافرا مغربيا'],
    ["Spain's police in Melilla, the verb first", 'أوقفت الشرطة الإسبانية ثلاثة مغاربة في مليلية المحتلة'],
    ["Spain's police at the crossing into Ceuta", 'أوقفت الشرطة الإسبانية بمعبر باب سبتة شابا مغربيا حاول العبور بوثائق مزورة'],
    ["Egypt's police at the Dakhla oasis", 'ضبط أمن الداخلة بمحافظة الوادي الجديد في مصر متهما بسرقة مواش'],
    ['a new security strategy', 'أعلنت الحكومة عن استراتيجية الأمن الجديدة لمواجهة الجريمة'],
    ["Germany's police arresting Moroccans, the verb first", 'ألقت الشرطة القبض على مهاجرين مغاربة في ألمانيا'],
    ["Brussels's police, the verb first, in a story of a Moroccan", 'داهمت الشرطة منزل المشتبه به في بروكسل، وهو من أصول مغربية'],
    ["Britain's police arresting a young man from Tangier", 'أوقفت الشرطة البريطانية شابا من طنجة في لندن'],
    ["Dubai's police, as a Moroccan father tells it", 'شاب من الناظور: أوقفت الشرطة ابني في دبي دون سبب'],
    ["France's police, in a Moroccan story", 'المغرب يدين اعتداء على مسجد\nأوقفت الشرطة الفرنسية المشتبه فيه بعد ساعات، فيما عبرت الجالية المغربية في فرنسا عن قلقها'],
    ['"الأمن الوطني" as an Algerian headline\'s source', 'الأمن الوطني: توقيف 20 شخصا بوهران\nأسفرت عملية أمنية عن توقيف 20 شخصا بولاية وهران'],
    ['"الأمن الوطني:" as a slogan in a Moroccan headline', 'الأمن الوطني: أولوية قصوى للمملكة المغربية'],
    ['"الأمن الوطني:" as a slogan opening a line of a Moroccan story', 'قال الوزير المغربي في كلمته\nالأمن الوطني: مسؤولية الجميع'],
    ["Syria's Quneitra, named as Morocco's Kenitra is", 'وقالت مديرية أمن القنيطرة إن دوريات الأمن العام انتشرت في ريف القنيطرة جنوب سوريا'],
    ["Syria's Quneitra, on the occupation's front", 'اشتبكت عناصر الأمن في القنيطرة مع مسلحين بعد توغل لقوات الاحتلال الإسرائيلي'],
    ["Tunisia's national security, its prosecutors those of the Republic", 'تمكنت عناصر الأمن الوطني من إيقاف شخص مفتش عنه، وبعد استشارة النيابة العمومية تقرر الاحتفاظ به على ذمة البحث تحت إشراف النيابة العمومية'],
    ["Algeria's, in one of its wilayas of 2019", 'أعلنت المديرية العامة للأمن الوطني عن حجز كمية من المؤثرات العقلية بمدينة تقرت وتوقيف ثلاثة أشخاص'],
    ["Tunisia's, in one of its governorates", 'أشرف المدير العام للأمن الوطني على افتتاح مقر جديد للشرطة بولاية قفصة'],
    ["Algeria's, in a wilaya whose name is also a word", 'أعلنت المديرية العامة للأمن الوطني عن حجز 25 كلغ من المخدرات بولاية الوادي وتوقيف شخصين'],
    ["Algeria's command in its own word order", 'تمكنت مصالح أمن ولاية الجزائر من حجز 900 ألف قرص من المؤثرات العقلية بعد عملية أمنية محكمة، حسب المديرية العامة للأمن الوطني'],
    ['the judicial police discussed at a Moroccan seminar', 'ندوة بكلية الحقوق بفاس حول دور الشرطة القضائية في حماية الحقوق والحريات بمشاركة أساتذة وقضاة'],
    ["Spain's judicial police arresting a man from Tangier", 'أوقفت عناصر الشرطة القضائية الإسبانية مهاجرا مغربيا ينحدر من مدينة طنجة بتهمة الاتجار في المخدرات بمدينة مالقة'],
    ['regional security as a concept, in a Moroccan story', 'أكد الوزير المغربي أن الأمن الإقليمي رهين بالتنمية في منطقة الساحل والصحراء'],
    ["Tunisia's Mohamedia", 'تمكن أعوان الشرطة بالمحمدية من ولاية بن عروس من حجز كمية من المخدرات'],
    ["an Algerian wali with the head of his wilaya's police", 'والي ولاية الجزائر يتفقد مشاريع السكن رفقة رئيس أمن الولاية'],
    ['parole, the word for a policeman as an adjective, in a Moroccan town', 'استفاد سجين بالسجن المحلي بطنجة من السراح الشرطي بعد قضائه نصف العقوبة'],
    ["a hospital's private guard, in a Moroccan town", 'رجل الأمن الخاص بمستشفى محمد الخامس بطنجة يتعرض لاعتداء'],
    ["Algeria's drug squad seizing cannabis from Morocco", 'فرقة مكافحة المخدرات بوهران تحجز كمية من الكيف المعالج قادمة من المغرب'],
    ["France's judicial police by its short name, in Marseille", "La PJ de Marseille a interpellé un Marocain originaire de Tanger"],
    ["Spain's judicial police in Algeciras, arresting a Moroccan", 'La Policía Judicial de Algeciras detuvo a un ciudadano marroquí con 20 kilos de hachís'],
    ["Spain's judicial police in Ceuta", 'Agentes de la Policía Judicial detuvieron en Ceuta a dos marroquíes que intentaban cruzar la frontera'],
    ["Amsterdam's police arresting a man from Tangier, in Dutch", 'De politie in Amsterdam heeft een man uit Tanger gearresteerd'],
    ["the Dutch police looking for a Moroccan from Nador", 'De Nederlandse politie zoekt een Marokkaanse verdachte uit Nador'],
    ["France's police dispersing Moroccan protesters in Paris", 'تدخلت الشرطة الفرنسية لتفريق محتجين مغاربة في باريس'],
    ["Spain's police officers stopping migrants from Tangier in Tarifa", 'عناصر الشرطة الإسبانية توقف مهاجرين قادمين من طنجة في طريفة'],
    ["Algiers's police stopping smugglers from Oujda", 'رجال الشرطة في الجزائر العاصمة يوقفون مهربين قادمين من وجدة'],
    ["Niger's Sûreté nationale, in a story naming only Niamey", "La Sûreté nationale a interpellé à Niamey trois membres d'un réseau de trafiquants"],
    ["Gabon's directorate, in a story naming only Libreville", "Libreville : la Direction générale de la sûreté nationale annonce le démantèlement d'un gang"],
    ["a commune's administrative police, in a Moroccan town", 'حجزت عناصر الشرطة الإدارية بجماعة طنجة سلعا معروضة فوق الرصيف'],
    ['an environmental police officer, in a Moroccan town', 'شرطي بيئي يحرر مخالفة بمراكش'],
    ["Algeria's security officers near Oujda", 'عناصر الأمن الجزائري توقف مهربين قرب الحدود مع وجدة'],
    ["a stadium's stewards, in a Moroccan town", 'رجال الأمن والسلامة بملعب طنجة الكبير يمنعون الجماهير من الدخول'],
    ["a guarding company's guards at a mall, in a Moroccan town", 'عناصر الأمن التابعة لشركة الحراسة بالمركز التجاري بالرباط تمنع صحفيا من التصوير'],
    ["Egypt's police arresting a Moroccan woman in Giza", 'ضبطت الأجهزة الأمنية بمديرية الأمن سيدة مغربية تدير شبكة للدعارة في شقة بحي المهندسين بمحافظة الجيزة المصرية'],
    ["Saudi Arabia's police arresting a man from Tangier in Riyadh", 'أوقفت الشرطة السعودية مغربيا في الرياض، ينحدر من طنجة'],
    ['"any communiqué", which a story says was not issued', 'لم يصدر أي بلاغ رسمي بشأن الحادث الذي شهدته مدينة طنجة'],
    ["France's police launching a campaign in Marseille", 'الشرطة الفرنسية تطلق حملة ضد المخدرات في مرسيليا بعد مقتل شاب مغربي'],
    ['an insurance policy, in a Moroccan town, in French', "Une police d'assurance obligatoire pour les commerçants de Fès"],
    ["a commune's administrative police, in a Moroccan town, in French", 'La police administrative de la commune de Tanger a saisi des marchandises sur la voie publique'],
    ['a font, in a Moroccan town, in French', 'Changer la police de caractères du site de la commune de Rabat'],
    ["Algeria's police near Oujda, in English", 'Algerian police arrested smugglers near the border with Oujda'],
    ['a detective novel and series, in a Moroccan town', 'Un roman policier adapté au cinéma présenté à Marrakech, avec une série policière marocaine'],
    ['a police drama and comedy at a Moroccan festival', 'Le Festival de Marrakech projette un drame policier et une comédie policière marocaine'],
    ['a policeman in Cairo', 'قتل شرطي برصاص مجهولين في حي شبرا بالقاهرة'],
    ['a Belgian policeman born in a Moroccan town', "Un policier d'origine marocaine, né à Nador, a été blessé à Bruxelles"],
    ["France's police officer, in French", 'Un fonctionnaire de police de Marseille mis en examen après la mort d\'un Marocain'],
    ["a Lebanese camp named as Morocco's Errachidia", 'تدخلت عناصر الأمن في الرشيدية جنوب لبنان لفض إشكال مسلح'],
    ['the police arresting a Moroccan in Sydney, in French', 'La police interpelle un Marocain à Sydney'],
    ['the police arresting a Moroccan national in Sydney, in English', 'Police arrest Moroccan national in Sydney after a brawl'],
    ['the police arresting a Moroccan in Murcia, in Spanish', 'La Policía detiene a un marroquí en Murcia por robo'],
    ["the police of Interpol's French name, in a Moroccan town", "L'Organisation internationale de police criminelle a tenu son assemblée générale à Marrakech"],
    ["the police of Interpol's English name, in a Moroccan town", 'The International Criminal Police Organization held its general assembly in Marrakech'],
    ["the police of Interpol's Spanish name, in a Moroccan town", 'La Organización Internacional de Policía Criminal celebró su asamblea general en Marrakech'],
  ])('does not tag %s', (_name, text) => {
    expect(tags(text)).not.toContain('dgsn');
  });
});

describe("tagger: the outlet's country", () => {
  const moroccanOutlet = (text: string) => tagger.tag(text, { country: 'MA' }).tags;

  it.each([
    ['in French, naming no Moroccan place (as Le360 writes)', 'Les éléments de la wilaya de sûreté ont interpellé un suspect après une course-poursuite'],
    ['in Arabic, naming no Moroccan place', 'أوقفت عناصر الأمن الوطني مشتبها فيه بعد مطاردة'],
  ])('makes a Moroccan outlet\'s story about the DGSN Moroccan: %s', (_name, text) => {
    expect(tags(text)).not.toContain('dgsn');
    expect(moroccanOutlet(text)).toContain('dgsn');
  });

  it.each([
    ["Algeria's directorate, named beside it", "La DGSN algérienne a annoncé la saisie de psychotropes"],
    ["Cameroon's homonymous delegation", 'La Délégation générale à la sûreté nationale (DGSN) a lancé à Yaoundé une opération de sécurisation des fêtes'],
    ['a story set abroad, naming the other country more often', 'في الجزائر أعلنت المديرية العامة للأمن الوطني الجزائرية عن حجز بضائع بميناء الجزائر العاصمة'],
  ])('does not make a foreign story Moroccan: %s', (_name, text) => {
    expect(moroccanOutlet(text)).not.toContain('dgsn');
  });

  it("takes the country from the article's outlet or country-code domain when the source declares none", () => {
    expect(tagger.countryOfUrl('https://fr.le360.ma/societe/x')).toBe('MA');
    expect(tagger.countryOfUrl('https://www.hespress.com/x')).toBe('MA');
    expect(tagger.countryOfUrl('https://ar.hibapress.com/x')).toBe('MA');
    expect(tagger.countryOfUrl('https://www.example.com/x')).toBeUndefined();
    expect(tagger.countryOfUrl('https://nothespress.com/x')).toBeUndefined();
    expect(tagger.countryOfUrl('not a url')).toBeUndefined();
    const text = 'Les éléments de la wilaya de sûreté ont interpellé un suspect après une course-poursuite';
    expect(analyseArticle({ title: '', text, url: 'https://fr.le360.ma/x' }, tagger).tags).toContain('dgsn');
    expect(analyseArticle({ title: '', text, url: 'https://fr.hespress.com/x' }, tagger).tags).toContain('dgsn');
    expect(analyseArticle({ title: '', text, url: 'https://www.example.fr/x' }, tagger).tags).not.toContain('dgsn');
    expect(analyseArticle({ title: '', text, url: 'https://www.example.fr/x', country: 'MA' }, tagger).tags).toContain('dgsn');
  });

  it('means nothing for a country the alias file does not map', () => {
    expect(tagger.tag('أوقفت عناصر الأمن الوطني مشتبها فيه بعد مطاردة', { country: 'FR' }).tags).not.toContain('dgsn');
  });

  it('rejects a country mapped to no place list', () => {
    expect(() => compileTagger('countries: { MA: nowhere }\ntags: { x: { phrases: [x] } }')).toThrow(/country MA names unknown place list "nowhere"/);
  });
});

describe('tagger: evidence', () => {
  it('says which alias matched, where, and as the text writes it', () => {
    const text = 'قال إن “وللإنتربول” دورا';
    const { evidence } = tagger.tag(text);
    expect(evidence.interpol).toEqual([{ alias: 'انتربول', offset: text.indexOf('وللإنتربول'), matched: 'وللإنتربول' }]);
  });

  it('points into text with diacritics and tatweel as written', () => {
    const text = 'استقبل حمّـوشي الوفد';
    expect(tagger.tag(text).evidence.dgsn?.[0]).toMatchObject({ offset: 7, matched: 'حمّـوشي' });
  });

  it('keeps the first occurrences of a tag named thousands of times', () => {
    const text = 'تعاون مع الإنتربول في الرباط. '.repeat(5_000);
    const { tags, evidence } = tagger.tag(text);
    expect(tags).toContain('interpol');
    expect(evidence.interpol).toHaveLength(EVIDENCE_PER_TAG);
    expect(evidence.interpol?.[1]?.offset).toBe(text.indexOf('الإنتربول', 1 + text.indexOf('الإنتربول')));
  });
});

describe('tagger: places near a phrase, in a long text', () => {
  // Morocco named often, and Oran (abroad) often too but far from the phrase, then once at `gap` words after it.
  const text = (gap: number) =>
    `${'Rabat. '.repeat(300)}${'Oran. '.repeat(50)}${'kilo '.repeat(20)}La DGSN ${'kilo '.repeat(gap - 1)}Oran.`;

  it('rules a phrase out when a foreign place is within six words of it', () => {
    expect(tagger.tag(text(6)).tags).not.toContain('dgsn');
  });

  it('keeps it when the nearest foreign place is seven words away', () => {
    expect(tagger.tag(text(7)).tags).toContain('dgsn');
  });
});

describe("tagger: a visiting delegation's country near a phrase", () => {
  // A phrase made only of words that may stand between a delegation's word and its country.
  const guests = compileTagger(`
places:
  home: [rabat]
  foreign: [mauritanian, mauritania]
  delegation: [delegation]
  delegation-before: [delegation]
  delegation-words: [national, security, police, a, of, from]
conditions:
  here:
    requireAny: home
    forbidNear: { place: foreign, words: 6, guests: { of: delegation, before: delegation-before, through: delegation-words } }
tags:
  agency: { phrases: [{ phrase: national security, when: here }] }
`);
  const tagged = (text: string) => guests.tag(text).tags.includes('agency');

  it('does not count the country a delegation comes from, after or before its word', () => {
    expect(tagged('national security in rabat received a delegation of police mauritanian')).toBe(true);
    expect(tagged('national security in rabat received a mauritanian police delegation')).toBe(true);
    expect(tagged('national security in rabat received mauritanian officers')).toBe(false);
  });

  it('counts it with any other word between, or when it is the very next word after the phrase', () => {
    expect(tagged('a delegation visited mauritania national security in rabat')).toBe(false);
    expect(tagged('rabat: a delegation of national security mauritanian arrived')).toBe(false);
    expect(tagged('rabat: a delegation of national security from mauritania arrived')).toBe(true);
  });
});

describe('compileTagger', () => {
  it('adds a tag from the alias file alone', () => {
    const custom = compileTagger('tags:\n  europol:\n    phrases: [europol, يوروبول]\n');
    expect(custom.tag('Europol et Interpol').tags).toEqual(['europol']);
    expect(custom.tag('التعاون مع اليوروبول').tags).toEqual(['europol']);
  });

  it('takes several forbidNear rules in one condition, and rejects a condition naming an unknown place list', () => {
    const file = (near: string) =>
      `places: { a: [alpha], b: [beta] }\nconditions: { c: { forbidNear: ${near} } }\ntags: { x: { phrases: [{ phrase: target, when: c }] } }`;
    const tagger = compileTagger(file('[{ place: a, words: 2 }, { place: b, words: 2 }]'));
    expect(tagger.tag('one two target three four').tags).toEqual(['x']);
    expect(tagger.tag('alpha target').tags).toEqual([]);
    expect(tagger.tag('target beta').tags).toEqual([]);
    expect(() => compileTagger(file('{ place: nowhere, words: 2 }'))).toThrow(/condition "c" names unknown place list "nowhere"/);
  });

  it('takes a required place as named where the text names none of the places given instead', () => {
    const file = (other: string) =>
      `places: { home: [rabat], away: [alger] }\nconditions: { c: { requireAny: home, assumeWhenNoneOf: ${other} } }\ntags: { x: { phrases: [{ phrase: target, when: c }] } }`;
    const tagger = compileTagger(file('away'));
    expect(tagger.tag('target in rabat').tags).toEqual(['x']);
    expect(tagger.tag('target somewhere').tags).toEqual(['x']);
    expect(tagger.tag('target in alger').tags).toEqual([]);
    expect(compileTagger('places: { home: [rabat] }\nconditions: { c: { requireAny: home } }\ntags: { x: { phrases: [{ phrase: target, when: c }] } }').tag('target somewhere').tags).toEqual([]);
    expect(() => compileTagger(file('nowhere'))).toThrow(/condition "c" names unknown place list "nowhere"/);
  });

  it('does not take a phrase right after one of the places notPrecededBy names, within one phrase', () => {
    const tagger = compileTagger('places: { names: [karim, abd allah] }\nconditions: { c: { notPrecededBy: names } }\ntags: { x: { phrases: [{ phrase: target, when: c }] } }');
    expect(tagger.tag('karim target').tags).toEqual([]);
    expect(tagger.tag('abd allah target').tags).toEqual([]);
    expect(tagger.tag('allah target').tags).toEqual(['x']);
    expect(tagger.tag('target karim').tags).toEqual(['x']);
    expect(tagger.tag('karim, target').tags).toEqual(['x']);
  });

  it('rules every occurrence of a phrase out where its condition rules one out, when it reads one sense per text', () => {
    const file = (oneSense: boolean) =>
      `places: { deployed: [deploy] }\nconditions: { c: { forbidNear: { place: deployed, words: 1 }, oneSensePerText: ${oneSense} } }\n` +
      'tags: { x: { phrases: [{ phrase: intl police, when: c }, other name] } }';
    const text = 'intl police in the city. officials said the deploy intl police starts soon';
    expect(compileTagger(file(false)).tag(text).evidence.x?.map((e) => e.offset)).toEqual([0]);
    expect(compileTagger(file(true)).tag(text).tags).toEqual([]);
    expect(compileTagger(file(true)).tag(`${text}. other name`).evidence.x?.map((e) => e.matched)).toEqual(['other name']);
    expect(compileTagger(file(true)).tag('intl police in the city. intl police again').tags).toEqual(['x']);
  });

  it('takes a phrase only with a place right after it, or right before it, and shows the place in the evidence', () => {
    const tagger = compileTagger(
      'places: { towns: [rabat, dar beida], country: [maroc] }\n' +
        'conditions: { before: { followedBy: towns }, after: { precededBy: [country, towns] } }\n' +
        'tags: { x: { phrases: [{ phrase: amn, when: before }, { phrase: police, when: after }] } }',
    );
    expect(tagger.tag('amn rabat').evidence.x).toEqual([{ alias: 'amn', offset: 0, matched: 'amn rabat' }]);
    expect(tagger.tag('amn dar beida').evidence.x?.[0]?.matched).toBe('amn dar beida');
    expect(tagger.tag('amn in rabat').tags).toEqual([]);
    expect(tagger.tag('rabat amn').tags).toEqual([]);
    expect(tagger.tag('maroc police').evidence.x?.[0]?.matched).toBe('maroc police');
    expect(tagger.tag('police rabat').tags).toEqual([]);
  });

  it('takes a place after a phrase only when written bare: after a preposition it is where, not whose', () => {
    const tagger = compileTagger('places: { towns: [طنجة] }\nconditions: { c: { followedBy: towns } }\ntags: { x: { phrases: [{ phrase: أمن, when: c }] } }');
    expect(tagger.tag('عناصر بأمن طنجة').tags).toEqual(['x']);
    expect(tagger.tag('تعزيز الأمن بطنجة').tags).toEqual([]);
  });

  it('takes a place after a preposition too where the condition allows it', () => {
    const tagger = compileTagger('places: { towns: [طنجة] }\nconditions: { c: { followedBy: towns, placeAfterPreposition: true } }\ntags: { x: { phrases: [{ phrase: الشرطة القضائية, when: c }] } }');
    expect(tagger.tag('عناصر الشرطة القضائية بطنجة').evidence.x?.[0]?.matched).toBe('الشرطة القضائية بطنجة');
    expect(tagger.tag('عناصر الشرطة القضائية طنجة').tags).toEqual(['x']);
    expect(tagger.tag('عناصر الشرطة القضائية، بطنجة').tags).toEqual([]);
    expect(tagger.tag('عناصر الشرطة القضائية بمدينة طنجة').evidence.x?.[0]?.matched).toBe('الشرطة القضائية بمدينة طنجة');
    expect(tagger.tag('عناصر الشرطة القضائية بسرية طنجة').tags).toEqual([]);
    expect(tagger.tag('عناصر الشرطة القضائية في مدينة طنجة').evidence.x?.[0]?.matched).toBe('الشرطة القضائية في مدينة طنجة');
    expect(tagger.tag('عناصر الشرطة القضائية في، طنجة').tags).toEqual([]);
    expect(compileTagger('places: { towns: [طنجة] }\nconditions: { c: { followedBy: towns } }\ntags: { x: { phrases: [{ phrase: أمن, when: c }] } }').tag('أمن مدينة طنجة').tags).toEqual([]);
  });

  it('takes a place only after a preposition where the condition says only', () => {
    const tagger = compileTagger("places: { towns: [الجديدة, بركان] }\nconditions: { c: { followedBy: towns, placeAfterPreposition: only } }\ntags: { x: { phrases: [{ phrase: الأمن الوطني, when: c }] } }");
    expect(tagger.tag('عناصر الأمن الوطني بالجديدة').evidence.x?.[0]?.matched).toBe('الأمن الوطني بالجديدة');
    expect(tagger.tag('عناصر الأمن الوطني بمدينة الجديدة').tags).toEqual(['x']);
    expect(tagger.tag('عناصر الأمن الوطني في الجديدة').tags).toEqual(['x']);
    expect(tagger.tag('عناصر الأمن الوطني ببركان').tags).toEqual(['x']);
    expect(tagger.tag('استراتيجية الأمن الوطني الجديدة').tags).toEqual([]);
    expect(tagger.tag('الأمن الوطني بركان').tags).toEqual([]);
    expect(tagger.tag('الأمن الوطني والجديدة').tags).toEqual([]);
  });

  it('reads several place lists named together as one', () => {
    const tagger = compileTagger('places: { a: [alpha], b: [beta], c: [gamma] }\nconditions: { c: { requireAny: [a, b], forbidDominant: c } }\ntags: { x: { phrases: [{ phrase: target, when: c }] } }');
    expect(tagger.tag('target beta').tags).toEqual(['x']);
    expect(tagger.tag('target alpha gamma').tags).toEqual(['x']);
    expect(tagger.tag('target alpha gamma gamma').tags).toEqual([]);
    expect(tagger.tag('target alpha beta gamma gamma').tags).toEqual(['x']);
    expect(() => compileTagger('places: { a: [alpha] }\nconditions: { c: { followedBy: [a, nowhere] } }\ntags: { x: { phrases: [t] } }')).toThrow(/unknown place list "nowhere"/);
  });

  it("takes a place another country has too as that country's where the article names it more than its home", () => {
    const tagger = compileTagger(
      'places: { home: [maroc], towns: [rabat, { phrase: kenitra, elsewhere: [syrie], home: [home, towns] }], syrie: [syrie, damas] }\n' +
        'conditions: { c: { followedBy: towns } }\ntags: { x: { phrases: [{ phrase: amn, when: c }] } }',
    );
    expect(tagger.tag('amn kenitra').tags).toEqual(['x']);
    expect(tagger.tag('amn kenitra syrie').tags).toEqual([]);
    expect(tagger.tag('amn kenitra syrie maroc').tags).toEqual(['x']);
    expect(tagger.tag('amn kenitra syrie rabat').tags).toEqual(['x']);
    expect(tagger.tag('amn kenitra syrie damas rabat').tags).toEqual([]);
    expect(tagger.tag('amn kenitra syrie', { country: 'MA' }).tags).toEqual([]);
    const withCountry = compileTagger(
      'places: { home: [maroc], towns: [{ phrase: kenitra, elsewhere: [syrie], home: [home] }], syrie: [syrie] }\ncountries: { MA: home }\n' +
        'conditions: { c: { followedBy: towns } }\ntags: { x: { phrases: [{ phrase: amn, when: c }] } }',
    );
    expect(withCountry.tag('amn kenitra syrie', { country: 'MA' }).tags).toEqual(['x']);
    expect(() => compileTagger('places: { towns: [{ phrase: kenitra, elsewhere: [nowhere], home: [towns] }] }\ntags: { x: { phrases: [a] } }')).toThrow(
      /place list "towns": "kenitra" names unknown place list "nowhere"/,
    );
  });

  it('takes a place inside a longer one of another list as that one\'s word, not a place of its own', () => {
    const tagger = compileTagger(
      'places: { home: [maroc], away: [venant du maroc], people: [citoyen du maroc] }\nconditions: { c: { requireAny: home } }\ntags: { x: { phrases: [{ phrase: dgsn, when: c }] } }',
    );
    expect(tagger.tag('la dgsn au maroc').tags).toEqual(['x']);
    expect(tagger.tag('la dgsn saisit du kif venant du maroc').tags).toEqual([]);
    expect(tagger.tag('la dgsn arrête un citoyen du maroc').tags).toEqual([]);
    expect(tagger.tag('la dgsn arrête un citoyen du maroc au maroc').tags).toEqual(['x']);
  });

  it("takes a phrase as a headline's source only where it opens the text and a colon follows", () => {
    const tagger = compileTagger('conditions: { c: { headlineSource: true } }\ntags: { x: { phrases: [{ phrase: la sûreté, when: c }] } }');
    expect(tagger.tag('La Sûreté : trois interpellations').evidence.x?.[0]).toMatchObject({ offset: 0, matched: 'La Sûreté' });
    expect(tagger.tag('« La Sûreté »: trois interpellations').tags).toEqual(['x']);
    expect(tagger.tag('La Sûreté a interpellé trois suspects').tags).toEqual([]);
    expect(tagger.tag('Titre\nLa Sûreté : trois interpellations').tags).toEqual([]);
    expect(tagger.tag('Selon la Sûreté : trois interpellations').tags).toEqual([]);
  });

  it('rejects a phrase naming an unknown condition', () => {
    expect(() => compileTagger('tags:\n  x:\n    phrases: [{ phrase: a, when: nowhere }]\n')).toThrow(/unknown condition "nowhere"/);
  });

  it('rejects a phrase written twice in spellings that fold to one (each occurrence would count twice)', () => {
    expect(() => compileTagger('tags: { x: { phrases: [النشرة الحمراء, نشرة حمراء] } }')).toThrow(/tag "x": "نشرة حمراء" is "النشرة الحمراء" once folded/);
    expect(() => compileTagger('places: { p: [پاريس, باريس] }\ntags: { x: { phrases: [a] } }')).toThrow(/place list "p": "باريس" is "پاريس"/);
    expect(compileTagger('tags: { x: { phrases: [{ phrase: a, when: c }, a] } }\nconditions: { c: {} }').tagNames).toEqual(['x']);
  });

  it('rejects a malformed file with the key at fault', () => {
    expect(() => compileTagger('tags:\n  x:\n    phrase: [a]\n')).toThrow(/invalid alias file/);
  });
});
