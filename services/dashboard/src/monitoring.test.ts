import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createMetrics } from './metrics.js';

/**
 * The monitoring files in infra/ query /metrics by name: a metric renamed or dropped here would leave a
 * Grafana panel empty and an alert that never fires, silently. (`promtool test rules
 * infra/prometheus/alerts.test.yml` checks what the rules do; see the README.)
 */
const infra = (path: string) => readFileSync(new URL(`../../../infra/${path}`, import.meta.url), 'utf8');
const metricNames = (text: string) => [...new Set(text.match(/\bmarsad_[a-z_]+/g) ?? [])].sort();

const unused = () => Promise.reject(new Error('not read: only the names are'));
const exported = createMetrics({ queues: [], stats: unused, sources: unused, pingRedis: unused, pingDatabase: unused, jobDurations: unused })
  .getMetricsAsArray()
  .flatMap(({ name, type }) => (String(type) === 'histogram' ? [`${name}_bucket`, `${name}_count`, `${name}_sum`] : [name]));

interface Rule {
  alert: string;
  expr: string;
  labels?: { severity?: string };
  annotations?: { summary?: string; description?: string };
}
const rules = (parse(infra('prometheus/alerts.yml')) as { groups: { rules: Rule[] }[] }).groups.flatMap((group) => group.rules);

describe('the monitoring files', () => {
  it.each([
    ['the alerting rules', 'prometheus/alerts.yml'],
    ["the alerting rules' unit tests", 'prometheus/alerts.test.yml'],
    ['the Grafana dashboard', 'grafana/dashboards/marsad.json'],
  ])('%s query only metrics /metrics exports', (_what, path) => {
    const named = metricNames(infra(path));
    expect(named.length).toBeGreaterThan(3);
    expect(named.filter((name) => !exported.includes(name))).toEqual([]);
  });

  it('give every alert a severity, a summary and what to do', () => {
    expect(rules.length).toBeGreaterThan(5);
    for (const rule of rules) {
      expect(rule.alert, JSON.stringify(rule)).toMatch(/^Marsad[A-Z]\w+$/);
      expect(['critical', 'warning'], rule.alert).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary, rule.alert).toBeTruthy();
      expect(rule.annotations?.description, rule.alert).toBeTruthy();
    }
    expect(new Set(rules.map((rule) => rule.alert)).size).toBe(rules.length);
  });

  it('has every alert tested by the unit tests', () => {
    const tests = parse(infra('prometheus/alerts.test.yml')) as { rule_files: string[]; tests: { alert_rule_test?: { alertname: string }[] }[] };
    expect(tests.rule_files).toEqual(['alerts.yml']);
    const tested = new Set(tests.tests.flatMap((test) => (test.alert_rule_test ?? []).map((check) => check.alertname)));
    expect(rules.map((rule) => rule.alert).filter((alert) => !tested.has(alert))).toEqual([]);
  });

  it('load the rules in Prometheus, as docker compose mounts them', () => {
    const prometheus = parse(infra('prometheus/prometheus.yml')) as { rule_files: string[] };
    expect(prometheus.rule_files).toEqual(['alerts.yml']);
    const compose = parse(readFileSync(new URL('../../../docker-compose.yml', import.meta.url), 'utf8')) as { services: { prometheus: { volumes: string[] } } };
    expect(compose.services.prometheus.volumes).toEqual(
      expect.arrayContaining(['./infra/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro', './infra/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro']),
    );
  });
});
