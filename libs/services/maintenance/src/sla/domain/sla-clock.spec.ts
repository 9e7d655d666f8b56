import { BusinessRuleViolation, FixedClock, IllegalTransitionError } from '@houqin/domain';
import {
  SlaClock,
  SlaClockStatus,
  SlaTerms,
  atRiskInstantOf,
  cancelSlaClock,
  deadlineOf,
  isAtRiskAt,
  isBreachedAt,
  pauseSlaClock,
  remainingMsAt,
  resumeSlaClock,
  startSlaClock,
  stopSlaClock,
  targetsFor,
} from './sla-clock';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const hours = (responseHours: number, resolutionHours: number) => ({ responseHours, resolutionHours });
const maintenanceTerms: SlaTerms = {
  serviceType: 'maintenance',
  priorities: { urgent: hours(1, 4), high: hours(4, 24), normal: hours(24, 72), low: hours(72, 240) },
};

describe('SLA clock', () => {
  let clock: FixedClock;
  let sla: SlaClock;

  beforeEach(() => {
    clock = new FixedClock(new Date('2026-12-01T01:00:00.000Z'));
    sla = startSlaClock({ workOrderId: 'wo-1', kind: 'resolution', targetMs: 4 * HOUR, startedAt: clock.now() });
  });

  it('takes the response and resolution targets for the priority from the contract SLA terms', () => {
    expect(targetsFor(maintenanceTerms, 'urgent')).toEqual({ responseMs: 1 * HOUR, resolutionMs: 4 * HOUR });
    expect(targetsFor(maintenanceTerms, 'low')).toEqual({ responseMs: 72 * HOUR, resolutionMs: 240 * HOUR });
  });

  it('refuses targets from the SLA terms of a contract that is not for maintenance', () => {
    expect(() => targetsFor({ serviceType: 'cleaning' }, 'high')).toThrow(BusinessRuleViolation);
  });

  it('falls due at the start plus the target while it runs without pause', () => {
    expect(sla.status).toBe('running');
    expect(deadlineOf(sla)).toEqual(new Date('2026-12-01T05:00:00.000Z'));
    clock.advance(HOUR);
    expect(remainingMsAt(sla, clock.now())).toBe(3 * HOUR);
  });

  it('is at risk once 80 % of the target has run, by default', () => {
    expect(atRiskInstantOf(sla)).toEqual(new Date('2026-12-01T04:12:00.000Z'));
    clock.set(new Date('2026-12-01T04:11:59.999Z'));
    expect(isAtRiskAt(sla, clock.now())).toBe(false);
    clock.advance(1);
    expect(isAtRiskAt(sla, clock.now())).toBe(true);
  });

  it('takes another at-risk fraction when given one', () => {
    const half = startSlaClock({ workOrderId: 'wo-1', kind: 'response', targetMs: HOUR, startedAt: clock.now(), atRiskFraction: 0.5 });
    expect(atRiskInstantOf(half)).toEqual(new Date('2026-12-01T01:30:00.000Z'));
    expect(() => startSlaClock({ workOrderId: 'wo-1', kind: 'response', targetMs: HOUR, startedAt: clock.now(), atRiskFraction: 1 })).toThrow(BusinessRuleViolation);
    expect(() => startSlaClock({ workOrderId: 'wo-1', kind: 'response', targetMs: 0, startedAt: clock.now() })).toThrow(BusinessRuleViolation);
  });

  it('is met when stopped exactly at the deadline and breached one millisecond later', () => {
    const deadline = deadlineOf(sla)!;
    expect(isBreachedAt(sla, deadline)).toBe(false);
    expect(remainingMsAt(sla, deadline)).toBe(0);
    expect(stopSlaClock(sla, deadline)).toMatchObject({ status: 'met', stoppedAt: deadline });
    const late = new Date(deadline.getTime() + 1);
    expect(isBreachedAt(sla, late)).toBe(true);
    expect(stopSlaClock(sla, late)).toMatchObject({ status: 'breached' });
  });

  it('stops counting while paused and moves the deadline and the at-risk instant by the pause', () => {
    clock.advance(HOUR);
    sla = pauseSlaClock(sla, clock.now(), 'Waiting for the requester to open the archive room');
    expect(deadlineOf(sla)).toBeUndefined();
    expect(atRiskInstantOf(sla)).toBeUndefined();
    clock.advance(10 * HOUR);
    expect(remainingMsAt(sla, clock.now())).toBe(3 * HOUR);
    expect(isBreachedAt(sla, clock.now())).toBe(false);
    sla = resumeSlaClock(sla, clock.now());
    expect(sla.pauses).toEqual([{ from: new Date('2026-12-01T02:00:00.000Z'), to: new Date('2026-12-01T12:00:00.000Z'), reason: 'Waiting for the requester to open the archive room' }]);
    expect(deadlineOf(sla)).toEqual(new Date('2026-12-01T15:00:00.000Z'));
    expect(atRiskInstantOf(sla)).toEqual(new Date('2026-12-01T14:12:00.000Z'));
    clock.advance(3 * HOUR);
    expect(remainingMsAt(sla, clock.now())).toBe(0);
    expect(stopSlaClock(sla, clock.now()).status).toBe('met');
  });

  it('adds up several pauses', () => {
    for (let index = 0; index < 3; index += 1) {
      clock.advance(30 * MINUTE);
      sla = pauseSlaClock(sla, clock.now(), 'Waiting on the requester');
      clock.advance(2 * HOUR);
      sla = resumeSlaClock(sla, clock.now());
    }
    expect(deadlineOf(sla)).toEqual(new Date('2026-12-01T11:00:00.000Z'));
    expect(remainingMsAt(sla, clock.now())).toBe(4 * HOUR - 90 * MINUTE);
  });

  it('refuses to pause a paused clock or resume a running one, naming the state', () => {
    expect(() => resumeSlaClock(sla, clock.now())).toThrow(new IllegalTransitionError('the resolution SLA clock of work order wo-1', 'running', 'resume'));
    sla = pauseSlaClock(sla, clock.now(), 'Waiting on the requester');
    expect(() => pauseSlaClock(sla, clock.now(), 'again')).toThrow(/is paused; cannot pause/);
  });

  it('stopped while paused, counts only the running time', () => {
    clock.advance(3 * HOUR);
    sla = pauseSlaClock(sla, clock.now(), 'Waiting on the requester');
    clock.advance(5 * HOUR);
    const stopped = stopSlaClock(sla, clock.now());
    expect(stopped).toMatchObject({ status: 'met', stoppedAt: clock.now() });
    expect(remainingMsAt(stopped, new Date('2027-01-01T00:00:00.000Z'))).toBe(HOUR);
  });

  it('cannot change once stopped or cancelled', () => {
    const met = stopSlaClock(sla, clock.now());
    expect(() => pauseSlaClock(met, clock.now(), 'late')).toThrow(/is met; cannot pause/);
    expect(() => stopSlaClock(met, clock.now())).toThrow(/is met; cannot stop/);
    const cancelled = cancelSlaClock(sla, clock.now());
    expect(cancelled.status).toBe('cancelled');
    expect(isBreachedAt(cancelled, new Date('2027-01-01T00:00:00.000Z'))).toBe(false);
    expect(() => resumeSlaClock(cancelled, clock.now())).toThrow(/is cancelled; cannot resume/);
  });

  it('refuses changes dated before the last change', () => {
    clock.advance(HOUR);
    sla = pauseSlaClock(sla, clock.now(), 'Waiting on the requester');
    expect(() => resumeSlaClock(sla, new Date(clock.now().getTime() - 1))).toThrow(BusinessRuleViolation);
    expect(() => pauseSlaClock(startSlaClock({ workOrderId: 'wo-2', kind: 'response', targetMs: HOUR, startedAt: clock.now() }), new Date(0), 'x')).toThrow(BusinessRuleViolation);
  });
});

