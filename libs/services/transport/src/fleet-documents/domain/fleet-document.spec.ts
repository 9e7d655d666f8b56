import { documentBlocker, expiryNotice } from './fleet-document';

describe('fleet documents (证照)', () => {
  it('are valid through their expiry day and block a trip that ends after it', () => {
    expect(documentBlocker('insurance', '2026-12-08', '2026-12-08')).toBeUndefined();
    expect(documentBlocker('insurance', '2026-12-07', '2026-12-08')).toEqual({ code: 'insurance-expired', reason: 'insurance valid until 2026-12-07, before 2026-12-08' });
    expect(documentBlocker('health-check', undefined, '2026-12-08')?.code).toBe('health-check-not-recorded');
  });

  it('are warned about within the warning period, once per expiry date; a renewal warns again when it nears', () => {
    expect(expiryNotice('insurance', '2027-01-10', undefined, '2026-12-07', 30)).toBeUndefined();
    expect(expiryNotice('insurance', '2027-01-06', undefined, '2026-12-07', 30)).toEqual({ document: 'insurance', expiresOn: '2027-01-06', daysLeft: 30, expired: false });
    expect(expiryNotice('insurance', '2027-01-06', '2027-01-06', '2026-12-07', 30)).toBeUndefined();
    expect(expiryNotice('insurance', '2027-12-31', '2027-01-06', '2026-12-07', 30)).toBeUndefined();
    expect(expiryNotice('insurance', '2027-12-31', '2027-01-06', '2027-12-20', 30)).toMatchObject({ daysLeft: 11, expired: false });
    expect(expiryNotice('annual-inspection', '2026-12-01', undefined, '2026-12-07', 30)).toEqual({ document: 'annual-inspection', expiresOn: '2026-12-01', daysLeft: -6, expired: true });
  });
});
