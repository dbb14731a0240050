import { z } from 'zod';

/**
 * An address with one of `schemes` (e.g. ['http', 'https']), whose error says what is wrong with it:
 * a scheme left out (`www.hespress.com/feed`, written as a browser's address bar shows it), another
 * scheme, or no address at all, rather than zod's bare "Invalid URL".
 */
export function addressOf(schemes: readonly string[]) {
  const names = schemes.map((scheme) => `${scheme}://`).join(' or ');
  return z.url({
    protocol: new RegExp(`^(${schemes.join('|')})$`),
    error: (issue) => {
      if (typeof issue.input !== 'string') return undefined;
      const written = issue.input.trim();
      const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(written)?.[1];
      if (!scheme && /^[\w-]+(\.[\w-]+)*(:\d+)?([/?#]|$)/.test(written) && /[.:]/.test(written)) return `"${written}" has no scheme: write it in full, ${schemes[0]}://${written}`;
      if (scheme && !schemes.includes(scheme.toLowerCase())) return `"${written}" is a ${scheme}: address; use ${names}`;
      return `"${written}" is not a valid ${names} address`;
    },
  });
}
