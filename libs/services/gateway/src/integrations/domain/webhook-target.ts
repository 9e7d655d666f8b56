import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may be delivered. By default only to public addresses: never to the platform's
 * own host (loopback), its private network, link-local addresses (cloud metadata at
 * 169.254.169.254) or other special ranges, so a subscription cannot make the gateway call inside.
 * An on-premises receiver is allowed explicitly, by address or CIDR range (WEBHOOK_ALLOWED_TARGETS).
 */
// IPv4-mapped IPv6 addresses (::ffff:127.0.0.1) match the IPv4 ranges: BlockList maps them.
const SPECIAL_RANGES: ReadonlyArray<readonly [string, number, 'ipv4' | 'ipv6', string]> = [
  ['0.0.0.0', 8, 'ipv4', 'unspecified'],
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['100.64.0.0', 10, 'ipv4', 'shared (carrier-grade NAT)'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['169.254.0.0', 16, 'ipv4', 'link-local'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.0.0.0', 24, 'ipv4', 'reserved'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['198.18.0.0', 15, 'ipv4', 'benchmarking'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  ['100::', 64, 'ipv6', 'discard'],
  ['fc00::', 7, 'ipv6', 'private (unique local)'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['fec0::', 10, 'ipv6', 'site-local'],
  ['ff00::', 8, 'ipv6', 'multicast'],
  // Forms that carry an IPv4 address inside, which a translator or tunnel may reach: the IPv4
  // ranges above would be bypassed through them.
  ['::', 96, 'ipv6', 'IPv4-compatible'],
  ['64:ff9b::', 96, 'ipv6', 'IPv4/IPv6 translation (NAT64)'],
  ['64:ff9b:1::', 48, 'ipv6', 'IPv4/IPv6 translation (local NAT64)'],
  ['2001::', 32, 'ipv6', 'Teredo tunnel'],
  ['2002::', 16, 'ipv6', '6to4 tunnel'],
];

export interface AllowedTarget {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/** Parses "10.20.0.0/16" or "192.168.1.7" (a single address); undefined when it is neither. */
export function parseAllowedTarget(raw: string): AllowedTarget | undefined {
  const [address = '', prefixText, ...rest] = raw.trim().split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return undefined;
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) return undefined;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

export class WebhookTargetPolicy {
  private readonly special: Array<{ list: BlockList; kind: string }>;
  private readonly allowed = new BlockList();

  constructor(allowed: readonly AllowedTarget[] = []) {
    this.special = SPECIAL_RANGES.map(([address, prefix, family, kind]) => {
      const list = new BlockList();
      list.addSubnet(address, prefix, family);
      return { list, kind };
    });
    for (const target of allowed) this.allowed.addSubnet(target.address, target.prefix, target.family);
  }

  /** Why a delivery must not go to `address` (an IP address), or undefined when it may. */
  refusalOf(address: string): string | undefined {
    const version = isIP(address);
    if (version === 0) return `${address} is not an IP address`;
    const family = version === 4 ? 'ipv4' : 'ipv6';
    if (this.allowed.check(address, family)) return undefined;
    const special = this.special.find((range) => range.list.check(address, family));
    return special ? `${address} is in a ${special.kind} range (allow it with WEBHOOK_ALLOWED_TARGETS for an on-premises receiver)` : undefined;
  }
}

/** The host of a webhook URL as an IP address when it is one ("[::1]" → "::1"), else undefined. */
export function literalAddressOf(hostname: string): string | undefined {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) ? bare : undefined;
}
