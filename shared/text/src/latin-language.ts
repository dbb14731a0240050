import { franc } from 'franc';
import { languagesOf, leadersOf, SHORT_TEXT_WORDS, WordEndings } from './clue-lists.js';

/**
 * Languages franc may choose for Latin-script news; short texts mislead it towards rare ones. Amazigh
 * written in Latin letters (Kabyle, Tarifit: Maghreb outlets publish it) is franc's Central Atlas Tamazight.
 */
const LATIN_NEWS_LANGUAGES = ['fra', 'eng', 'spa', 'por', 'ita', 'deu', 'nld', 'cat', 'tur', 'ind', 'swh', 'ron', 'pol', 'tzm'];
/**
 * Franc's Latin-script Kurdish: it calls its model ckb, but it is Kurmanji's (xwe, ku, û), the Kurdish
 * written in Latin letters; Sorani, ckb proper, writes Arabic letters (see language.ts).
 */
const FRANC_LATIN_KURDISH = 'ckb';
const KURMANJI = 'kmr';

/**
 * A text of a sentence or more gives franc enough trigrams for these too: Africa's and Asia's other
 * press languages in Latin letters, Kurmanji, and Europe's. Not those franc takes for a neighbour they
 * seldom are (Galician for Portuguese, Afrikaans for Dutch, Scots for English).
 */
const LONG_TEXT_LANGUAGES = [
  ...LATIN_NEWS_LANGUAGES,
  ...['hau', 'som', 'yor', 'ibo', 'wol', 'vie', 'tgl', 'zlm', 'azj', 'uzn', FRANC_LATIN_KURDISH],
  ...['swe', 'dan', 'nob', 'fin', 'hun', 'ces', 'slk', 'hrv', 'bos', 'slv', 'als', 'lit', 'lvs', 'ekk'],
];


/** From this many words on, a text's trigrams name its language better than its function words do. */
const TRIGRAMS_TRUSTED_WORDS = 40;
/** Clue votes by which another language must lead trigrams' choice to overrule it. */
const CLEAR_CLUE_MARGIN = 2;

/**
 * Distinct words from which a line without a single clue of the region's languages is read by trigrams
 * among all of the longer list's.
 */
const MIN_WORDS_FOR_ANY = 6;
/** Distinct words a text without a single clue needs before its trigrams are read at all. */
const MIN_WORDS_TO_GUESS = 3;

