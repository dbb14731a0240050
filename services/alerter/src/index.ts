export { startAlerter, type AlerterDeps } from './main.js';
export { alertItem, type AlertItemDeps, type AlertItemResult, type AlertRule } from './handlers/alert-item.js';
