import { ProblemError, TransportDriverView, TransportTripView } from '@houqin/api-client';
import { Alert, App, Button, Card, Col, Descriptions, Form, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { CustomSeriesRenderItem, EChartsOption } from 'echarts';
import { useMemo, useRef, useState } from 'react';
import { Chart } from '../../app/Chart';
import { formatDate, formatNumber, formatTime, formatYuan } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useLive } from '../../app/live';
import { useSession } from '../../app/session';
import { useSubmit } from '../../app/use-submit';
import { useLoad } from '../../app/use-load';
import { LoadState } from '../common';
import { CommandButton } from '../more/kit';
import { Blockers, TripStatusTag, assignmentText, tripRoute, tripWindow } from './trip-kit';
import { Booking, Span, TimelineRow, bookingsAround, conflictingTrip, describeTimeline, formatSpan, timelineBars, timelineRange, windowOf } from './timeline';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const COLOURS = { booked: '#64748b', conflict: '#dc2626', candidate: 'rgba(29, 78, 216, 0.55)', window: 'rgba(29, 78, 216, 0.10)' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** One bar per data item: [row, start, end] on the category (row) and time (ms) axes; `outlined` for the trip being dispatched. */
function bars(outlined: boolean): CustomSeriesRenderItem {
  return (_params, api) => {
    const row = Number(api.value(0));
    const [x0 = 0, y = 0] = api.coord([Number(api.value(1)), row]);
    const [x1 = 0] = api.coord([Number(api.value(2)), row]);
    const band = (api.size?.([0, 1]) as number[] | undefined)?.[1] ?? 24;
    const height = band * (outlined ? 0.7 : 0.5);
    return {
      type: 'rect',
      shape: { x: x0, y: y - height / 2, width: Math.max(x1 - x0, 2), height, r: 3 },
      style: { fill: api.visual('color') as string, ...(outlined ? { stroke: '#1d4ed8', lineWidth: 2, lineDash: [4, 3] } : {}) },
    };
  };
}

/**
 * The vehicles' day (车辆时间轴): each vehicle a row, its bookings by other trips as bars (red where
 * they overlap the trip being dispatched), the trip's window a band across every row, and the trip
 * itself as an outlined bar in the chosen (or, once dispatched, its) vehicle's row — so a conflict is
 * seen before it is refused.
 */
function Timeline({ trip, rows, bookings, chosen }: { trip: TransportTripView; rows: TimelineRow[]; bookings: Booking[]; chosen: string | undefined }) {
  const { t, locale } = useI18n();
  const range = timelineRange(trip);
  const window = windowOf(trip);
  const drawn = timelineBars(rows, bookings, range);
  const chosenRow = rows.findIndex((row) => row.vehicleId === chosen);
  const days = (range.end - range.start) / DAY_MS;
  const option: EChartsOption = {
    tooltip: {
      formatter: (params: unknown) => {
        const { seriesIndex, dataIndex } = params as { seriesIndex: number; dataIndex: number };
        if (seriesIndex === 1) return `${escapeHtml(t('dispatch.thisTrip'))}: ${formatSpan(window, locale)}`;
        const booking = drawn[dataIndex]?.booking;
        if (!booking) return '';
        return [`${escapeHtml(booking.plateNumber)} · ${formatSpan(booking, locale)}`, escapeHtml(booking.purpose), booking.driverName ? escapeHtml(booking.driverName) : '', booking.conflict ? `<b style="color:${COLOURS.conflict}">${escapeHtml(t('dispatch.overlaps'))}</b>` : '']
          .filter(Boolean)
          .join('<br/>');
      },
    },
    grid: { left: 8, right: 24, top: 28, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      min: range.start,
      max: range.end,
      interval: (days > 1 ? 6 : 2) * HOUR_MS,
      axisLabel: { formatter: (value: number) => (days > 1 && (value - range.start) % DAY_MS === 0 ? formatDate(new Date(value).toISOString(), locale) : formatTime(value, locale)), hideOverlap: true },
      splitLine: { show: true, lineStyle: { type: 'dashed' } },
    },
    yAxis: { type: 'category', inverse: true, data: rows.map((row) => row.plateNumber), axisTick: { show: false } },
    series: [
      {
        type: 'custom',
        name: t('dispatch.booked'),
        z: 3,
        renderItem: bars(false),
        encode: { x: [1, 2], y: 0 },
        data: drawn.map((bar) => ({ value: bar.value, itemStyle: { color: bar.booking.conflict ? COLOURS.conflict : COLOURS.booked } })),
        markArea: {
          silent: true,
          itemStyle: { color: COLOURS.window },
          label: { show: true, position: 'top', formatter: t('dispatch.thisTrip'), color: '#1d4ed8' },
          data: [[{ xAxis: window.start }, { xAxis: window.end }]],
        },
      },
      {
        type: 'custom',
        name: t('dispatch.thisTrip'),
        // Under the bookings: where one overlaps the trip it shows red inside the trip's outline.
        z: 2,
        renderItem: bars(true),
        encode: { x: [1, 2], y: 0 },
        data: chosenRow >= 0 ? [{ value: [chosenRow, window.start, window.end], itemStyle: { color: COLOURS.candidate } }] : [],
      },
    ],
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Chart testId="dispatch-timeline" label={t('dispatch.timeline')} description={describeTimeline(rows, bookings, window, locale, t)} height={Math.max(160, rows.length * 40 + 56)} option={option} />
      <Space wrap size={4}>
        <Tag color="blue">{t('dispatch.thisTrip')}</Tag>
        <Tag color="default">{t('dispatch.booked')}</Tag>
        <Tag color="red">{t('dispatch.overlaps')}</Tag>
      </Space>
    </Space>
  );
}

/** A 409 duplicate-booking: the trip that holds the vehicle or driver, read and named. */
function ConflictingTrip({ tripId, span }: { tripId: string; span?: Span }) {
  const { t, locale } = useI18n();
  const { client } = useSession();
  const holder = useLoad(() => client.transport.tripsGet({ id: tripId }), [client, tripId]);
  const trip = holder.data;
  return (
    <Typography.Text data-testid="conflicting-trip">
      {t('dispatch.conflictTrip')}: {trip ? `「${trip.purpose}」 ${tripWindow(trip, locale)} · ${assignmentText(trip, t)}` : span ? formatSpan(span, locale) : ''} ({tripId})
    </Typography.Text>
  );
}

/**
 * 派车 for one approved trip: the vehicles that fit (best first) with their free drivers, the rest
 * with why they are not offered, the rental contracts, and the vehicles' day on a timeline. The
 * options are read when the panel opens (and after a refusal); the timeline follows the live stream.
 */
export function DispatchPanel({ tripId, onClose }: { tripId: string; onClose(tab?: string): void }) {
  const { t, locale } = useI18n();
  const { client } = useSession();
  const { tick } = useLive();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ vehicleId?: string; driverId?: string }>();
  const [conflict, setConflict] = useState<{ tripId: string; span?: Span }>();
  const trip = useLoad(() => client.transport.tripsGet({ id: tripId }), [client, tripId, tick]);
  const options = useLoad(() => client.transport.dispatchOptions({ id: tripId }), [client, tripId]);
  const range = trip.data ? timelineRange(trip.data) : undefined;
  const around = useLoad(
    async () => (range ? client.transport.tripsList({ from: new Date(range.start).toISOString(), to: new Date(range.end).toISOString(), limit: 500 }) : []),
    [client, range?.start, range?.end, tick],
  );
  // The contracts' standing: a vendor evaluation warned (警告) is still offered, the dispatcher is told.
  const standing = useLoad(async () => new Set((await client.transport.rentalsList()).filter((contract) => contract.warned).map((contract) => contract.contractId)), [client]);
  const vehicleId = Form.useWatch('vehicleId', form);
  // Every driver an option named, so a choice that is no longer offered still shows by name.
  const driverNames = useRef(new Map<string, TransportDriverView>());
  for (const option of options.data?.vehicles ?? []) for (const driver of option.drivers) driverNames.current.set(driver.id, driver);

  const rows: TimelineRow[] = useMemo(
    () => [...(options.data?.vehicles ?? []).map((option) => option.vehicle), ...(options.data?.notOffered ?? []).map((option) => option.vehicle)].map((vehicle) => ({ vehicleId: vehicle.id, plateNumber: vehicle.plateNumber })),
    [options.data],
  );
  const bookings = trip.data && around.data ? bookingsAround(around.data, trip.data) : [];
  const offered = options.data?.vehicles ?? [];
  const chosen = offered.find((option) => option.vehicle.id === vehicleId);
  const stale = vehicleId && !chosen ? [...(options.data?.notOffered ?? [])].find((option) => option.vehicle.id === vehicleId) : undefined;
  const driverChoices = chosen ? chosen.drivers : [...driverNames.current.values()].filter((driver) => driver.id === form.getFieldValue('driverId'));

  const done = (text: string) => {
    message.success(text);
    onClose('road');
  };
  const { busy, failure, submit: dispatch } = useSubmit(
    form,
    async (values: { vehicleId?: string; driverId?: string }) => {
      setConflict(undefined);
      await client.transport.dispatchDispatchTrip({ id: tripId, body: { vehicleId: values.vehicleId!, driverId: values.driverId! } });
      done(t('dispatch.done'));
    },
    (error) => {
      // A double booking (PostgreSQL's exclusion constraint): name the trip that holds it, show it on
      // the timeline, and offer what is still free.
      if (error instanceof ProblemError && error.status === 409 && error.problem.type.endsWith('duplicate-booking')) {
        setConflict(conflictingTrip(error.problem.detail) ?? { tripId: '' });
        options.reload();
        around.reload();
      }
      return error;
    },
  );

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('dispatch.title')}
          {trip.data ? ` · ${trip.data.purpose}` : ''}
        </Typography.Title>
        <Space>
          <Button onClick={() => options.reload()}>{t('dispatch.refresh')}</Button>
          <Button onClick={() => onClose()}>{t('dispatch.close')}</Button>
        </Space>
      </Space>
      <LoadState loaded={trip}>
        {(current) => (
          <>
            <Card size="small">
              <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
                <Descriptions.Item label={t('common.status')}>
                  <TripStatusTag status={current.status} />
                </Descriptions.Item>
                <Descriptions.Item label={t('trip.window')}>{tripWindow(current, locale)}</Descriptions.Item>
                <Descriptions.Item label={t('trip.route')}>
                  {tripRoute(current)} · {current.distanceKm} km
                </Descriptions.Item>
                <Descriptions.Item label={t('trip.passengers')}>
                  {current.passengers} · {t(`rank.${current.passengerRank}`)}
                </Descriptions.Item>
                <Descriptions.Item label={t('trip.vehicleType')}>{current.vehicleType ? t(`vehicleType.${current.vehicleType}`) : t('trip.anyType')}</Descriptions.Item>
                {current.assignment && <Descriptions.Item label={t('trip.assignment')}>{assignmentText(current, t)}</Descriptions.Item>}
              </Descriptions>
            </Card>
            <Card title={t('dispatch.timeline')}>
              <LoadState loaded={options}>{() => <Timeline trip={current} rows={rows} bookings={bookings} chosen={current.status === 'approved' ? vehicleId : current.assignment?.vehicleId} />}</LoadState>
            </Card>
            {current.status === 'approved' && (
              <LoadState loaded={options}>
                {(choices) => (
                  <Row gutter={[16, 16]}>
                    <Col xs={24} lg={12}>
                      <Card title={t('dispatch.offered')}>
                        {conflict && (
                          <div data-testid="dispatch-conflict">
                            <Alert
                              type="error"
                              showIcon
                              role="alert"
                              style={{ marginBottom: 12 }}
                              message={t('dispatch.conflict')}
                              description={conflict.tripId ? <ConflictingTrip tripId={conflict.tripId} {...(conflict.span ? { span: conflict.span } : {})} /> : undefined}
                            />
                          </div>
                        )}
                        {failure && !conflict && <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} />}
                        {choices.vehicles.length === 0 ? (
                          <Alert type="info" showIcon message={t('dispatch.noneFits')} />
                        ) : (
                          // The best vehicle and its first driver to begin with.
                          <Form form={form} layout="vertical" initialValues={{ vehicleId: choices.vehicles[0]?.vehicle.id, driverId: choices.vehicles[0]?.drivers[0]?.id }} onFinish={(values) => void dispatch(values)}>
                            <Form.Item name="vehicleId" label={t('dispatch.vehicle')} rules={[{ required: true, message: t('form.required') }]}>
                              <Select
                                data-testid="dispatch-vehicle"
                                onChange={(id: string) => form.setFieldsValue({ driverId: choices.vehicles.find((option) => option.vehicle.id === id)?.drivers[0]?.id })}
                                options={[
                                  ...choices.vehicles.map((option, index) => ({
                                    value: option.vehicle.id,
                                    label: `${option.vehicle.plateNumber} · ${t(`vehicleType.${option.vehicle.vehicleType}`)} · ${option.vehicle.seats} ${t('fleet.seats')} · ${formatNumber(option.vehicle.odometerKm, locale, 0)} km${index === 0 ? ` · ${t('dispatch.best')}` : ''}`,
                                  })),
                                  ...(stale ? [{ value: stale.vehicle.id, label: `${stale.vehicle.plateNumber} · ${t('dispatch.unavailableNow')}`, disabled: true }] : []),
                                ]}
                              />
                            </Form.Item>
                            <Form.Item name="driverId" label={t('dispatch.driver')} rules={[{ required: true, message: t('form.required') }]}>
                              <Select data-testid="dispatch-driver" options={driverChoices.map((driver) => ({ value: driver.id, label: `${driver.name} · ${driver.licenceClass}${driver.phone ? ` · ${driver.phone}` : ''}` }))} />
                            </Form.Item>
                            <Button type="primary" htmlType="submit" loading={busy}>
                              {t('dispatch.submit')}
                            </Button>
                          </Form>
                        )}
                      </Card>
                    </Col>
                    <Col xs={24} lg={12}>
                      <Card title={t('dispatch.notOffered')}>
                        <Table
                          rowKey={(row) => row.vehicle.id}
                          size="small"
                          pagination={false}
                          scroll={{ x: true }}
                          dataSource={choices.notOffered}
                          columns={[
                            { title: t('fleet.plate'), render: (_, row) => row.vehicle.plateNumber },
                            { title: t('trip.vehicleType'), render: (_, row) => `${t(`vehicleType.${row.vehicle.vehicleType}`)} · ${row.vehicle.seats}` },
                            { title: t('dispatch.reasons'), render: (_, row) => <Blockers blockers={row.reasons} /> },
                          ]}
                        />
                      </Card>
                    </Col>
                    <Col xs={24}>
                      <Card title={t('dispatch.rentals')}>
                        <Table
                          rowKey="contractId"
                          size="small"
                          pagination={false}
                          scroll={{ x: true }}
                          dataSource={choices.rentals}
                          columns={[
                            { title: t('common.vendor'), render: (_, row) => (standing.data?.has(row.contractId) ? <Space>{row.vendorName}<Tag color="orange">{t('dispatch.warned')}</Tag></Space> : row.vendorName) },
                            { title: t('contracts.validity'), render: (_, row) => `${formatDate(row.validFrom, locale)} – ${formatDate(row.validTo, locale)}` },
                            { title: t('dispatch.punctuality'), render: (_, row) => `${row.minPunctualityRate}%` },
                            { title: t('dispatch.response'), dataIndex: 'maxDispatchResponseMinutes' },
                            { title: t('dispatch.kmRate'), render: (_, row) => formatYuan(row.kmRateFen, locale) },
                            { title: t('common.actions'), render: (_, row) => <CommandButton label={t('dispatch.toRental')} run={() => client.transport.dispatchDispatchTrip({ id: tripId, body: { contractId: row.contractId } })} onDone={() => onClose('road')} /> },
                          ]}
                        />
                      </Card>
                    </Col>
                  </Row>
                )}
              </LoadState>
            )}
          </>
        )}
      </LoadState>
    </Space>
  );
}
