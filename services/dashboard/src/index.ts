export { startDashboard, type DashboardDeps } from './main.js';
export { buildDashboardApp, type DashboardAppOptions } from './app.js';