/*
 * The whole state × action table of an SLA clock, written out from the business: a running clock
 * pauses while the work waits on the requester and resumes; it stops when the response came or the
 * work was resolved — met in time (here, well before the deadline) — or is cancelled with its work
 * order; a stopped or cancelled clock is final. '409' is an illegal transition naming the state.
 */
type SlaAction = 'pause' | 'resume' | 'stop' | 'cancel';
const SLA_TABLE: Record<SlaClockStatus, Record<SlaAction, SlaClockStatus | '409'>> = {
  running: { pause: 'paused', resume: '409', stop: 'met', cancel: 'cancelled' },
  paused: { pause: '409', resume: 'running', stop: 'met', cancel: 'cancelled' },
  met: { pause: '409', resume: '409', stop: '409', cancel: '409' },
  breached: { pause: '409', resume: '409', stop: '409', cancel: '409' },
  cancelled: { pause: '409', resume: '409', stop: '409', cancel: '409' },
};

describe('the SLA clock state × action table', () => {
  const startedAt = new Date('2026-11-27T09:00:00Z');
  const later = new Date(startedAt.getTime() + 30 * MINUTE);
  const perform: Record<SlaAction, (sla: SlaClock) => SlaClock> = {
    pause: (sla) => pauseSlaClock(sla, later, 'waiting for access to the room'),
    resume: (sla) => resumeSlaClock(sla, later),
    stop: (sla) => stopSlaClock(sla, later),
    cancel: (sla) => cancelSlaClock(sla, later),
  };
  const inState = (status: SlaClockStatus): SlaClock => {
    const running = startSlaClock({ workOrderId: 'wo-1', kind: 'resolution', targetMs: 24 * HOUR, startedAt });
    return status === 'paused' ? pauseSlaClock(running, new Date(startedAt.getTime() + 10 * MINUTE), 'waiting') : { ...running, status };
  };
  const cells = (Object.keys(SLA_TABLE) as SlaClockStatus[]).flatMap((state) => (Object.keys(perform) as SlaAction[]).map((action) => [state, action, SLA_TABLE[state][action]] as const));

  it.each(cells)('%s, %s → %s', (state, action, expected) => {
    if (expected === '409') {
      expect(() => perform[action](inState(state))).toThrow(expect.objectContaining({ constructor: IllegalTransitionError, currentState: state }));
    } else {
      expect(perform[action](inState(state)).status).toBe(expected);
    }
  });
});
