export { startStoreService, type StoreServiceDeps } from './main.js';
export { storeItem, type StoreItemDeps, type StoreItemResult } from './handlers/store-item.js';
