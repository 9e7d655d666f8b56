import type { TransportDispatchResponseMeasureView, TransportPunctualityMeasureView } from '@houqin/api-client';
import { Card, Space, Table, Tag, Typography } from 'antd';
import { Chart } from '../../app/Chart';
import { cstDayStart, cstWallClock, formatDate, formatNumber, formatYuan } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useLive } from '../../app/live';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/use-load';
import { LoadState } from '../common';
import { Blockers } from './trip-kit';

/** Transport warns this many days ahead of a document's expiry (DOCUMENT_EXPIRY_WARNING_DAYS' default). */
const WARNING_DAYS = 30;

/** A document's expiry day with a warning as it nears: red once expired, orange within the warning period. */
function Expiry({ on }: { on: string | undefined }) {
  const { t } = useI18n();
  if (!on) return <Tag color="red">{t('fleet.notRecorded')}</Tag>;
  const today = cstWallClock(cstDayStart(Date.now())).slice(0, 10);
  const daysLeft = Math.round((Date.parse(`${on}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  if (daysLeft < 0) return <Tag color="red">{`${on} · ${t('fleet.expired')}`}</Tag>;
  if (daysLeft <= WARNING_DAYS) return <Tag color="orange">{`${on} · ${daysLeft} ${t('fleet.daysLeft')}`}</Tag>;
  return <>{on}</>;
}

/** A measured rate beside its SLA target: green when it meets it, red when not, grey with nothing measured yet. */
function Measured({ measure, counts }: { measure: TransportPunctualityMeasureView | TransportDispatchResponseMeasureView; counts: string }) {
  const { t, locale } = useI18n();
  if (measure.ratePercent === undefined) return <Typography.Text type="secondary">{t('rentalSla.notMeasured')}</Typography.Text>;
  return (
    <Space size={4} wrap>
      <Tag color={measure.meetsSla ? 'green' : 'red'}>{`${formatNumber(measure.ratePercent, locale, 2)}% · ${measure.meetsSla ? t('rentalSla.meets') : t('rentalSla.misses')}`}</Tag>
      <Typography.Text type="secondary">{counts}</Typography.Text>
    </Space>
  );
}

/** 车辆与驾驶员: the fleet and its drivers, their documents' expiry and why any cannot be dispatched today, and each vehicle's use. */
export function FleetPage() {
  const { t, locale } = useI18n();
  const { client } = useSession();
  const { tick } = useLive();
  const vehicles = useLoad(() => client.transport.vehiclesList({ limit: 200 }), [client, tick]);
  const drivers = useLoad(() => client.transport.driversList({ limit: 500 }), [client, tick]);
  const figures = useLoad(() => client.transport.dashboardFigures(), [client, tick]);
  const contracts = useLoad(() => client.transport.rentalsList(), [client, tick]);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('fleet.title')}</Typography.Title>
      <Card title={t('fleet.vehicles')}>
        <LoadState loaded={vehicles} empty={(rows) => rows.length === 0}>
          {(rows) => (
            <Table
              rowKey="id"
              size="small"
              scroll={{ x: true }}
              pagination={false}
              dataSource={rows.filter((vehicle) => vehicle.status !== 'retired')}
              columns={[
                { title: t('fleet.plate'), dataIndex: 'plateNumber' },
                { title: t('trip.vehicleType'), render: (_, row) => `${t(`vehicleType.${row.vehicleType}`)} · ${row.seats} ${t('fleet.seats')}` },
                { title: t('fleet.fuel'), render: (_, row) => t(`fuel.${row.fuel}`) },
                { title: t('fleet.odometer'), render: (_, row) => formatNumber(row.odometerKm, locale, 0) },
                { title: t('common.status'), render: (_, row) => t(`vehicleStatus.${row.status}`) },
                { title: t('fleet.insurance'), render: (_, row) => <Expiry on={row.insuranceExpiresOn} /> },
                { title: t('fleet.inspection'), render: (_, row) => <Expiry on={row.inspectionExpiresOn} /> },
                { title: t('fleet.dispatchable'), render: (_, row) => (row.dispatchable ? <Tag color="green">✓</Tag> : <Blockers blockers={row.blockers ?? []} />) },
              ]}
            />
          )}
        </LoadState>
      </Card>
      <Card title={t('fleet.drivers')}>
        <LoadState loaded={drivers} empty={(rows) => rows.length === 0}>
          {(rows) => (
            <Table
              rowKey="id"
              size="small"
              scroll={{ x: true }}
              pagination={false}
              dataSource={rows.filter((driver) => driver.status !== 'left')}
              columns={[
                { title: t('common.name'), dataIndex: 'name' },
                { title: t('fleet.phone'), dataIndex: 'phone' },
                { title: t('fleet.licenceClass'), dataIndex: 'licenceClass' },
                { title: t('fleet.licence'), render: (_, row) => <Expiry on={row.licenceExpiresOn} /> },
                { title: t('fleet.healthCheck'), render: (_, row) => <Expiry on={row.healthCheckExpiresOn} /> },
                { title: t('common.status'), render: (_, row) => `${t(`driverStatus.${row.status}`)}${row.statusNote ? ` · ${row.statusNote}` : ''}` },
                { title: t('fleet.dispatchable'), render: (_, row) => (row.dispatchable ? <Tag color="green">✓</Tag> : <Blockers blockers={row.blockers} />) },
              ]}
            />
          )}
        </LoadState>
      </Card>
      <Card title={t('rentalSla.title')}>
        <LoadState loaded={contracts} empty={(rows) => rows.length === 0}>
          {(rows) => (
            <Table
              rowKey="contractId"
              size="small"
              scroll={{ x: true }}
              pagination={false}
              dataSource={rows}
              data-testid="rental-contracts"
              columns={[
                { title: t('common.vendor'), render: (_, row) => (row.barred ? <Space>{row.vendorName}<Tag color="red">{row.barred}</Tag></Space> : row.warned ? <Space>{row.vendorName}<Tag color="orange">{t('dispatch.warned')}</Tag></Space> : row.vendorName) },
                { title: t('contracts.validity'), render: (_, row) => `${formatDate(row.validFrom, locale)} – ${formatDate(row.validTo, locale)}` },
                { title: t('dispatch.kmRate'), render: (_, row) => formatYuan(row.kmRateFen, locale) },
                { title: t('rentalSla.punctualityTarget'), render: (_, row) => `≥ ${row.minPunctualityRate}%` },
                {
                  title: t('rentalSla.punctuality'),
                  render: (_, row) => <Measured measure={row.performance.punctuality} counts={t('rentalSla.onTimeOf').replace('{on}', String(row.performance.punctuality.onTime)).replace('{n}', String(row.performance.punctuality.trips))} />,
                },
                { title: t('rentalSla.responseTarget'), render: (_, row) => `≤ ${row.maxDispatchResponseMinutes} ${t('rentalSla.minutes')}` },
                {
                  title: t('rentalSla.response'),
                  render: (_, row) => {
                    const response = row.performance.dispatchResponse;
                    const counts = t('rentalSla.answeredOf').replace('{on}', String(response.withinSla)).replace('{n}', String(response.measured)).replace('{late}', String(response.late)).replace('{none}', String(response.unanswered));
                    return <Measured measure={response} counts={counts} />;
                  },
                },
              ]}
            />
          )}
        </LoadState>
      </Card>
      <Card title={t('fleet.utilisation')}>
        <LoadState loaded={figures} empty={(data) => data.utilisation.length === 0}>
          {(data) => (
            <Chart
              testId="chart-utilisation"
              label={t('fleet.utilisation')}
              height={Math.max(160, data.utilisation.length * 40)}
              option={{
                tooltip: {},
                grid: { left: 8, right: 56, bottom: 24, top: 8, containLabel: true },
                xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
                yAxis: { type: 'category', inverse: true, data: data.utilisation.map((vehicle) => vehicle.plateNumber) },
                series: [{ type: 'bar', name: t('fleet.utilisationShort'), data: data.utilisation.map((vehicle) => vehicle.percent ?? 0), label: { show: true, position: 'right', formatter: '{c}%' }, itemStyle: { color: '#0e7490' } }],
              }}
            />
          )}
        </LoadState>
      </Card>
    </Space>
  );
}
