import { describe, expect, it } from 'vitest';
import { SERVICE_NAMES } from './service-names.js';
import { checkQueueConsumers, parseServiceNames } from './services.js';
import { UsageError } from './usage-error.js';

describe('checkQueueConsumers', () => {
  it('accepts the shipped services: every queue has exactly one consumer', () => {
    expect(() => checkQueueConsumers()).not.toThrow();
  });

  it('names a queue nobody consumes and says where to fix it', () => {
    const services = { fetcher: { consumes: ['fetch', 'classify', 'store'] as const } };
    expect(() => checkQueueConsumers(services)).toThrow(/queue "alert" is consumed by 0 services \(none\).*shared\/cli\/src\/services\.ts/);
  });

  it('names a queue two services consume', () => {
    const services = { a: { consumes: ['fetch', 'classify', 'store', 'alert'] as const }, b: { consumes: ['store'] as const } };
    expect(() => checkQueueConsumers(services)).toThrow(/queue "store" is consumed by 2 services \(a, b\)/);
  });
});

describe('parseServiceNames', () => {
  it('means every service when none is named', () => {
    expect(parseServiceNames([])).toEqual(SERVICE_NAMES);
  });

  it('rejects an unknown service, listing the known ones', () => {
    expect(() => parseServiceNames(['fetcher', 'scraper'])).toThrow(UsageError);
    expect(() => parseServiceNames(['scraper'])).toThrow(/unknown service\(s\) scraper; choose from fetcher, classifier, store, alerter, dashboard/);
  });
});
