export { alertContext, startAlerter, type AlerterDeps } from './main.js';
export { alertItem, deliveryKey, type AlertItemDeps, type AlertItemResult, type DeliveryLog } from './handlers/alert-item.js';
export { compileRule, type AlertRule, type AlertableItem } from './rules.js';
export { createChannel, type Channel, type Envelope } from './channels/index.js';
export { AlertMessageSchema, alertMessage, escapeHtml, localDateTime, safeHref, type AlertMessage } from './message.js';
export { pickupOf, storiesOf, type ListedItem, type Pickup, type Story } from './stories.js';
export { atomFeed } from './atom.js';
export { redisLastDigest, sendDigest, syncDigestSchedulers, type DigestDeps, type DigestResult, type LastDigest } from './digest.js';
export { ARABIC, ENGLISH, FRENCH, WORDINGS, type Wording } from './wording.js';