/** Function words, elided forms, small numbers and letters that belong to few of the news languages. */
const CLUES: Record<string, string> = {
  fra: 'le la les des du de un une et à au aux en est sont pour dans sur avec par qui que ne pas d l ce cette son sa ses leur deux après selon contre entre chez trois quatre cinq six huit dix œ',
  eng: 'the a of and to in for on with by is are was were be been at from two after over as its an this that has have had into against said says will not who it his her three four five six seven eight nine ten off up out amid than more across despite during before within without between about around',
  spa: 'el los las del y en por con una un es son para al tras según dos sus su contra que la de a nuevo nueva nuevos nuevas tres cuatro cinco seis siete ocho nueve diez ñ á í ó ú',
  por: 'o os as da do das dos em e um uma no na nos não para com por pelo pela ao aos mais até sem novo nova novos novas dois três quatro cinco seis sete oito nove dez após segundo à ã õ á í ó ú',
  ita: 'd l i il lo gli su tutto tutta tutti tutte della delle dei degli dello del da nei negli agli sulle di e per con che è un una nel nella sul sulla alla al ai dal dalla in a tra non più contro nuovo nuova nuovi nuove due tre quattro cinque sei sette otto nove dieci dopo secondo la sono stato stati stata hanno anche questo questa ì ò ù',
  deu: 'der die das und ist zu mit von den dem des im in ein eine nach auf für wegen gegen über vor aus um beim vom zum zur nicht auch sich wird werden wurde hat seit bis neue neuer neues zwei drei vier fünf sechs sieben acht neun zehn bei ß ä',
  nld: 'de het een en van in op met voor over door uit naar aan tot tijdens om niet ook nog wordt worden heeft zijn twee drie vier vijf zes zeven negen tien na bij is ij',
  cat: 'd l el els la les de del i a amb per un una dos després segons í ó ò',
  tur: 've bir bu ile için da de iki sonra olarak ş ğ ı',
  ron: 'și în cu la pe de un o doi după pentru care ă ș ț',
  ind: 'dan di yang dengan untuk dari ke dua ini itu setelah',
  pol: 'w z się jest nie że od po przez dla oraz dwa trzy ł ą ę ś ż ź ć ń',
  // Africa's and the Balkans' press languages in Latin letters, whose lines franc's trigrams take for the
  // region's (a Swahili line for German by its "bei", an Albanian one for Italian).
  swh: 'katika kwa ya wa za na ni hii huu kwamba baada mpya watu wake yake',
  hau: 'da ta sun ke wani wata cikin kan domin saboda amma kuma',
  som: 'ayaa iyo oo ku ka waxaa kale waxay ayuu',
  tgl: 'ang ng mga sa ay si ni nang',
  als: 'të një në dhe për është janë nga',
  // The Scandinavian languages, which franc's trigrams take for one another on a line.
  swe: 'och att en ett är inte till av från efter som på med har det den i år nytt mot vill',
  nob: 'og ikke til av etter fra en et nå ble hadde som på med har det den i år ny nytt mot vil for',
  dan: 'og ikke til af efter fra en et nu blev havde som på med har det den i år ny nyt mod vil for',
  // Amazigh in Latin letters (Kabyle, Tarifit): its prepositions, and its own name for itself.
  tzm: 'deg seg akked ɣer ur d n yella tella nella azul ass tamaziɣt tamazight imaziɣen amaziɣ',
};
/** How each language writes the region's countries: a headline names one more often than not. */
const COUNTRY_NAMES: Record<string, string> = {
  fra: 'maroc marocain marocaine marocains marocaines algérie algérien algérienne espagne espagnol',
  eng: 'morocco moroccan moroccans algeria algerian spain spanish',
  spa: 'marruecos marroquí marroquíes marroquina argelia argelino argelina españa español española',
  por: 'marrocos marroquino marroquina argélia espanha espanhol',
  ita: 'marocco marocchino marocchina algeria algerino spagna spagnolo',
  deu: 'marokko marokkanische marokkanischen algerien spanien',
  nld: 'marokko marokkaanse marokkanen algerije spanje nederland nederlandse nederlander nederlanders',
  tur: 'fas faslı cezayir ispanya',
};
/**
 * The colours of weather and other alerts ("vigilance rouge", "aviso vermelho", "bollino rosso"), as
 * each language spells them; orange is French's and English's alike.
 */
const ALERT_COLOURS: Record<string, string> = {
  fra: 'rouge rouges orange jaune',
  eng: 'orange yellow amber',
  spa: 'rojo roja rojos rojas naranja amarillo amarilla',
  por: 'vermelho vermelha laranja amarelo amarela',
  ita: 'rosso rossa rossi arancione giallo gialla',
  deu: 'rot rote roten gelb gelbe',
  nld: 'rood rode oranje geel gele',
};
/**
 * The days and months, which news of events to come and of figures names ("vents violents attendus jeudi
 * soir"); those two languages spell alike are shared clues.
 */
const CALENDAR: Record<string, string> = {
  fra: 'lundi mardi mercredi jeudi vendredi samedi dimanche janvier février avril juin juillet août septembre octobre novembre décembre',
  eng: 'monday tuesday wednesday thursday friday saturday sunday january february april june july august september october november december',
  spa: 'lunes martes miércoles jueves viernes sábado domingo enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre',
  por: 'feira sábado domingo janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro',
  ita: 'lunedì martedì mercoledì giovedì venerdì sabato domenica gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre',
  deu: 'montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz april juni juli august september oktober november dezember',
  nld: 'maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart april mei juni juli augustus september oktober november december',
  tur: 'pazartesi salı çarşamba perşembe cuma cumartesi ocak şubat nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık',
};
/**
 * Headlines drop function words ("Police arrest drug smuggling suspects", "Hammouchi reçoit directeur
 * FBI"): the verbs and nouns of crime, security and politics news, as only one of these languages spells
 * them (not "police", "record", "general", "director": shared).
 */
