import { escapeHtml } from '@marsad/service-alerter';

/**
 * HTML built from tagged templates: every interpolated value is escaped unless it is itself a
 * fragment built by `html`. A page is therefore safe by construction: text from a feed can only ever
 * reach the page as text. (Templates in TypeScript rather than a template engine: the compiler checks
 * every value a page uses, and there is nothing to ship beside the code.)
 */
export class SafeHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.html;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, part, i) => out + part + (i < values.length ? render(values[i]!) : ''), ''));
}
