import { ProblemError, type CateringBookMealDto, type CateringReservationView } from '@houqin/api-client';
import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Form, QRCode, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { formatDateTime, formatYuan } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useLive } from '../../app/live';
import { useSession } from '../../app/session';
import { useSubmit } from '../../app/use-submit';
import { useLoad } from '../../app/use-load';
import { LoadState } from '../common';
import { CommandButton } from '../more/kit';
import { MEAL_PERIODS, MealPeriod, cstDays, dishesOnOffer } from './meal-kit';

const RESERVATION_COLOURS: Record<CateringReservationView['status'], string> = {
  'pending-approval': 'gold',
  booked: 'blue',
  served: 'green',
  'no-show': 'red',
  cancelled: 'default',
  rejected: 'default',
};

export function ReservationStatusTag({ status }: { status: CateringReservationView['status'] }) {
  const { t } = useI18n();
  return <Tag color={RESERVATION_COLOURS[status]}>{t(`mealStatus.${status}`)}</Tag>;
}

/** 我的饭卡: the balance (what can still be spent, booked meals' holds counted), the part held, and the last movements. */
function MealAccount() {
  const { t, locale } = useI18n();
  const { client, caller } = useSession();
  const { tick } = useLive();
  const staffId = caller?.userId ?? '';
  const account = useLoad(async () => {
    try {
      const [view, entries] = await Promise.all([client.catering.accountsGet({ staffId }), client.catering.accountsEntries({ staffId, limit: 10 })]);
      return { view, entries };
    } catch (error) {
      // No account opened for this person yet: said so, not an error.
      if (error instanceof ProblemError && error.status === 404) return null;
      throw error;
    }
  }, [client, staffId, tick]);
  return (
    <Card title={t('meals.account')}>
      <LoadState loaded={account}>
        {(found) =>
          !found ? (
            <Alert type="info" showIcon message={t('meals.noAccount')} />
          ) : (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
                <Descriptions.Item label={t('meals.balance')}>
                  <Typography.Text strong data-testid="meal-balance">
                    {formatYuan(found.view.balanceFen, locale)}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('meals.held')}>{formatYuan(found.view.heldFen, locale)}</Descriptions.Item>
                <Descriptions.Item label={t('meals.overdraft')}>{formatYuan(found.view.overdraftLimitFen, locale)}</Descriptions.Item>
              </Descriptions>
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                scroll={{ x: true }}
                dataSource={found.entries}
                locale={{ emptyText: t('common.empty') }}
                columns={[
                  { title: t('meals.entryAt'), render: (_, row) => formatDateTime(row.recordedAt, locale) },
                  { title: t('meals.entryKind'), render: (_, row) => <span style={{ whiteSpace: 'nowrap' }}>{t(`ledgerKind.${row.kind}`)}</span> },
                  { title: t('common.amount'), align: 'right', render: (_, row) => <Typography.Text type={row.amountFen < 0 ? 'danger' : 'success'} style={{ whiteSpace: 'nowrap' }}>{formatYuan(row.amountFen, locale)}</Typography.Text> },
                  { title: t('meals.note'), render: (_, row) => row.note ?? '' },
                ]}
              />
            </Space>
          )
        }
      </LoadState>
    </Card>
  );
}

interface BookValues {
  canteenId?: string;
  date: string;
  period: MealPeriod;
  dishIds: string[];
}