const HEADLINE_WORDS: Record<string, string> = {
  eng: 'arrest arrests arrested receives visits wins meets seizure seizes seized suspects smuggling drug drugs near heavy rains flood floods streets opens dismantle dismantles dismantled chief urges warns launches announces jailed charged killed dead found deal talks boost world king new government minister security cup attack attacks sentenced network fraud ring trafficking trafficker traffickers wanted extradited extradition cooperation summit kills dies died holds approves rejects unveils slams vows hits sparks jails backs seeks faces plans calls eases cuts raises loses leaves strike strikes workers doctors nurses teachers parliament bill latest offer rates interest steady nationwide aged giant cheaper',
  fra: 'reçoit arrestation arrestations saisie saisies saisi saisis interpellé interpellés interpellée démantèlement démantelé réseau enquête procès condamné condamnés drogue trafiquant trafiquants élu nouveau nouvelle gouvernement ministre sécurité morts blessés pluies annonce indique indiqué lance visite sommet coopération extradé extradition recherché fugitif attentat escroquerie cocaïne individu individus ressortissant ressortissants cambrioleur cambrioleurs cambriolage braquage agression meurtre homicide voleurs interpellation policier policiers hors nuire hausse baisse prix grève incendie séisme',
  spa: 'detenido detenidos detenida incautación incautan desarticulada desarticula operación narcotráfico narcotraficante gobierno ministro seguridad muertos heridos lluvias anuncia lanza visita cumbre cooperación extraditado extradición buscado prófugo atentado estafa presunto presuntos acoge recibe asamblea reunión incauta desmantelada desmantela detiene detienen huelga vivienda ley muere fallece rescate rescatan patera pateras sequía embalses tiroteo robo ladrones alcalde ayuntamiento juez juzgado droga tráfico traficante sismo tribunal condenado',
  deu: 'polizei festnahme festgenommen verdächtigen verdächtiger drogenfund drogen regierung minister sicherheit tote toten verletzte verletzt getötet gipfel zusammenarbeit gesucht flüchtiger auslieferung razzia prozess beginnt urteil verurteilt angeklagt anklage haft ermittlungen ermittler polizisten unwetter hochwasser opfer streik bundesregierung abschiebung schleuser zerschlagen anschlag angriff unfall feuer gericht wahl wahlen grenze verkehr lahm mann frau kinder polizist schwer feuerwehr einsatz stadt bund kanzler preise mieten flüchtlinge abschiebungen',
  ita: 'arrestato arrestati arresto latitante ricercato sequestro droga spaccio traffico governo ministro sicurezza morti feriti piogge annuncia visita vertice cooperazione estradato estradizione maltempo allerta sbarchi sbarco migranti manovra sciopero omicidio fermato fermati indagine indagati inchiesta condanna condannato carabinieri polizia questura tribunale scuola docenti studenti furto colpo incidente elezioni sindaco regione comune prezzi bollette famiglie lavoro vittime carcere detenuti rapina truffa anziani pioggia strade chiuse crollo soccorsi barcone scuole ospedale giovane uomo bambino ucciso uccisa uccisi donna donne rete smantellata smantellato smantellati accoltellato affluenza calo',
  nld: 'politie verdachte verdachten aangehouden opgepakt gearresteerd arrestatie gewonden gewond doden dode overleden overval schietpartij steekpartij explosie bende drugsbende opgerold inval rechtbank rechter celstraf veroordeeld vrijgesproken onderzoek kabinet regering gemeente burgemeester zorgen zoekt asielzoekers asiel verkiezingen nieuwe wil moet krijgt tegen opnieuw verliest wint bewoners woning overstromingen vermist vermiste slachtoffers ziekenhuis stijgende grote boos uitspraken valt geëvacueerd woningen huurprijzen kinderen ongeluk mishandeld demonstratie koning brug wateroverlast tekort stad zware',
  por: 'polícia detido detidos apreensão droga tráfico traficante governo ministro segurança mortos feridos chuvas anuncia visita cimeira cooperação extraditado procurado foragido suspeito suspeitos greve professores prende prendeu empresário incêndio sismo tribunal condenado julgamento eleições acordo chegam câmara prefeito salários habitação rendas rede desmantela desmantelada morreu morre homem mulher criança ferido acidente escola trabalhadores chuva cheias inundações',
};
/**
 * The letters beyond a–z each language writes (loanwords' too, where common). A text whose own words —
 * not its names — use letters a language never writes is not in that language: franc's trigrams take
 * a Turkish sentence for Spanish, whose alphabet has no ı, ş or ğ.
 */
