export { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from './database.js';
export { createTestRedis, TEST_REDIS_URL, type TestRedis } from './redis.js';
export { conditionalFeed, serveFixtures, type FixtureResponse, type FixtureRoute, type FixtureServer } from './fixture-server.js';
export { rssFeed, type FeedEntry } from './feeds.js';
export { collect, killStartedProcesses, runNode, startNode, waitForOutput, type ProcessResult, type RunProcessOptions } from './process.js';
export { startSmtpServer, type ReceivedMail, type TestSmtpServer } from './smtp.js';
export { seededRandom } from './random.js';
export { itemsUnderOneFooter, OUTLET_FOOTER, SHORT_ITEM_BODIES } from './outlet-items.js';
export { removeTemporaryDirs, temporaryDir } from './temporary.js';
