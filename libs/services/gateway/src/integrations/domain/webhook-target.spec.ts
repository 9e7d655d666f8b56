import { WebhookTargetPolicy, literalAddressOf, parseAllowedTarget } from './webhook-target';

describe('where a webhook may be delivered', () => {
  const policy = new WebhookTargetPolicy();

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'shared'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fd00::1', 'private'],
    ['fe80::1', 'link-local'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['::127.0.0.1', 'IPv4-compatible'],
    ['64:ff9b::7f00:1', 'NAT64'],
    ['64:ff9b:1::a9fe:a9fe', 'NAT64'],
    ['2002:7f00:1::', '6to4'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
    ['fec0::1', 'site-local'],
  ])('refuses %s (%s) by default', (address, kind) => {
    expect(policy.refusalOf(address)).toContain(kind);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2001:4860:4860::8888'])('lets a public address %s through', (address) => {
    expect(policy.refusalOf(address)).toBeUndefined();
  });

  it('lets an on-premises receiver through only when its address or range is allowed', () => {
    const onPremises = new WebhookTargetPolicy([parseAllowedTarget('10.20.0.0/16')!, parseAllowedTarget('127.0.0.1')!]);
    expect(onPremises.refusalOf('10.20.3.4')).toBeUndefined();
    expect(onPremises.refusalOf('127.0.0.1')).toBeUndefined();
    expect(onPremises.refusalOf('10.21.0.1')).toContain('private');
    expect(onPremises.refusalOf('127.0.0.2')).toContain('loopback');
    expect(onPremises.refusalOf('169.254.169.254')).toContain('link-local');
  });

  it('reads allowed targets as addresses or CIDR ranges, nothing else', () => {
    expect(parseAllowedTarget('10.0.0.0/8')).toEqual({ address: '10.0.0.0', prefix: 8, family: 'ipv4' });
    expect(parseAllowedTarget(' fd00::/8 ')).toEqual({ address: 'fd00::', prefix: 8, family: 'ipv6' });
    expect(parseAllowedTarget('::1')).toEqual({ address: '::1', prefix: 128, family: 'ipv6' });
    for (const wrong of ['erp.internal', '10.0.0.0/33', '10.0.0.0/x', '10.0.0.0/8/1', '']) expect(parseAllowedTarget(wrong)).toBeUndefined();
  });

  it('recognises an IP address written as a URL host', () => {
    expect(literalAddressOf('[::1]')).toBe('::1');
    expect(literalAddressOf('169.254.169.254')).toBe('169.254.169.254');
    expect(literalAddressOf('erp.example.gov.cn')).toBeUndefined();
  });
});