const ALPHABETS: Record<string, string> = {
  fra: 'àâæçéèêëîïôœùûüÿ', eng: 'àéèêëïôçñü', spa: 'áéíóúüñ', por: 'áâãàçéêíóôõúü', ita: 'àèéìíîòóùú',
  deu: 'äöüßé', nld: 'éèëïöüáóúêç', cat: 'àçéèíïòóúü', tur: 'çğıöşüâîû', ind: 'é', swh: '', ron: 'ăâîșțşţ',
  pol: 'ąćęłńóśźż', tzm: 'ɣɛčǧḍḥṛṣṭẓžğţ', hau: 'ɓɗƙƴ', som: '', yor: 'áàéèẹíìóòọṣúùńḿ', ibo: 'ịọụṅáàéèíìóòúùńḿ',
  wol: 'àéëóñŋ', vie: 'àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ', tgl: 'ñ',
  zlm: '', azj: 'çəğıöşü', uzn: 'ʻʼ', [FRANC_LATIN_KURDISH]: 'çêîşû', swe: 'åäöé', dan: 'æøåé', nob: 'æøåéèêóòô', fin: 'äöåšž',
  hun: 'áéíóöőúüű', ces: 'áčďéěíňóřšťúůýž', slk: 'áäčďéíĺľňóôŕšťúýž', hrv: 'čćđšž', bos: 'čćđšž', slv: 'čšžćđ',
  als: 'çë', lit: 'ąčęėįšųūž', lvs: 'āčēģīķļņšūž', ekk: 'äöõüšž',
};
const ALPHABET_SETS = new Map(Object.entries(ALPHABETS).map(([language, letters]) => [language, new Set(letters)]));
/** Own words with letters a language never writes that rule it out: this many, and this share of them. */
const MIN_FOREIGN_WORDS = 2;
const MIN_FOREIGN_WORD_SHARE = 0.1;

/** A text's own words (lower-case: a capitalised one may be a name, Erdoğan, Łukasz) with letters beyond a–z. */
interface OwnWordLetters {
  words: number;
  /** Of each own word with letters beyond a–z, those letters. */
  accented: string[][];
}

function ownWordLetters(text: string): OwnWordLetters {
  const own = text.normalize('NFC').split(/[^\p{L}]+/u).filter((word) => /^\p{Ll}/u.test(word));
  const accented = own.map((word) => [...word].filter((letter) => letter > '\u007f')).filter((letters) => letters.length > 0);
  return { words: own.length, accented };
}

/** The candidates whose alphabet writes the text's own words; all of them if none does. */
function writtenIn(letters: OwnWordLetters, candidates: readonly string[]): string[] {
  const fits = alphabetsWriting(letters, candidates);
  return fits.length > 0 ? fits : [...candidates];
}

/** The candidates whose alphabet writes the text's own words (every one, for a text of a–z alone). */
function alphabetsWriting({ words, accented }: OwnWordLetters, candidates: readonly string[]): string[] {
  // A line has few own words: one with a letter a language never writes (Czech's ů, Estonian's õ) rules it out.
  const minForeign = words < SHORT_TEXT_WORDS ? 1 : Math.max(MIN_FOREIGN_WORDS, MIN_FOREIGN_WORD_SHARE * words);
  if (accented.length < minForeign) return [...candidates];
  return candidates.filter((language) => {
    const alphabet = ALPHABET_SETS.get(language);
    return !alphabet || accented.filter((letters) => letters.some((letter) => !alphabet.has(letter))).length < minForeign;
  });
}

