export { startClassifier, copyIndexFor, type ClassifierDeps } from './main.js';
export { classifyItem, type ClassifyItemDeps, type ClassifyItemResult } from './handlers/classify-item.js';
export { analyseItem, loadReferences, loadTagger, type Analyser } from './analyse.js';
export { SharedCopyIndex, type SharedCopyIndexOptions, type SharedVerdict } from './shared-copy-index.js';
export { SharedOutletText } from './outlet-text.js';
