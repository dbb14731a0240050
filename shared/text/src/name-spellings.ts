/**
 * Names a communications team searches for, each with its spellings in the scripts and languages the
 * sources write it in: a search or an alert rule's query naming one (a word, a quoted phrase, or words
 * written one after the other) finds the others too, so `Hammouchi` finds "حموشي" and `الدار البيضاء`
 * finds "Casablanca" (query.ts). A team adds its own names under `search.names` in the sources file
 * (NameSpellings).
 * Spellings are matched as query words are (hamza, ta marbuta, the article, accents and case folded):
 * write each once. Only names whose every spelling means that name: not العيون (Laâyoune, also "the
 * eyes"), الجديدة (El Jadida, "the new"), بركان (Berkane, "volcano"), مالي (Mali, "financial"), nor
 * UN (French's "un").
 */
export const NAME_SPELLINGS: readonly (readonly string[])[] = [
  // Organisations and the DGSN's own services, by name and acronym.
  ['interpol', 'الإنتربول', 'الأنتروبول', 'الإنتربل', 'الإنتيربول', 'المنظمة الدولية للشرطة الجنائية', 'منظمة الشرطة الجنائية الدولية', 'OIPC', 'ICPO', 'Organisation internationale de police criminelle', 'International Criminal Police Organization'],
  ['europol', 'يوروبول', 'أوروبول'],
  ['afripol', 'أفريبول'],
  ['DGSN', 'المديرية العامة للأمن الوطني', 'Direction générale de la sûreté nationale', 'Sûreté nationale'],
  ['DGST', 'المديرية العامة لمراقبة التراب الوطني', 'Direction générale de la surveillance du territoire'],
  ['BCIJ', 'المكتب المركزي للأبحاث القضائية', "Bureau central d'investigations judiciaires"],
  ['BNPJ', 'الفرقة الوطنية للشرطة القضائية', 'Brigade nationale de la police judiciaire'],
  ['DGED', 'المديرية العامة للدراسات والمستندات', 'Direction générale des études et de la documentation'],
  ['Gendarmerie royale', 'الدرك الملكي'],
  ['ONU', 'Nations unies', 'United Nations', 'الأمم المتحدة'],
  ['FBI', 'مكتب التحقيقات الفيدرالي'],
  // People.
  ['Hammouchi', 'Hammouchy', 'Hamouchi', 'حموشي'],
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
  ['Mohammedia', 'المحمدية'],
  ['Témara', 'تمارة'],
  ['Skhirat', 'الصخيرات'],
  ['Salé', 'سلا'],
  ['Settat', 'سطات'],
  ['Berrechid', 'برشيد'],
  ['Khouribga', 'خريبكة'],
  ['Béni Mellal', 'بني ملال'],
  ['Khémisset', 'الخميسات'],
  ['Taza', 'تازة'],
  ['Larache', 'العرائش'],
  ['Fnideq', 'الفنيدق'],
  ['Al Hoceima', 'Al Hoceïma', 'الحسيمة'],
  ['Essaouira', 'الصويرة'],
  ['Safi', 'آسفي'],
  ['Inezgane', 'إنزكان'],
  ['Taroudant', 'تارودانت'],
  ['Tiznit', 'تيزنيت'],
  ['Guelmim', 'كلميم'],
  ['Ouarzazate', 'ورزازات'],
  ['Errachidia', 'الرشيدية'],
  // Countries.
  ['Maroc', 'Morocco', 'Marruecos', 'المغرب'],
  ['Algérie', 'Algeria', 'الجزائر'],
  ['Espagne', 'Spain', 'España', 'إسبانيا'],
  ['France', 'فرنسا'],
  ['Belgique', 'Belgium', 'بلجيكا'],
  ['Pays-Bas', 'Netherlands', 'هولندا'],
  ['Italie', 'Italy', 'إيطاليا'],
  ['Allemagne', 'Germany', 'ألمانيا'],
  ['Mauritanie', 'Mauritania', 'موريتانيا'],
  ['Tunisie', 'Tunisia', 'تونس'],
  ['Libye', 'Libya', 'ليبيا'],
  ['Égypte', 'Egypt', 'مصر'],
  ['Sénégal', 'Senegal', 'السنغال'],
];