/** The votes of the languages whose alphabet writes the text. */
function votesWrittenIn(letters: OwnWordLetters, votes: Map<string, number>): Map<string, number> {
  const fits = new Set(writtenIn(letters, [...votes.keys()]));
  return new Map([...votes].filter(([language]) => fits.has(language)));
}

/**
 * Endings of words (of six letters or more) that few of the news languages write, for headlines whose
 * words are in no list: Italian's -zione and -ità, Spanish's -ción and -dad, Portuguese's -ção and -ões,
 * German's -ung and -keit, Dutch's -heid, English's -ed and -ly… (not -tion: French's and English's
 * alike; nor -ing, Dutch's too: regering, storing).
 */
const ENDINGS: Record<string, string> = {
  ita: 'zione zioni sione sioni ità ezza aggio ggio ggi cchi cche',
  spa: 'ción ciones sión siones dad dades ería',
  por: 'ção ções são sões dade dades agem ões ães eis ável ível',
  cat: 'ció cions ssió itat',
  fra: 'eux euse euses ement ée ées',
  eng: 'ness ship ed ly',
  deu: 'ung ungen keit heit lich schaft',
  nld: 'heid lijk lijke',
};
/** Endings are read in words of this many letters or more. */
const WORD_ENDINGS = new WordEndings(ENDINGS, 6);

/** The ending of a word (its longest in ENDINGS), as a clue of its own: "-ción". */
function endingClue(word: string): string | undefined {
  const ending = WORD_ENDINGS.of(word);
  return ending && `-${ending}`;
}

/** Each clue, with the languages it belongs to; an ending is a clue as "-ción". */
const CLUE_LANGUAGES = languagesOf(CLUES, COUNTRY_NAMES, ALERT_COLOURS, CALENDAR, HEADLINE_WORDS);
for (const [ending, languages] of WORD_ENDINGS.languages) CLUE_LANGUAGES.set(`-${ending}`, languages);
/** The Latin-script languages of the Maghreb's press, most read first: tied with a rarer one, they win. */
const REGION_LANGUAGES = ['fra', 'eng', 'spa'];
/**
 * Letters that are clues by themselves, in a text's own words and its first (capitalised as any
 * headline's first word is), not in a name further on (Ciarán, Málaga).
 */
const SINGLE_CLUE_LETTERS = /[œñãõáíóúìòùßäşğıășțłąęśżźćń]/gu;
const FIRST_WORD = /\p{L}+/u;
const GERMAN_LETTERS = /[ßä]/gu;
/**
 * Dutch's ij (bij, tijdens, schietpartij), which the others' own words do not write: the clue "ij". Not
 * before a vowel, where it is the Slavic languages' -ija, -ije (policija, Srbije).
 */
const DUTCH_IJ = 'ij';
const DUTCH_IJ_IN_WORD = /ij(?![aeiouy])/;

/**
 * Darija written in Latin letters (Arabizi), as comments and social posts write it: digits stand for
 * Arabic's own letters (3 ع، 7 ح، 9 ق، 2 ء، 5 خ، 8 غ) inside words (m3a, wa7ed, 3lach, kaysre9), and its
 * function words are its own. Not words that other languages have too (had, fin, ana, chi, kan).
 */
const ARABIZI_WORDS = new Set(
  'wach wash dyal dial dyali dialo dialha khoya khouya bzaf bezzaf bzzaf mzyan mzyen mezyan kifach kifash ghadi daba walakin walo chno achno chnou hadchi hadak hadik wakha safi bghit bghina kayn kayna kain makaynch makaynsh wlah wallah nta nti ntoma howa hiya mnin lyoum ghedda m3a 3la 3lach 3and'.split(' '),
);
/** A letter for an Arabic sound: one digit of these among letters, at most one run of it. */
const ARABIZI_DIGIT_WORD = /^(?:[a-z]*[235789][a-z]+|[a-z]{4,}[235789])$/;
/** Of a text's words, at least this share must be Arabizi's for it to be read as Darija. */
const ARABIZI_SHARE = 0.15;

