import { BusinessRuleViolation } from '@houqin/domain';
import {
  ServiceSchedule,
  addMonths,
  announceServiceDue,
  dueReason,
  planServiceSchedule,
  scheduleAfterService,
  serviceDueOnReading,
  serviceDueReason,
} from './service-schedule';

const registration = { odometerKm: 48_210, on: '2026-11-27' };
const announcedAt = new Date('2027-03-02T01:00:00Z');

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('planning the next service', () => {
  it('is due one distance interval after the odometer the interval counts from', () => {
    expect(planServiceSchedule({ intervalKm: 10_000 }, registration)).toEqual({ intervalKm: 10_000, dueAtKm: 58_210 });
  });

  it('is due the same day some months after the day the interval counts from', () => {
    expect(planServiceSchedule({ intervalMonths: 6 }, registration)).toEqual({ intervalMonths: 6, dueOn: '2027-05-27' });
  });

  it('with both intervals, is due by whichever comes first', () => {
    expect(planServiceSchedule({ intervalKm: 5_000, intervalMonths: 12 }, registration)).toEqual({ intervalKm: 5_000, dueAtKm: 53_210, intervalMonths: 12, dueOn: '2027-11-27' });
  });

  it('takes an explicit due point instead of the computed one, even one already behind the vehicle', () => {
    expect(planServiceSchedule({ intervalKm: 10_000, dueAtKm: 50_000, intervalMonths: 6, dueOn: '2026-12-15' }, registration)).toEqual({
      intervalKm: 10_000,
      dueAtKm: 50_000,
      intervalMonths: 6,
      dueOn: '2026-12-15',
    });
    expect(planServiceSchedule({ intervalKm: 10_000, dueAtKm: 40_000 }, registration).dueAtKm).toBe(40_000);
  });

  it('needs at least one interval, naming intervalKm', () => {
    const error = thrown(() => planServiceSchedule({}, registration));
    expect(error).toBeInstanceOf(BusinessRuleViolation);
    expect(error).toMatchObject({ code: 'service-interval-required', field: 'intervalKm' });
  });

  it.each([
    [{ intervalKm: 0 }, 'intervalKm'],
    [{ intervalKm: 2.5 }, 'intervalKm'],
    [{ intervalKm: 100_001 }, 'intervalKm'],
    [{ intervalMonths: 0 }, 'intervalMonths'],
    [{ intervalMonths: 61 }, 'intervalMonths'],
    [{ intervalMonths: 6, dueAtKm: 50_000 }, 'dueAtKm'],
    [{ intervalKm: 10_000, dueOn: '2027-01-01' }, 'dueOn'],
    [{ intervalKm: 10_000, dueAtKm: -1 }, 'dueAtKm'],
    [{ intervalMonths: 6, dueOn: '2027-02-30' }, 'dueOn'],
  ])('refuses %p, naming %s', (request, field) => {
    expect(thrown(() => planServiceSchedule(request, registration))).toMatchObject({ field });
  });

  it('keeps the announcement of an occurrence whose due point does not move, so setting it again announces nothing', () => {
    const announced: ServiceSchedule = { intervalKm: 10_000, dueAtKm: 58_210, dueAnnouncedAt: announcedAt };
    expect(planServiceSchedule({ intervalKm: 10_000 }, registration, announced)).toEqual(announced);
  });

  it('starts a new occurrence when the due point moves', () => {
    const announced: ServiceSchedule = { intervalKm: 10_000, dueAtKm: 58_210, dueAnnouncedAt: announcedAt };
    expect(planServiceSchedule({ intervalKm: 15_000 }, registration, announced)).toEqual({ intervalKm: 15_000, dueAtKm: 63_210 });
    expect(planServiceSchedule({ intervalKm: 10_000, intervalMonths: 6 }, registration, announced).dueAnnouncedAt).toBeUndefined();
  });
});

