import { Card, Col, Row, Space, Statistic, Typography } from 'antd';
import { businessMonth, formatDateTime, formatYuan } from '../../app/format';
import { Chart } from '../../app/Chart';
import { useI18n } from '../../app/i18n';
import { useLive } from '../../app/live';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/use-load';
import { LoadState } from '../common';

const OPEN_STATUSES = ['triaged', 'assigned', 'accepted', 'in-progress', 'on-hold-requester', 'completed'] as const;

/**
 * The agency's maintenance at a glance: work by status now, SLA compliance, satisfaction and cost per
 * work order month by month (evaluation's reform-effect figures), and the vendors' scorecard standings.
 */
export function DashboardPage() {
  const { t, locale } = useI18n();
  const { client, may } = useSession();
  const { tick } = useLive();
  const now = new Date();
  const from = businessMonth(now, -11);
  const to = businessMonth(now);
  const lastMonth = businessMonth(now, -1);
  const figures = useLoad(() => client.maintenance.dashboardFigures(), [client, tick]);
  const trend = useLoad(() => client.evaluation.analyticsReformEffect({ serviceType: 'maintenance', from, to }), [client, tick, from, to]);
  const standings = useLoad(async () => {
    const [drafts, vendors] = await Promise.all([
      client.evaluation.scorecardsStandings({ serviceType: 'maintenance', period: lastMonth }),
      may('procurement', 'vendorsList') ? client.procurement.vendorsList({ limit: 200 }) : Promise.resolve([]),
    ]);
    const names = new Map(vendors.map((vendor) => [vendor.id, vendor.name]));
    return drafts
      .filter((draft) => draft.score !== null)
      .sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99))
      .map((draft) => ({ name: draft.party === 'internal-team' ? t('workOrder.internal') : (names.get(draft.party) ?? draft.party), score: draft.score!, rank: draft.rank }));
  }, [client, lastMonth, tick, locale]);

  const series = (code: string, scale = 1) => (trend.data?.months ?? []).map((month) => {
    const value = month.figures.find((figure) => figure.code === code)?.value;
    return value === null || value === undefined ? null : Math.round((value / scale) * 100) / 100;
  });
  const months = (trend.data?.months ?? []).map((month) => month.month);

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('dashboard.title')}
        </Typography.Title>
        {figures.data && <Typography.Text type="secondary">{t('dashboard.asOf')} {formatDateTime(figures.data.asOf, locale)}</Typography.Text>}
      </Space>
      <LoadState loaded={figures}>
        {(data) => (
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title={t('dashboard.openWork')} value={data.workOrders.open.total} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title={t('dashboard.verifiedThisMonth')} value={data.workOrders.thisMonth.verified} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title={t('dashboard.breachedThisMonth')} value={data.workOrders.sla.breachedThisMonth} valueStyle={{ color: data.workOrders.sla.breachedThisMonth > 0 ? '#b91c1c' : undefined }} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title={t('dashboard.costPerWorkOrder')} value={formatYuan(data.workOrders.thisMonth.costPerWorkOrderFen, locale)} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('dashboard.workByStatus')}>
                <Chart
                  testId="chart-work-by-status"
                  label={t('dashboard.workByStatus')}
                  description={[...OPEN_STATUSES.map((status) => `${t(`status.${status}`)} ${data.workOrders.open.byStatus[status]}`), `${t('dashboard.verifiedThisMonthShort')} ${data.workOrders.thisMonth.verified}`].join(locale === 'en' ? ', ' : '，')}
                  option={{
                    tooltip: {},
                    grid: { left: 40, right: 16, bottom: 60, top: 24 },
                    xAxis: { type: 'category', data: [...OPEN_STATUSES.map((status) => t(`status.${status}`)), t('dashboard.verifiedThisMonthShort')], axisLabel: { interval: 0, rotate: 30 } },
                    yAxis: { type: 'value', minInterval: 1 },
                    series: [
                      {
                        type: 'bar',
                        name: t('dashboard.workOrders'),
                        data: [...OPEN_STATUSES.map((status) => data.workOrders.open.byStatus[status]), data.workOrders.thisMonth.verified],
                        label: { show: true, position: 'top' },
                        itemStyle: { color: '#1d4ed8' },
                      },
                    ],
                  }}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('dashboard.slaTrend')}>
                <LoadState loaded={trend}>
                  {() => (
                    <Chart
                      testId="chart-sla"
                      label={t('dashboard.slaTrend')}
                      option={{
                        tooltip: { trigger: 'axis' },
                        grid: { left: 48, right: 16, bottom: 40, top: 24 },
                        xAxis: { type: 'category', data: months },
                        yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
                        series: [{ type: 'line', name: t('dashboard.slaCompliance'), data: series('sla-compliance'), connectNulls: true, itemStyle: { color: '#15803d' }, markLine: { data: [{ yAxis: 95, name: '95%' }], symbol: 'none', label: { formatter: '95%', position: 'insideEndTop' }, lineStyle: { type: 'dashed', color: '#b91c1c' } } }],
                      }}
                    />
                  )}
                </LoadState>
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('dashboard.satisfactionTrend')}>
                <LoadState loaded={trend}>
                  {() => (
                    <Chart
                      testId="chart-satisfaction"
                      label={t('dashboard.satisfactionTrend')}
                      option={{
                        tooltip: { trigger: 'axis' },
                        grid: { left: 40, right: 16, bottom: 40, top: 24 },
                        xAxis: { type: 'category', data: months },
                        yAxis: { type: 'value', min: 1, max: 5 },
                        series: [{ type: 'line', name: t('dashboard.satisfaction'), data: series('satisfaction'), connectNulls: true, smooth: true, itemStyle: { color: '#c2410c' } }],
                      }}
                    />
                  )}
                </LoadState>
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('dashboard.costTrend')}>
                <LoadState loaded={trend}>
                  {() => (
                    <Chart
                      testId="chart-cost"
                      label={t('dashboard.costTrend')}
                      option={{
                        tooltip: { trigger: 'axis', valueFormatter: (value) => formatYuan(Number(value) * 100, locale) },
                        grid: { left: 56, right: 16, bottom: 40, top: 24 },
                        xAxis: { type: 'category', data: months },
                        yAxis: { type: 'value', axisLabel: { formatter: (value: number) => formatYuan(value * 100, locale).replace(/\.00$/, '') } },
                        series: [{ type: 'bar', name: t('dashboard.costPerWorkOrder'), data: series('cost-per-unit', 100), itemStyle: { color: '#7c3aed' } }],
                      }}
                    />
                  )}
                </LoadState>
              </Card>
            </Col>
            <Col xs={24}>
              <Card title={`${t('dashboard.standings')} · ${lastMonth}`}>
                <LoadState loaded={standings} empty={(rows) => rows.length === 0}>
                  {(rows) => (
                    <Chart
                      testId="chart-standings"
                      label={t('dashboard.standings')}
                      height={Math.max(160, rows.length * 48)}
                      option={{
                        tooltip: {},
                        grid: { left: 8, right: 48, bottom: 24, top: 8, containLabel: true },
                        xAxis: { type: 'value', max: 100 },
                        yAxis: { type: 'category', inverse: true, data: rows.map((row) => `${row.rank ?? '—'}. ${row.name}`) },
                        series: [{ type: 'bar', name: t('dashboard.score'), data: rows.map((row) => Math.round(row.score * 10) / 10), label: { show: true, position: 'right' }, itemStyle: { color: '#0e7490' } }],
                      }}
                    />
                  )}
                </LoadState>
              </Card>
            </Col>
          </Row>
        )}
      </LoadState>
    </Space>
  );
}
