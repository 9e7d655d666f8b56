import { BusinessRuleViolation, FixedClock } from '@houqin/domain';
import { recordMeterReading, registerAsset } from './asset';

const clock = new FixedClock(new Date('2026-11-27T09:00:00Z'));
const registration = {
  id: '0d6c1e38-7a0b-4c1e-9b3a-5e1f2a3b4c5d',
  agencyId: 'agency-a',
  registeredBy: 'manager-1',
  code: ' ac-0042 ',
  name: ' Split air conditioner ',
  category: 'hvac' as const,
  location: { building: 'Main Building', floor: '3', room: '301' },
  criticality: 'high' as const,
  acquiredOn: '2024-05-01',
  acquisitionValue: 1_250_000,
  warrantyEndsOn: '2027-05-01',
};

describe('the asset register', () => {
  it('registers an asset with its code upper-cased as on the label and no meter readings', () => {
    expect(registerAsset(registration, clock)).toMatchObject({ code: 'AC-0042', name: 'Split air conditioner', meters: {}, acquisitionValue: 1_250_000, registeredAt: clock.now() });
  });

  it('refuses a warranty ending before the acquisition', () => {
    expect(() => registerAsset({ ...registration, warrantyEndsOn: '2024-04-30' }, clock)).toThrow(BusinessRuleViolation);
  });

  it('keeps meters monotonic: equal or higher readings pass, a lower one is refused naming the last reading', () => {
    const asset = registerAsset(registration, clock);
    const first = recordMeterReading(asset, 'hours', 120, clock);
    const same = recordMeterReading(first, 'hours', 120, clock);
    expect(same.meters.hours).toEqual({ value: 120, readAt: clock.now().toISOString() });
    expect(() => recordMeterReading(same, 'hours', 119.5, clock)).toThrow(/last read 120/);
    // Each kind of meter runs on its own.
    expect(recordMeterReading(same, 'count', 3, clock).meters).toMatchObject({ hours: { value: 120 }, count: { value: 3 } });
    expect(() => recordMeterReading(same, 'count', -1, clock)).toThrow(BusinessRuleViolation);
  });
});
