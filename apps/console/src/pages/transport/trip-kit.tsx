import type { TransportBlockerView, TransportTripView } from '@houqin/api-client';
import { Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Locale, cstDayStart, formatDateTime, formatTime, formatYuan } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { RentalAnswer } from './rental';

export const VEHICLE_TYPES = ['sedan', 'suv', 'minibus', 'bus', 'van', 'truck'] as const;
export const PASSENGER_RANKS = ['staff', 'section', 'division', 'bureau', 'ministry'] as const;

const TRIP_COLOURS: Record<TransportTripView['status'], string> = {
  'pending-approval': 'gold',
  approved: 'blue',
  rejected: 'red',
  dispatched: 'geekblue',
  'in-progress': 'orange',
  completed: 'green',
  cancelled: 'default',
  'no-show': 'default',
};

/** A trip's status in words of its own (a trip's 'completed' is not a work order's 待验收). */
export function TripStatusTag({ status }: { status: TransportTripView['status'] }) {
  const { t } = useI18n();
  return <Tag color={TRIP_COLOURS[status]}>{t(`tripStatus.${status}`)}</Tag>;
}

/** Why a vehicle or driver is not offered, translated; the service's own words when the code is new to the console. */
export function blockerText(t: (key: string) => string, blocker: TransportBlockerView): string {
  const key = `blocker.${blocker.code}`;
  const text = t(key);
  return text === key ? blocker.reason : text;
}

export function Blockers({ blockers }: { blockers: TransportBlockerView[] }) {
  const { t } = useI18n();
  return (
    <Space size={[4, 4]} wrap>
      {blockers.map((blocker) => (
        <Tag key={blocker.code} color={blocker.code === 'booked' ? 'red' : 'orange'} title={blocker.reason}>
          {blockerText(t, blocker)}
        </Tag>
      ))}
    </Space>
  );
}

/** 2026年12月8日 10:00–12:00, Beijing time; the return's day too when it is another. */
export function tripWindow(trip: Pick<TransportTripView, 'startsAt' | 'endsAt'>, locale: Locale): string {
  const sameDay = cstDayStart(Date.parse(trip.startsAt)) === cstDayStart(Date.parse(trip.endsAt) - 1);
  return `${formatDateTime(trip.startsAt, locale)} – ${sameDay ? formatTime(trip.endsAt, locale) : formatDateTime(trip.endsAt, locale)}`;
}

export function tripRoute(trip: Pick<TransportTripView, 'origin' | 'destination'>): string {
  return `${trip.origin} → ${trip.destination}`;
}

/** The vehicle and driver, or the rental company, a trip was sent with. */
export function assignmentText(trip: TransportTripView, t: (key: string) => string): string {
  const assignment = trip.assignment;
  if (!assignment) return '—';
  if (assignment.kind === 'rental') return `${t('trip.rental')} · ${assignment.vendorName ?? ''}`;
  return [assignment.plateNumber, assignment.driverName].filter(Boolean).join(' · ');
}

/** The view's start, end and rating records (typed loosely by the API document). */
export interface TripStart {
  at: string;
  odometerKm?: number;
  onTime: boolean;
  lateMinutes: number;
}
export interface TripEnd {
  at: string;
  odometerKm?: number;
  drivenKm: number;
  costFen: number;
  costPerKmFen?: number;
}
export const startOf = (trip: TransportTripView) => trip.start as TripStart | undefined;
export const endOf = (trip: TransportTripView) => trip.end as TripEnd | undefined;
export const ratingOf = (trip: TransportTripView) => trip.rating as { score: number; comment?: string } | undefined;
export const decisionOf = (trip: TransportTripView) => trip.decision as { by: string; at: string; note?: string } | undefined;

/** What a completed trip cost and how it ran: distance, cost, cost per km, punctuality. */
export function TripOutcome({ trip }: { trip: TransportTripView }) {
  const { t, locale } = useI18n();
  const end = endOf(trip);
  const start = startOf(trip);
  if (!end) return null;
  return (
    <Typography.Text type="secondary">
      {t('trip.drivenKm')} {end.drivenKm} · {t('trip.cost')} {formatYuan(end.costFen, locale)}
      {end.costPerKmFen !== undefined ? ` · ${t('trip.costPerKm')} ${formatYuan(end.costPerKmFen, locale)}` : ''}
      {start ? ` · ${start.onTime ? t('trip.onTime') : `${t('trip.late')} ${start.lateMinutes}`}` : ''}
    </Typography.Text>
  );
}

/** A rental trip's answer from its vendor: confirmed (in time or late), waiting until its deadline, overdue or breached. */
export function RentalAnswerTag({ answer }: { answer: RentalAnswer | undefined }) {
  const { t, locale } = useI18n();
  if (!answer) return null;
  const fill = (key: string, minutes: number, dueAt?: string) => t(key).replace('{n}', String(minutes)).replace('{due}', formatDateTime(dueAt, locale));
  switch (answer.state) {
    case 'confirmed':
      return <Tag color={answer.withinSla ? 'green' : 'red'}>{fill(answer.withinSla ? 'rental.confirmedInTime' : 'rental.confirmedLate', answer.responseMinutes)}</Tag>;
    case 'waiting':
      return <Tag color="gold">{fill('rental.waiting', answer.minutesLeft, answer.dueAt)}</Tag>;
    case 'overdue':
      return <Tag color="red">{fill('rental.overdue', answer.minutesOver, answer.dueAt)}</Tag>;
    case 'breached':
      return <Tag color="red">{fill('rental.breached', 0, answer.dueAt)}</Tag>;
  }
}

/** The time now, moved on every `everyMs` so a countdown counts down between reads. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
