import type { TransportTripView } from '@houqin/api-client';
import { awaitsConfirmation, rentalAnswer } from './rental';

const DISPATCHED = '2026-12-07T01:00:00.000Z';
const DUE = '2026-12-07T01:30:00.000Z';
const at = (iso: string) => Date.parse(iso);

function rentalTrip(response: TransportTripView['rentalResponse'], status: TransportTripView['status'] = 'dispatched'): Pick<TransportTripView, 'assignment' | 'rentalResponse' | 'status'> {
  return { status, assignment: { kind: 'rental', contractId: 'c', vendorId: 'v', vendorName: '榕城汽车租赁', dispatchedBy: 'm', dispatchedAt: DISPATCHED }, rentalResponse: response };
}

describe("a rental trip's answer from its vendor", () => {
  it('is waiting, with the whole minutes left, up to and including the deadline', () => {
    const trip = rentalTrip({ targetMinutes: 30, dueAt: DUE });
    expect(rentalAnswer(trip, at('2026-12-07T01:10:30.000Z'))).toEqual({ state: 'waiting', dueAt: DUE, minutesLeft: 19 });
    expect(rentalAnswer(trip, at(DUE))).toEqual({ state: 'waiting', dueAt: DUE, minutesLeft: 0 });
    expect(awaitsConfirmation(trip)).toBe(true);
  });

  it('is overdue after the deadline until the breach is announced, then breached', () => {
    expect(rentalAnswer(rentalTrip({ targetMinutes: 30, dueAt: DUE }), at(DUE) + 1)).toEqual({ state: 'overdue', dueAt: DUE, minutesOver: 1 });
    expect(rentalAnswer(rentalTrip({ targetMinutes: 30, dueAt: DUE, breachedAt: '2026-12-07T01:31:00.000Z' }), at('2026-12-07T02:00:00.000Z'))).toEqual({ state: 'breached', dueAt: DUE, breachedAt: '2026-12-07T01:31:00.000Z' });
  });

  it('is the confirmation once answered, in time or late, and no longer awaits one', () => {
    const confirmation = { plateNumber: '闽AD8866', driverName: '陈师傅', driverPhone: '13905910021', confirmedBy: 'u', at: '2026-12-07T01:40:00.000Z', responseMinutes: 40, withinSla: false };
    const late = rentalTrip({ targetMinutes: 30, dueAt: DUE, confirmation, breachedAt: '2026-12-07T01:31:00.000Z' });
    expect(rentalAnswer(late, at('2026-12-07T03:00:00.000Z'))).toMatchObject({ state: 'confirmed', withinSla: false, responseMinutes: 40, plateNumber: '闽AD8866' });
    expect(awaitsConfirmation(late)).toBe(false);
  });

  it('is nothing for a fleet trip or a rental measured before answers were', () => {
    expect(rentalAnswer({ status: 'dispatched', assignment: { kind: 'fleet', dispatchedBy: 'm', dispatchedAt: DISPATCHED } }, at(DUE))).toBeUndefined();
    expect(rentalAnswer(rentalTrip(undefined), at(DUE))).toBeUndefined();
    expect(awaitsConfirmation(rentalTrip({ targetMinutes: 30, dueAt: DUE }, 'cancelled'))).toBe(false);
  });
});
