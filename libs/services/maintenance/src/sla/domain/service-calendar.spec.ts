import { BusinessRuleViolation } from '@houqin/domain';
import { deadlineOf, atRiskInstantOf, isBreachedAt, pauseSlaClock, remainingMsAt, resumeSlaClock, startSlaClock, stopSlaClock } from './sla-clock';
import { ROUND_THE_CLOCK, addCountedMs, businessHours, countedMsBetween, isWorkingDay } from './service-calendar';

/** China Standard Time, written as the agency reads it. */
const cst = (local: string) => new Date(`${local}+08:00`);
const HOUR = 3_600_000;
// 2026-11-27 is a Friday; 2026-11-30 a Monday.
const office = businessHours('08:30-17:30');

describe('a business-hours calendar', () => {
  it('counts only working hours on working days', () => {
    expect(countedMsBetween(office, cst('2026-11-27T17:00:00'), cst('2026-11-30T09:00:00'))).toBe(HOUR);
    expect(countedMsBetween(office, cst('2026-11-28T10:00:00'), cst('2026-11-29T16:00:00'))).toBe(0);
    expect(countedMsBetween(ROUND_THE_CLOCK, cst('2026-11-28T10:00:00'), cst('2026-11-29T16:00:00'))).toBe(30 * HOUR);
  });

  it('skips public holidays and counts the weekend days worked in exchange (调休)', () => {
    const calendar = businessHours('08:30-17:30', ['2026-11-30'], ['2026-11-28']);
    expect(isWorkingDay(calendar, '2026-11-30')).toBe(false);
    expect(isWorkingDay(calendar, '2026-11-28')).toBe(true);
    expect(isWorkingDay(calendar, '2026-11-29')).toBe(false);
    // Friday 17:00 + 4 h: 30 min on Friday, 3 h 30 on the Saturday worked.
    expect(addCountedMs(calendar, cst('2026-11-27T17:00:00'), 4 * HOUR)).toEqual(cst('2026-11-28T12:00:00'));
  });

  it('places a deadline that runs out as the day closes at the next opening', () => {
    expect(addCountedMs(office, cst('2026-11-27T13:30:00'), 4 * HOUR)).toEqual(cst('2026-11-30T08:30:00'));
    expect(addCountedMs(office, cst('2026-11-27T13:30:00'), 4 * HOUR - 1)).toEqual(cst('2026-11-27T17:29:59.999'));
  });

  it('starts counting at the opening when started outside working hours', () => {
    expect(addCountedMs(office, cst('2026-11-27T20:00:00'), HOUR)).toEqual(cst('2026-11-30T09:30:00'));
    expect(addCountedMs(office, cst('2026-11-30T06:00:00'), 0)).toEqual(cst('2026-11-30T08:30:00'));
  });

  it('refuses badly written hours and dates, naming what is wrong', () => {
    expect(() => businessHours('8:30 to 17:30')).toThrow(BusinessRuleViolation);
    expect(() => businessHours('17:30-08:30')).toThrow(expect.objectContaining({ field: 'hours' }));
    expect(() => businessHours('08:30-17:30', ['2026-13-45'])).toThrow(expect.objectContaining({ field: 'dates' }));
  });
});

describe('an SLA clock on business hours', () => {
  const start = (calendar = office, startedAt = cst('2026-11-27T17:00:00')) =>
    startSlaClock({ workOrderId: 'a1b2c3d4-0000-4000-8000-000000000001', kind: 'resolution', targetMs: 4 * HOUR, startedAt, calendar });

  it('falls due after four working hours: Friday 17:00 → Monday 12:00, at risk at 80 % of them', () => {
    const clock = start();
    expect(deadlineOf(clock)).toEqual(cst('2026-11-30T12:00:00'));
    expect(atRiskInstantOf(clock)).toEqual(cst('2026-11-30T11:12:00'));
    // The weekend costs nothing.
    expect(remainingMsAt(clock, cst('2026-11-29T23:00:00'))).toBe(3.5 * HOUR);
  });

  it('is met when stopped exactly at the deadline and breached one counted millisecond later', () => {
    const clock = start();
    expect(stopSlaClock(clock, cst('2026-11-30T12:00:00')).status).toBe('met');
    expect(stopSlaClock(clock, cst('2026-11-30T12:00:00.001')).status).toBe('breached');
    expect(isBreachedAt(clock, cst('2026-11-30T12:00:00.001'))).toBe(true);
  });

  it('runs out at the close without breaching overnight: breached only once the next day opens', () => {
    const clock = start(office, cst('2026-11-27T13:30:00'));
    expect(deadlineOf(clock)).toEqual(cst('2026-11-30T08:30:00'));
    expect(stopSlaClock(clock, cst('2026-11-28T10:00:00')).status).toBe('met');
    expect(stopSlaClock(clock, cst('2026-11-30T08:30:00.001')).status).toBe('breached');
  });

  it('moves the deadline by the working time spent on hold, not by the night', () => {
    const held = resumeSlaClock(pauseSlaClock(start(), cst('2026-11-30T09:00:00'), 'waiting for the room key'), cst('2026-11-30T10:00:00'));
    expect(deadlineOf(held)).toEqual(cst('2026-11-30T13:00:00'));
    const overnight = resumeSlaClock(pauseSlaClock(start(), cst('2026-11-27T17:30:00'), 'office closed'), cst('2026-11-30T08:30:00'));
    expect(deadlineOf(overnight)).toEqual(cst('2026-11-30T12:00:00'));
  });

  it('is the round-the-clock clock when no calendar is given', () => {
    const clock = startSlaClock({ workOrderId: 'a1b2c3d4-0000-4000-8000-000000000002', kind: 'response', targetMs: 4 * HOUR, startedAt: cst('2026-11-27T17:00:00') });
    expect(clock.calendar).toBeUndefined();
    expect(deadlineOf(clock)).toEqual(cst('2026-11-27T21:00:00'));
  });
});
