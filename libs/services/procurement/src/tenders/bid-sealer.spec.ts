import { BidSealer, BidUnreadable, bidDigest } from './bid-sealer';

const KEY = 'unit-bid-sealing-key-0123456789abcdef';
const ids = { tenderId: 't-1', bidId: 'b-1', vendorId: 'v-1' };
const content = { price: 88_000_00, technicalProposal: '12 cleaners on two shifts; HEPA vacuums' };

describe('bid sealing', () => {
  const sealer = new BidSealer({ BID_SEALING_KEY: KEY });

  it('stores neither the price nor the proposal in clear, and opens back to the content', () => {
    const sealed = sealer.seal(content, ids);
    expect(sealed.sealed).not.toContain('8800000');
    expect(sealed.sealed).not.toContain('cleaners');
    expect(sealer.open(sealed.sealed, ids)).toMatchObject(content);
  });

  it('gives a salted digest the bidder can recompute from its copy', () => {
    const sealed = sealer.seal(content, ids);
    expect(sealed.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(bidDigest(content, sealed.salt)).toBe(sealed.digest);
    expect(sealer.seal(content, ids).digest).not.toBe(sealed.digest);
  });

  it('does not open with another key, or on another bid row', () => {
    const sealed = sealer.seal(content, ids);
    expect(() => new BidSealer({ BID_SEALING_KEY: `${KEY}-other` }).open(sealed.sealed, ids)).toThrow(BidUnreadable);
    expect(() => sealer.open(sealed.sealed, { ...ids, bidId: 'b-2' })).toThrow(BidUnreadable);
  });
});