/**
 * Whether a Latin-script text is Darija in Arabizi: a sixth of its words Arabizi's, three of them or two
 * with a digit word among them. A capitalised word is a name (Safi, the town), not a function word.
 */
function isArabizi(text: string): boolean {
  const words = text.split(/[^\p{L}\p{N}]+/u).filter((word) => /\p{L}/u.test(word));
  const digitWords = words.filter((word) => ARABIZI_DIGIT_WORD.test(word.toLowerCase())).length;
  const functionWords = words.filter((word) => /^\p{Ll}/u.test(word) && ARABIZI_WORDS.has(word)).length;
  const arabizi = digitWords + functionWords;
  return (arabizi >= 3 || (arabizi >= 2 && digitWords >= 1)) && arabizi >= words.length * ARABIZI_SHARE;
}

/**
 * Codes that join letters and digits (A12, S25, G7, 1er): no words of any language, while their letters
 * alone would be ("snelweg A12" has no Spanish or Italian "a").
 */
const CODES = /[\p{L}\p{N}]*\p{N}[\p{L}\p{N}]*/gu;

/** The language of a Latin-script text (`und` below `minLetters` letters); Darija in Arabizi is `ary`. */
export function latinLanguage(input: string, minLetters: number): string {
  if (isArabizi(input)) return 'ary';
  const text = input.replace(CODES, ' ');
  const letters = ownWordLetters(text);
  // Written in letters none of franc's Latin-script languages here writes (Maltese's ħ ġ ż ċ, Icelandic's
  // þ ð): a language franc cannot name, which its trigrams would take for the nearest one (Catalan).
  const writable = alphabetsWriting(letters, LONG_TEXT_LANGUAGES);
  if (writable.length === 0) return 'und';
  const byTrigrams = (only = LATIN_NEWS_LANGUAGES) => franc(text, { only: writtenIn(letters, only), minLength: minLetters });
  const words = text.toLowerCase().split(/[^\p{L}]+/u).filter(Boolean);
  if (words.length === 0) return byTrigrams();
  // Only words overrule trigrams: accented letters are shared with languages without clues (Vietnamese).
  if (words.length >= SHORT_TEXT_WORDS) {
    const language = overruledByClues(byTrigrams(LONG_TEXT_LANGUAGES), votesWrittenIn(letters, clueVotes([...new Set(words)])), words.length);
    return language === FRANC_LATIN_KURDISH ? KURMANJI : malayOrIndonesian(language, words);
  }
  // Written in letters none of the region's languages writes (Czech's ř, Hungarian's ő, Swedish's å): a
  // language of the longer list, which the alphabets narrow, then its clue words or trigrams choose.
  if (!LATIN_NEWS_LANGUAGES.some((language) => writable.includes(language))) {
    const votes = new Map([...clueVotes([...new Set(words)])].filter(([language]) => writable.includes(language)));
    const leaders = leadersOf(votes);
    return leaders.length === 1 ? leaders[0]! : byTrigrams(leaders.length > 0 ? leaders : LONG_TEXT_LANGUAGES);
  }
  const first = FIRST_WORD.exec(text)?.[0];
  const ownAndFirst = text.split(/[^\p{L}]+/u).filter((word) => /^\p{Ll}/u.test(word) || word === first);
  const clueLetters = ownAndFirst.flatMap((word) => word.toLowerCase().match(SINGLE_CLUE_LETTERS) ?? []);
  if (ownAndFirst.some((word) => DUTCH_IJ_IN_WORD.test(word.toLowerCase()))) clueLetters.push(DUTCH_IJ);
  // German writes its nouns capitalised: their ß and ä are the language's, not a name's.
  clueLetters.push(...(text.toLowerCase().match(GERMAN_LETTERS) ?? []));
  const endings = ownAndFirst.map((word) => endingClue(word.toLowerCase())).filter((ending) => ending !== undefined);
  const distinctWords = new Set(words).size;
  // A sentence with no word of the region's languages, their letters aside (Finnish writes German's ä),
  // is likelier another's (Croatian, Finnish) than theirs.
  if (distinctWords >= MIN_WORDS_FOR_ANY && votesWrittenIn(letters, clueVotes([...new Set(words), ...endings])).size === 0) return byTrigrams(LONG_TEXT_LANGUAGES);
  const votes = votesWrittenIn(letters, clueVotes([...new Set([...words, ...clueLetters]), ...endings]));
  // A name or two ("INTERPOL", "Hammouchi Rabat") belongs to every language: trigrams would only guess.
  if (votes.size === 0) return distinctWords < MIN_WORDS_TO_GUESS ? 'und' : byTrigrams();
  const leaders = leadersOf(votes);
  if (leaders.length === 1) return leaders[0]!;
  // Tied clues: trigrams tell the region's languages apart ("Incendio en un edificio de Sevilla"), but
  // a rarer one they name on so few letters is less likely than a region language tied with it.
  const guess = franc(text, { only: leaders, minLength: 1 });
  return REGION_LANGUAGES.includes(guess) ? guess : (REGION_LANGUAGES.find((language) => leaders.includes(language)) ?? guess);
}

