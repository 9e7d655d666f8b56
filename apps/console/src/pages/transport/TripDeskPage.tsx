import type { TransportTripView } from '@houqin/api-client';
import { Button, Space, Table, Tabs, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../../app/i18n';
import { useLive } from '../../app/live';
import { PersonName, usePeopleNames } from '../../app/people';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/use-load';
import { LoadState } from '../common';
import { TextCommand } from '../more/kit';
import { DispatchPanel } from './DispatchPanel';
import { rentalAnswer } from './rental';
import { RentalEndDialog, RentalTripActions } from './RentalEnd';
import { RentalAnswerTag, TripStatusTag, assignmentText, tripRoute, tripWindow, useNow } from './trip-kit';

/**
 * 用车审批与派车: the requests waiting for an approver (never the caller's own), the approved trips
 * to dispatch on the vehicles' timeline, and the trips out on the road.
 */
export function TripDeskPage() {
  const { t, locale } = useI18n();
  const { client, caller, may } = useSession();
  const { tick } = useLive();
  const [params, setParams] = useSearchParams();
  const dispatches = may('transport', 'dispatchDispatchTrip');
  const tab = params.get('tab') ?? 'pending';
  const selected = params.get('trip');
  const trips = useLoad(() => client.transport.tripsList({ limit: 500 }), [client, tick]);
  const names = usePeopleNames((trips.data ?? []).map((trip) => trip.requestedBy));
  const now = useNow();
  const [ending, setEnding] = useState<string>();

  if (selected && dispatches) return <DispatchPanel tripId={selected} onClose={(next) => setParams({ tab: next ?? 'dispatch' })} />;

  const common = [
    { title: t('trip.purpose'), dataIndex: 'purpose' },
    { title: t('trip.requester'), dataIndex: 'requestedBy', render: (value: string) => <PersonName id={value} names={names} /> },
    { title: t('trip.window'), render: (_: unknown, row: TransportTripView) => tripWindow(row, locale) },
    { title: t('trip.route'), render: (_: unknown, row: TransportTripView) => `${tripRoute(row)} · ${row.distanceKm} km` },
    { title: t('trip.passengers'), render: (_: unknown, row: TransportTripView) => `${row.passengers} · ${t(`rank.${row.passengerRank}`)}${row.vehicleType ? ` · ${t(`vehicleType.${row.vehicleType}`)}` : ''}` },
  ];
  const of = (statuses: Array<TransportTripView['status']>) => (trips.data ?? []).filter((trip) => statuses.includes(trip.status)).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const table = (rows: TransportTripView[], extra: Array<{ title: string; render: (_: unknown, row: TransportTripView) => ReactNode }>) => (
    <LoadState loaded={trips} empty={() => rows.length === 0}>
      {() => <Table rowKey="id" size="small" scroll={{ x: true }} dataSource={rows} columns={[...common, ...extra]} />}
    </LoadState>
  );
  const pending = of(['pending-approval']);
  const approved = of(['approved']);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('desk.title')}</Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key })}
        items={[
          {
            key: 'pending',
            label: `${t('desk.pending')} (${trips.data ? pending.length : '…'})`,
            children: table(pending, [
              { title: t('trip.approvalReasons'), render: (_, row) => row.approvalReasons.map((reason) => <Tag key={reason}>{t(`approvalReason.${reason}`)}</Tag>) },
              {
                title: t('common.actions'),
                render: (_, row) =>
                  // The requester never approves their own trip (the API refuses it too).
                  row.requestedBy === caller?.userId ? (
                    <Typography.Text type="secondary">{t('trip.ownTrip')}</Typography.Text>
                  ) : (
                    <Space wrap>
                      {may('transport', 'tripsApprove') && <TextCommand label={t('action.approve')} prompt={t('desk.approveNote')} run={(note) => client.transport.tripsApprove({ id: row.id, body: note ? { note } : {} })} onDone={trips.reload} />}
                      {may('transport', 'tripsReject') && <TextCommand danger required label={t('action.reject')} prompt={t('desk.rejectNote')} run={(note) => client.transport.tripsReject({ id: row.id, body: { note } })} onDone={trips.reload} />}
                    </Space>
                  ),
              },
            ]),
          },
          ...(dispatches
            ? [
                {
                  key: 'dispatch',
                  label: `${t('desk.toDispatch')} (${trips.data ? approved.length : '…'})`,
                  children: table(approved, [
                    {
                      title: t('common.actions'),
                      render: (_, row) => (
                        <Button type="primary" size="small" onClick={() => setParams({ tab: 'dispatch', trip: row.id })}>
                          {t('desk.dispatch')}
                        </Button>
                      ),
                    },
                  ]),
                },
              ]
            : []),
          {
            key: 'road',
            label: t('desk.onTheRoad'),
            children: table(of(['dispatched', 'in-progress']), [
              { title: t('common.status'), render: (_, row) => <TripStatusTag status={row.status} /> },
              {
                title: t('trip.assignment'),
                render: (_, row) => (
                  // A rental trip: the rental company's answer (confirmed, waiting until, breached) beside it.
                  <Space direction="vertical" size={2}>
                    {assignmentText(row, t)}
                    <RentalAnswerTag answer={rentalAnswer(row, now)} />
                  </Space>
                ),
              },
              { title: t('common.actions'), render: (_, row) => <RentalTripActions trip={row} onDone={trips.reload} onEnd={() => setEnding(row.id)} /> },
            ]),
          },
        ]}
      />
      <RentalEndDialog trip={trips.data?.find((trip) => trip.id === ending)} onClose={() => setEnding(undefined)} onDone={trips.reload} />
    </Space>
  );
}
