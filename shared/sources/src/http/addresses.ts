import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Which addresses a request may reach. A feed is someone else's text: a redirect or an article link in it
 * must not make Marsad reach into the network it runs on (a metadata service, Redis, an admin page).
 */
export type AddressPolicy = (address: string) => boolean;

/** A global unicast address: not private, loopback, link-local, unique-local, CGNAT, multicast or reserved. */
export const isPublicAddress: AddressPolicy = (address) => ipaddr.isValid(address) && ipaddr.process(address).range() === 'unicast';

/** The addresses a host name resolves to (the host itself when it is an address, with or without brackets). */
export async function addressesOf(hostname: string): Promise<string[]> {
  const bare = hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(bare)) return [bare];
  return (await lookup(bare, { all: true, verbatim: true })).map((a) => a.address);
}

/**
 * True when the URL's host resolves to an address that is not public: a source the operator placed on a
 * private network on purpose, whose own links may stay there. Unresolvable counts as public (the fetch
 * will then fail on its own, with a DNS error).
 */
export async function isPrivateUrl(url: string, isPublic: AddressPolicy = isPublicAddress): Promise<boolean> {
  try {
    return (await addressesOf(new URL(url).hostname)).some((address) => !isPublic(address));
  } catch {
    return false;
  }
}

export class PrivateAddressError extends Error {
  override name = 'PrivateAddressError';
  readonly code = 'ERR_PRIVATE_ADDRESS';
  constructor(hostname: string, address: string) {
    super(`${hostname} resolves to ${address}, which is not a public address; a public source may not lead there`);
  }
}