/** 订餐: a canteen, a day (Beijing time) and a period, the dishes its published menu offers. The form's names are the API's fields. */
function BookMeal({ onBooked }: { onBooked(): void }) {
  const { t, locale } = useI18n();
  const { client } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<BookValues>();
  const days = cstDays(Date.now(), 7);
  const canteens = useLoad(async () => (await client.catering.canteensList({ limit: 100 })).filter((canteen) => canteen.status === 'open'), [client]);
  const canteenId = Form.useWatch('canteenId', form) ?? canteens.data?.[0]?.id;
  const date = Form.useWatch('date', form) ?? days[0]!;
  const period = Form.useWatch('period', form) ?? 'lunch';
  const offer = useLoad(async () => {
    if (!canteenId) return [];
    const [menus, dishes] = await Promise.all([client.catering.menusList({ id: canteenId, status: 'published', limit: 200 }), client.catering.menusDishes({ id: canteenId })]);
    const byId = new Map(dishes.map((dish) => [dish.id, dish]));
    return dishesOnOffer(menus, date, period).flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  }, [client, canteenId, date, period]);

  // A full period, a passed cut-off or a second booking of the same meal is 409: said as the service says it.
  const { busy, failure, submit: book } = useSubmit(form, async (values: BookValues) => {
    if (!canteenId) return;
    const body: CateringBookMealDto = { date: values.date, period: values.period, dishIds: values.dishIds };
    await client.catering.reservationsBook({ id: canteenId, body });
    message.success(t('meals.booked'));
    form.setFieldValue('dishIds', []);
    onBooked();
  });

  return (
    <Card title={t('meals.book')}>
      <LoadState loaded={canteens} empty={(rows) => rows.length === 0}>
        {(rows) => (
          <Form form={form} name="book-meal" layout="vertical" initialValues={{ canteenId: rows[0]?.id, date: days[0], period: 'lunch', dishIds: [] }} onFinish={(values) => void book(values)}>
            {failure && <Alert type="error" showIcon message={failure} role="alert" style={{ marginBottom: 12 }} />}
            <Row gutter={8}>
              <Col xs={24} sm={8}>
                <Form.Item name="canteenId" label={t('meals.canteen')}>
                  <Select options={rows.map((canteen) => ({ value: canteen.id, label: canteen.name }))} />
                </Form.Item>
              </Col>
              <Col xs={12} sm={8}>
                <Form.Item name="date" label={t('meals.date')}>
                  <Select options={days.map((day, index) => ({ value: day, label: index === 0 ? `${day} · ${t('meals.today')}` : day }))} />
                </Form.Item>
              </Col>
              <Col xs={12} sm={8}>
                <Form.Item name="period" label={t('meals.period')}>
                  <Select options={MEAL_PERIODS.map((value) => ({ value, label: t(`mealPeriod.${value}`) }))} />
                </Form.Item>
              </Col>
            </Row>
            <LoadState loaded={offer}>
              {(dishes) =>
                dishes.length === 0 ? (
                  <Alert type="info" showIcon message={t('meals.noMenu')} style={{ marginBottom: 12 }} />
                ) : (
                  <Form.Item name="dishIds" label={t('meals.dishes')} rules={[{ required: true, type: 'array', min: 1, message: t('form.required') }]}>
                    <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }} options={dishes.map((dish) => ({ value: dish.id, label: `${dish.name} · ${formatYuan(dish.priceFen, locale)}${dish.allergens.length ? ` · ${t('meals.allergens')} ${dish.allergens.map((allergen) => t(`allergen.${allergen}`)).join('、')}` : ''}` }))} />
                  </Form.Item>
                )
              }
            </LoadState>
            <Button type="primary" htmlType="submit" loading={busy} disabled={!offer.data?.length}>
              {t('meals.submit')}
            </Button>
          </Form>
        )}
      </LoadState>
    </Card>
  );
}

/** 订餐与饭卡: staff book a meal (its price held on their account), show the QR code at the counter, cancel before the cut-off, and see their meal account. */
export function MealsPage() {
  const { t, locale } = useI18n();
  const { client } = useSession();
  const { tick } = useLive();
  const mine = useLoad(() => client.catering.reservationsMine({ limit: 50 }), [client, tick]);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%', maxWidth: 900 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('meals.title')}
      </Typography.Title>
      <MealAccount />
      <BookMeal onBooked={mine.reload} />
      <Card title={t('meals.mine')}>
        <LoadState loaded={mine} empty={(rows) => rows.length === 0}>
          {(rows) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {[...rows]
                .sort((a, b) => b.serviceDate.localeCompare(a.serviceDate) || MEAL_PERIODS.indexOf(b.period) - MEAL_PERIODS.indexOf(a.period))
                .map((booking) => (
                  <Card key={booking.id} size="small" data-testid={`meal-${booking.id}`}>
                    <Row gutter={12} wrap={false}>
                      <Col flex="auto">
                        <Space direction="vertical" size={4}>
                          <Space wrap>
                            <ReservationStatusTag status={booking.status} />
                            <Typography.Text strong>{`${booking.serviceDate} · ${t(`mealPeriod.${booking.period}`)}`}</Typography.Text>
                          </Space>
                          <Typography.Text>{booking.dishes.map((dish) => dish.name).join('、')}</Typography.Text>
                          <Typography.Text type="secondary">
                            {formatYuan(booking.amountFen, locale)} · {t('meals.cutoff')} {formatDateTime(booking.cutoffAt, locale)}
                          </Typography.Text>
                          {booking.status === 'booked' && Date.parse(booking.cutoffAt) > Date.now() && <CommandButton danger label={t('meals.cancel')} run={() => client.catering.reservationsCancel({ id: booking.id })} onDone={mine.reload} />}
                        </Space>
                      </Col>
                      {booking.status === 'booked' && (
                        <Col flex="none">
                          <QRCode value={booking.qrToken} size={96} bordered={false} aria-label={t('meals.qr')} />
                        </Col>
                      )}
                    </Row>
                  </Card>
                ))}
            </Space>
          )}
        </LoadState>
      </Card>
    </Space>
  );
}
