/**
 * Names a communications team searches for, each with its spellings in the scripts and languages the
 * sources write it in: a search or an alert rule's query naming one (a word, a quoted phrase, or words
 * written one after the other) finds the others too, so `Hammouchi` finds "حموشي" and `الدار البيضاء`
 * finds "Casablanca" (query.ts).
 * Spellings are matched as query words are (hamza, ta marbuta, the article, accents and case folded):
 * write each once. Only names whose every spelling means that name: not العيون (Laâyoune, also "the
 * eyes") nor الجديدة (El Jadida, also "the new").
 */
export const NAME_SPELLINGS: readonly (readonly string[])[] = [
  // Organisations and the DGSN's own services, by name and acronym.
  ['interpol', 'الإنتربول', 'الأنتروبول', 'الإنتربل', 'الإنتيربول', 'المنظمة الدولية للشرطة الجنائية', 'منظمة الشرطة الجنائية الدولية', 'OIPC', 'ICPO'],
  ['europol', 'يوروبول', 'أوروبول'],
  ['afripol', 'أفريبول'],
  ['DGSN', 'المديرية العامة للأمن الوطني', 'Direction générale de la sûreté nationale', 'Sûreté nationale'],
  ['DGST', 'المديرية العامة لمراقبة التراب الوطني', 'Direction générale de la surveillance du territoire'],
  ['BCIJ', 'المكتب المركزي للأبحاث القضائية', "Bureau central d'investigations judiciaires"],
  ['BNPJ', 'الفرقة الوطنية للشرطة القضائية', 'Brigade nationale de la police judiciaire'],
  // People.
  ['Hammouchi', 'Hammouchy', 'حموشي'],
  ['Abdellatif Hammouchi', 'Abdelatif Hammouchi', 'عبد اللطيف حموشي'],
  // Moroccan towns.
  ['Casablanca', 'الدار البيضاء'],
  ['Rabat', 'الرباط'],
  ['Marrakech', 'Marrakesh', 'مراكش'],
  ['Tanger', 'Tangier', 'Tangiers', 'طنجة'],
  ['Fès', 'Fez', 'فاس'],
  ['Meknès', 'مكناس'],
  ['Agadir', 'أكادير'],
  ['Oujda', 'وجدة'],
  ['Tétouan', 'تطوان'],
  ['Nador', 'الناظور'],
  ['Kénitra', 'القنيطرة'],
  ['Sebta', 'Ceuta', 'سبتة'],
  ['Melilla', 'مليلية'],
  // Countries.
  ['Maroc', 'Morocco', 'Marruecos', 'المغرب'],
  ['Algérie', 'Algeria', 'الجزائر'],
  ['Espagne', 'Spain', 'España', 'إسبانيا'],
  ['France', 'فرنسا'],
];