describe('counting months', () => {
  it.each([
    ['2026-11-27', 6, '2027-05-27'],
    ['2027-01-31', 1, '2027-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-08-31', 3, '2026-11-30'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-03-10', 24, '2028-03-10'],
  ])('%s plus %i months is %s', (day, months, expected) => {
    expect(addMonths(day, months)).toBe(expected);
  });
});

describe('detecting a due service', () => {
  const schedule: ServiceSchedule = { intervalKm: 10_000, dueAtKm: 58_210, intervalMonths: 6, dueOn: '2027-05-27' };

  it('is not due before the due kilometres and the due day', () => {
    expect(serviceDueReason(schedule, { odometerKm: 58_209, today: '2027-05-26' })).toBeUndefined();
  });

  it('is due by distance from the due kilometres on, the reading that reaches them included', () => {
    expect(serviceDueReason(schedule, { odometerKm: 58_210, today: '2027-01-01' })).toBe('distance');
    expect(serviceDueReason(schedule, { odometerKm: 61_000, today: '2027-01-01' })).toBe('distance');
  });

  it('is due by date from the due day on', () => {
    expect(serviceDueReason(schedule, { odometerKm: 50_000, today: '2027-05-27' })).toBe('date');
    expect(serviceDueReason(schedule, { odometerKm: 50_000, today: '2027-06-30' })).toBe('date');
  });

  it('is one occurrence when both fall due together', () => {
    expect(serviceDueReason(schedule, { odometerKm: 60_000, today: '2027-06-01' })).toBe('distance-and-date');
  });

  it('is never due again once announced', () => {
    expect(serviceDueReason({ ...schedule, dueAnnouncedAt: announcedAt }, { odometerKm: 90_000, today: '2029-01-01' })).toBeUndefined();
  });

  it('is never due without a schedule', () => {
    expect(serviceDueReason(undefined, { odometerKm: 90_000, today: '2029-01-01' })).toBeUndefined();
  });

  it('names the reason from what fell due', () => {
    expect([dueReason(true, false), dueReason(false, true), dueReason(true, true), dueReason(false, false)]).toEqual(['distance', 'date', 'distance-and-date', undefined]);
  });
});

describe('a reading crossing the due kilometres', () => {
  const schedule: ServiceSchedule = { intervalKm: 10_000, dueAtKm: 58_210, intervalMonths: 6, dueOn: '2027-05-27' };

  it('announces the occurrence when it reaches the due kilometres', () => {
    expect(serviceDueOnReading(schedule, { odometerKm: 58_300, today: '2027-01-01' })).toBe('distance');
  });

  it('says both when the due day has come as well', () => {
    expect(serviceDueOnReading(schedule, { odometerKm: 58_300, today: '2027-05-27' })).toBe('distance-and-date');
  });

  it('leaves a service due by date alone to the sweep', () => {
    expect(serviceDueOnReading(schedule, { odometerKm: 50_000, today: '2027-06-01' })).toBeUndefined();
  });

  it('announces nothing for a reading short of the due kilometres, or beyond them once announced', () => {
    expect(serviceDueOnReading(schedule, { odometerKm: 58_209, today: '2027-01-01' })).toBeUndefined();
    const { schedule: announced } = announceServiceDue(schedule, 'distance', 58_300, announcedAt);
    expect(serviceDueOnReading(announced, { odometerKm: 70_000, today: '2027-01-01' })).toBeUndefined();
  });

  it('marks the occurrence announced and gives the notice its due point and intervals', () => {
    expect(announceServiceDue(schedule, 'distance', 58_300, announcedAt)).toEqual({
      schedule: { ...schedule, dueAnnouncedAt: announcedAt },
      notice: { reason: 'distance', odometerKm: 58_300, dueAtKm: 58_210, dueOn: '2027-05-27', intervalKm: 10_000, intervalMonths: 6, detectedAt: announcedAt },
    });
  });
});

describe('advancing after a service', () => {
  it('makes the next service due one interval after the odometer and the day of the return, not yet announced', () => {
    const announced: ServiceSchedule = { intervalKm: 10_000, dueAtKm: 58_210, intervalMonths: 6, dueOn: '2027-05-27', dueAnnouncedAt: announcedAt };
    expect(scheduleAfterService(announced, { odometerKm: 58_900, on: '2027-03-05' })).toEqual({ intervalKm: 10_000, dueAtKm: 68_900, intervalMonths: 6, dueOn: '2027-09-05' });
  });

  it('keeps a distance-only or date-only schedule so', () => {
    expect(scheduleAfterService({ intervalKm: 7_500, dueAtKm: 55_710 }, { odometerKm: 56_000, on: '2027-03-05' })).toEqual({ intervalKm: 7_500, dueAtKm: 63_500 });
    expect(scheduleAfterService({ intervalMonths: 12, dueOn: '2027-11-27' }, { odometerKm: 56_000, on: '2027-01-31' })).toEqual({ intervalMonths: 12, dueOn: '2028-01-31' });
  });

  it('has nothing to advance without a schedule', () => {
    expect(scheduleAfterService(undefined, { odometerKm: 56_000, on: '2027-03-05' })).toBeUndefined();
  });
});
