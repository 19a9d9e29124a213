// Where a webhook may be delivered. The worker POSTs to whatever URL an admin subscribed, from
// inside the provider's network; a URL naming the cloud's instance-metadata service or another
// link-local address would let a subscription read credentials the worker's host can reach
// (server-side request forgery). Those addresses, and addresses that are no host at all
// (unspecified, multicast, broadcast, reserved), are refused at subscription and again at each
// delivery, after the name is resolved, so a name that later resolves to them is refused too.
// Loopback and private networks stay allowed: a compliance desk usually delivers to the
// provider's own ticketing or case systems inside its network.
import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

const REFUSED_RANGES = new Set(['unspecified', 'linkLocal', 'multicast', 'broadcast', 'reserved']);

// Metadata services that sit outside the link-local ranges: Alibaba Cloud's (in the carrier-grade
// NAT range) and AWS's IPv6 endpoint (a unique-local address).
const METADATA_ADDRESSES = new Set(['100.100.100.200', 'fd00:ec2::254']);
const METADATA_NAMES = new Set(['metadata', 'metadata.google.internal', 'metadata.goog', 'instance-data', 'instance-data.ec2.internal']);

/** Why a delivery to this IP address is refused, or null when it may be delivered to. */
export function refusedWebhookAddress(address: string): string | null {
  if (!ipaddr.isValid(address)) return null;
  let parsed = ipaddr.parse(address);
  // An IPv4 address written as IPv6 (::ffff:169.254.169.254) reaches the IPv4 host.
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const normalized = parsed.toString();
  if (METADATA_ADDRESSES.has(normalized)) return `${address} is a cloud instance-metadata address`;
  const range = parsed.range();
  if (range === 'linkLocal') return `${address} is a link-local address (the cloud's instance-metadata service lives there)`;
  if (REFUSED_RANGES.has(range)) return `${address} is ${range === 'unspecified' ? 'the unspecified address' : `a ${range} address`}, not a host`;
  return null;
}

function bareHost(url: URL): string {
  // URL keeps IPv6 literals in brackets and may end a name with the root dot.
  return url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();
}

/** Why a subscription URL is refused by its host as written, or null. Names are resolved at delivery. */
export function refusedWebhookHost(url: URL): string | null {
  const host = bareHost(url);
  if (METADATA_NAMES.has(host)) return `${host} names a cloud instance-metadata service`;
  return refusedWebhookAddress(host);
}

/** Resolves the URL's host and says why a delivery to it is refused, or null when every address it resolves to is allowed. */
export async function refusedWebhookTarget(url: URL): Promise<string | null> {
  const byHost = refusedWebhookHost(url);
  if (byHost) return byHost;
  const host = bareHost(url);
  if (ipaddr.isValid(host)) return null;
  const addresses = await lookup(host, { all: true, verbatim: true });
  for (const { address } of addresses) {
    const refused = refusedWebhookAddress(address);
    if (refused) return `${host} resolves to ${refused}`;
  }
  return null;
}