/**
 * Malay and Indonesian share most of their words, and franc's trigrams scarcely tell them apart (a
 * Malay report on an arrest scored 0.98 of Indonesian): the words each spells its own way, or uses where
 * the other has another, do.
 */
const MALAY_WORDS = new Set('polis kerana wang kerajaan kereta pejabat boleh beliau berkata lelaki dikehendaki waran daripada sahaja ialah iaitu bahawa mahkamah hospital'.split(' '));
const INDONESIAN_WORDS = new Set('polisi kepolisian karena uang pemerintah mobil kantor bisa saat mengatakan pria buronan bahwa yaitu pengadilan tersangka'.split(' '));

function malayOrIndonesian(language: string, words: readonly string[]): string {
  if (language !== 'ind' && language !== 'zlm') return language;
  const malay = words.filter((word) => MALAY_WORDS.has(word)).length;
  const indonesian = words.filter((word) => INDONESIAN_WORDS.has(word)).length;
  return malay > indonesian ? 'zlm' : indonesian > malay ? 'ind' : language;
}

/**
 * Up to a paragraph, trigrams still err on a text full of names ("A delegation from Morocco's DGSN met
 * Mauritanian counterparts in Nouakchott, Mauritania" is Catalan to them): clues that clearly name
 * another language win. Longer texts give trigrams enough to be trusted.
 */
function overruledByClues(guess: string, votes: Map<string, number>, words: number): string {
  if (words >= TRIGRAMS_TRUSTED_WORDS || votes.size === 0) return guess;
  const [leader, most] = [...votes].reduce((best, entry) => (entry[1] > best[1] ? entry : best));
  return most - (votes.get(guess) ?? 0) >= CLEAR_CLUE_MARGIN ? leader : guess;
}

/**
 * Whether Latin-script text has a word that belongs to a language (a function word, a headline word):
 * "Galaxy S25 Ultra" has none, it only names things. A capitalised word is taken for part of a name
 * ("Al Hilal", "La Liga", "INTERPOL"): a sentence has lower-case words too.
 */
export function hasLanguageClue(text: string): boolean {
  return text.split(/[^\p{L}]+/u).some((word) => /^\p{Ll}/u.test(word) && CLUE_LANGUAGES.has(word.toLowerCase()));
}

/** Per language, its share of each clue found (a clue of k languages gives each 1/k). */
function clueVotes(tokens: readonly string[]): Map<string, number> {
  const votes = new Map<string, number>();
  for (const token of tokens) {
    const languages = CLUE_LANGUAGES.get(token);
    if (languages) for (const language of languages) votes.set(language, (votes.get(language) ?? 0) + 1 / languages.length);
  }
  return votes;
}
