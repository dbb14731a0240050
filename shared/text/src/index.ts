export { decodeHtmlEntities, normalizeForMatching, tokenize } from './normalize.js';
export { detectLanguage, type LanguageResult } from './language.js';
