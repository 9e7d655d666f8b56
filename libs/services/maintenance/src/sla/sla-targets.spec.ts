import { ContractSlaTerms } from '@houqin/contracts';
import { targetsFor } from './domain/sla-clock';

describe('SLA targets from a signed contract', () => {
  it('reads the SLA terms exactly as contract.signed carries them', () => {
    const hours = (responseHours: number, resolutionHours: number) => ({ responseHours, resolutionHours });
    const slaTerms = ContractSlaTerms.parse({ serviceType: 'maintenance', priorities: { urgent: hours(1, 4), high: hours(4, 24), normal: hours(24, 72), low: hours(72, 240) } });
    expect(targetsFor(slaTerms, 'high')).toEqual({ responseMs: 4 * 3_600_000, resolutionMs: 24 * 3_600_000 });
    expect(() => targetsFor(ContractSlaTerms.parse({ serviceType: 'security' }), 'high')).toThrow('a security contract sets no response or resolution targets');
  });
});
