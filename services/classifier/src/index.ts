export { startClassifier, type ClassifierDeps } from './main.js';
export { classifyItem, type ClassifyItemDeps, type ClassifyItemResult } from './handlers/classify-item.js';
export { analyseItem } from './analyse.js';
