import type { CateringReservationView } from '@houqin/api-client';
import { Card, Col, Progress, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { formatDateTime, formatYuan } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useLive } from '../../app/live';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/use-load';
import { LoadState } from '../common';
import { ReservationStatusTag } from './MealsPage';
import { MEAL_PERIODS, MealPeriod, cstDays, periodFigures } from './meal-kit';

/** One period of today at a canteen: meals taken against its capacity and the portions per dish the kitchen cooks. */
function PeriodForecast({ period, capacity, bookings }: { period: MealPeriod; capacity: number | undefined; bookings: CateringReservationView[] }) {
  const { t } = useI18n();
  const figures = periodFigures(bookings, period);
  return (
    <Card size="small" title={t(`mealPeriod.${period}`)} data-testid={`forecast-${period}`}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Statistic title={t('canteenDay.taken')} value={figures.taken} suffix={capacity !== undefined ? `/ ${capacity}` : undefined} />
        {capacity ? <Progress percent={Math.round((figures.taken / capacity) * 100)} size="small" aria-label={t('canteenDay.taken')} /> : null}
        {figures.portions.length === 0 ? (
          <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>
        ) : (
          <Table rowKey="dishId" size="small" pagination={false} dataSource={figures.portions} columns={[{ title: t('meals.dishes'), dataIndex: 'name' }, { title: t('canteenDay.portions'), dataIndex: 'portions', align: 'right' }]} />
        )}
      </Space>
    </Card>
  );
}

/**
 * 食堂今日: for the canteen chosen, today's periods (Beijing time) — meals taken against capacity and
 * portions per dish, counted from today's bookings (the client cannot pass the forecast its date) —
 * and today's bookings with how each stands (booked, served, not collected, cancelled).
 */
export function CanteenDayPage() {
  const { t, locale } = useI18n();
  const { client } = useSession();
  const { tick } = useLive();
  const [chosen, setChosen] = useState<string>();
  const canteens = useLoad(() => client.catering.canteensList({ limit: 100 }), [client]);
  const canteenId = chosen ?? canteens.data?.[0]?.id;
  const today = cstDays(Date.now(), 1)[0]!;
  const bookings = useLoad(async () => (canteenId ? (await client.catering.reservationsList({ id: canteenId, limit: 1000 })).filter((booking) => booking.serviceDate === today) : []), [client, canteenId, today, tick]);
  const periods = useLoad(async () => (canteenId ? client.catering.reservationsMealPeriods({ id: canteenId }) : []), [client, canteenId]);
  const canteen = canteens.data?.find((known) => known.id === canteenId);
  const counts = (bookings.data ?? []).reduce<Record<string, number>>((sum, booking) => ({ ...sum, [booking.status]: (sum[booking.status] ?? 0) + booking.covers }), {});
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('canteenDay.title')} · {today}
        </Typography.Title>
        <LoadState loaded={canteens} empty={(rows) => rows.length === 0}>
          {(rows) => <Select aria-label={t('meals.canteen')} style={{ minWidth: 200 }} value={canteenId} onChange={setChosen} options={rows.map((row) => ({ value: row.id, label: row.name }))} />}
        </LoadState>
      </Space>
      {canteen && (
        <>
          <Row gutter={[12, 12]}>
            {MEAL_PERIODS.filter((period) => canteen.mealPeriods.includes(period)).map((period) => (
              <Col key={period} xs={24} md={8}>
                <PeriodForecast period={period} capacity={periods.data?.find((known) => known.period === period)?.capacity} bookings={bookings.data ?? []} />
              </Col>
            ))}
          </Row>
          <Card title={t('canteenDay.bookings')} extra={(['booked', 'served', 'no-show', 'cancelled'] as const).map((status) => `${t(`mealStatus.${status}`)} ${counts[status] ?? 0}`).join(' · ')}>
            <LoadState loaded={bookings} empty={(rows) => rows.length === 0}>
              {(rows) => (
                <Table
                  rowKey="id"
                  size="small"
                  scroll={{ x: true }}
                  dataSource={[...rows].sort((a, b) => MEAL_PERIODS.indexOf(a.period) - MEAL_PERIODS.indexOf(b.period) || a.bookedAt.localeCompare(b.bookedAt))}
                  columns={[
                    { title: t('meals.period'), render: (_, row) => t(`mealPeriod.${row.period}`) },
                    { title: t('canteenDay.kind'), render: (_, row) => `${t(`mealKind.${row.kind}`)}${row.kind === 'reception' ? ` · ${row.covers} ${t('canteenDay.covers')}` : ''}` },
                    { title: t('meals.dishes'), render: (_, row) => row.dishes.map((dish) => dish.name).join('、') },
                    { title: t('common.amount'), align: 'right', render: (_, row) => formatYuan(row.amountFen, locale) },
                    { title: t('common.status'), render: (_, row) => <ReservationStatusTag status={row.status} /> },
                    { title: t('canteenDay.servedAt'), render: (_, row) => (row.servedAt ? formatDateTime(row.servedAt, locale) : '—') },
                  ]}
                />
              )}
            </LoadState>
          </Card>
        </>
      )}
    </Space>
  );
}
