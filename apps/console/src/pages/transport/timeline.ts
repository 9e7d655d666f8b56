import type { TransportTripView } from '@houqin/api-client';
import { Locale, cstDayStart, formatTime } from '../../app/format';

/** A half-open span of time [start, end), epoch ms: how the service books a vehicle. */
export interface Span {
  start: number;
  end: number;
}

const DAY_MS = 86_400_000;

/** Statuses that hold a vehicle and a driver (the exclusion constraints' own). */
const HOLDING = ['dispatched', 'in-progress'];

/** The trip's window as a span. */
export function windowOf(trip: Pick<TransportTripView, 'startsAt' | 'endsAt'>): Span {
  return { start: Date.parse(trip.startsAt), end: Date.parse(trip.endsAt) };
}

/** What the dispatcher's timeline covers: the China Standard Time days the trip touches, midnight to midnight. */
export function timelineRange(trip: Pick<TransportTripView, 'startsAt' | 'endsAt'>): Span {
  const window = windowOf(trip);
  return { start: cstDayStart(window.start), end: cstDayStart(window.end - 1) + DAY_MS };
}

/** Back-to-back windows (10:00–11:00 and 11:00–12:00) do not overlap, as in the database. */
export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** A vehicle's booking by another trip, and whether it overlaps the window being dispatched. */
export interface Booking extends Span {
  tripId: string;
  purpose: string;
  vehicleId: string;
  plateNumber: string;
  driverName?: string;
  status: string;
  conflict: boolean;
}

/** The bookings the fleet's vehicles hold besides the candidate trip: dispatched and on-the-road fleet trips. */
export function bookingsAround(trips: TransportTripView[], candidate: Pick<TransportTripView, 'id' | 'startsAt' | 'endsAt'>): Booking[] {
  const window = windowOf(candidate);
  return trips
    .filter((trip) => trip.id !== candidate.id && HOLDING.includes(trip.status) && trip.assignment?.kind === 'fleet' && trip.assignment.vehicleId)
    .map((trip) => {
      const span = windowOf(trip);
      return {
        ...span,
        tripId: trip.id,
        purpose: trip.purpose,
        vehicleId: trip.assignment!.vehicleId!,
        plateNumber: trip.assignment!.plateNumber ?? '',
        ...(trip.assignment!.driverName ? { driverName: trip.assignment!.driverName } : {}),
        status: trip.status,
        conflict: overlaps(span, window),
      };
    })
    .sort((a, b) => a.start - b.start);
}

export interface TimelineRow {
  vehicleId: string;
  plateNumber: string;
}

/** One bar of the timeline: the row's index, the span clipped to the range, and what it is. */
export interface TimelineBar {
  value: [row: number, start: number, end: number];
  booking: Booking;
}

/** The bars of the bookings of the rows' vehicles, clipped to the range; bookings outside it are left out. */
export function timelineBars(rows: TimelineRow[], bookings: Booking[], range: Span): TimelineBar[] {
  const index = new Map(rows.map((row, position) => [row.vehicleId, position]));
  return bookings
    .filter((booking) => index.has(booking.vehicleId) && overlaps(booking, range))
    .map((booking) => ({ value: [index.get(booking.vehicleId)!, Math.max(booking.start, range.start), Math.min(booking.end, range.end)], booking }));
}

/** 09:00–11:30 in China Standard Time. */
export function formatSpan(span: Span, locale: Locale): string {
  return `${formatTime(span.start, locale)}–${formatTime(span.end, locale)}`;
}

/**
 * The timeline in words, for its aria description (and the browser test): the window, then each
 * vehicle's bookings, those that overlap the window named as conflicts, or that it is free.
 */
export function describeTimeline(rows: TimelineRow[], bookings: Booking[], window: Span, locale: Locale, t: (key: string) => string): string {
  const separator = locale === 'en' ? '; ' : '；';
  const parts = rows.map((row) => {
    const own = bookings.filter((booking) => booking.vehicleId === row.vehicleId);
    if (own.length === 0) return `${row.plateNumber}: ${t('dispatch.free')}`;
    return `${row.plateNumber}: ${own.map((booking) => `${formatSpan(booking, locale)} ${booking.purpose}${booking.conflict ? ` (${t('dispatch.overlaps')})` : ''}`).join(', ')}`;
  });
  return [`${t('dispatch.thisTrip')} ${formatSpan(window, locale)}`, ...parts].join(separator);
}

/** The trip a 409 duplicate-booking names: "vehicle … is already booked for trip <id> from <instant> to <instant>". */
export function conflictingTrip(detail: string | undefined): { tripId: string; span?: Span } | undefined {
  const match = /booked for trip ([0-9a-f-]{36})(?: from (\S+) to (\S+))?/i.exec(detail ?? '');
  if (!match) return undefined;
  const [, tripId, from, to] = match;
  const span = from && to ? { start: Date.parse(from), end: Date.parse(to) } : undefined;
  return { tripId: tripId!, ...(span && !Number.isNaN(span.start) && !Number.isNaN(span.end) ? { span } : {}) };
}
