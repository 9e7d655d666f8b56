import type { TransportEndTripDto, TransportTripView } from '@houqin/api-client';
import { Alert, App, Button, Card, Col, Divider, Form, InputNumber, Row, Space, Typography } from 'antd';
import { cstDayStart, fenFromYuan, formatNumber, formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useLive } from '../../app/live';
import { useSession } from '../../app/session';
import { useSubmit } from '../../app/use-submit';
import { useLoad } from '../../app/use-load';
import { LoadState } from '../common';
import { TripOutcome, TripStatusTag, startOf, tripRoute, tripWindow } from './trip-kit';

const DAY_MS = 86_400_000;

/** The form's names are the API's fields, so its refusals land beside them; money is typed in yuan. */
interface EndValues {
  odometerKm: number;
  fuelFen?: number;
  tollsFen?: number;
  parkingFen?: number;
}

/** 出发 and 收车 for one trip: the odometer at departure; at the end the odometer, fuel, tolls and parking. */
function TripCard({ trip, onDone }: { trip: TransportTripView; onDone(): void }) {
  const { t, locale } = useI18n();
  const { client } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<EndValues>();
  const vehicleId = trip.assignment?.vehicleId;
  // The vehicle's last reading: where the odometer starts (the service refuses a lower one).
  const vehicle = useLoad(async () => (vehicleId && trip.status === 'dispatched' ? client.transport.vehiclesGet({ id: vehicleId }) : null), [client, vehicleId, trip.status]);
  const start = startOf(trip);

  const { busy, failure, submit } = useSubmit(form, async ({ call, done }: { call(): Promise<unknown>; done: string }) => {
    await call();
    message.success(done);
    form.resetFields();
    onDone();
  });
  const run = (call: () => Promise<unknown>, done: string) => submit({ call, done });
  const setOff = (values: EndValues) => run(() => client.transport.tripsStart({ id: trip.id, body: { odometerKm: values.odometerKm } }), t('driving.started'));
  const finish = (values: EndValues) => {
    const body: TransportEndTripDto = { odometerKm: values.odometerKm };
    for (const name of ['fuelFen', 'tollsFen', 'parkingFen'] as const) {
      const fen = fenFromYuan(values[name]);
      if (fen !== undefined) body[name] = fen;
    }
    return run(() => client.transport.tripsEnd({ id: trip.id, body }), t('driving.ended'));
  };
  const yuan = (name: keyof EndValues, label: string) => (
    <Col xs={12} sm={8}>
      <Form.Item name={name} label={label}>
        <InputNumber min={0} precision={2} step={1} prefix="¥" inputMode="decimal" style={{ width: '100%' }} />
      </Form.Item>
    </Col>
  );

  return (
    <Card size="small" data-testid={`driving-${trip.id}`}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <TripStatusTag status={trip.status} />
          <Typography.Text strong>{trip.purpose}</Typography.Text>
        </Space>
        <Typography.Text>{tripWindow(trip, locale)}</Typography.Text>
        <Typography.Text type="secondary">
          {tripRoute(trip)} · {trip.passengers} {t('driving.passengers')}
        </Typography.Text>
        <Typography.Text>{trip.assignment?.plateNumber}</Typography.Text>
        {start && (
          <Typography.Text type="secondary">
            {t('driving.startedAt')} {formatTime(start.at, locale)}
            {start.odometerKm !== undefined ? ` · ${formatNumber(start.odometerKm, locale, 0)} km` : ''}
          </Typography.Text>
        )}
        <TripOutcome trip={trip} />
        {(trip.status === 'dispatched' || trip.status === 'in-progress') && (
          <>
            <Divider style={{ margin: '4px 0' }} />
            {failure && <Alert type="error" showIcon message={failure} role="alert" />}
            {trip.status === 'dispatched' ? (
              <LoadState loaded={vehicle}>
                {(current) => (
                  <Form form={form} name={`trip-${trip.id}`} layout="vertical" initialValues={{ odometerKm: current?.odometerKm }} onFinish={(values) => void setOff(values)}>
                    <Form.Item
                      name="odometerKm"
                      label={t('driving.odometer')}
                      extra={current ? `${t('driving.lastReading')} ${formatNumber(current.odometerKm, locale, 0)} km` : undefined}
                      rules={[{ required: true, message: t('form.required') }]}
                    >
                      <InputNumber min={0} precision={0} inputMode="numeric" style={{ width: '100%' }} />
                    </Form.Item>
                    <Button type="primary" htmlType="submit" loading={busy} block size="large">
                      {t('driving.start')}
                    </Button>
                  </Form>
                )}
              </LoadState>
            ) : (
              <Form form={form} name={`trip-${trip.id}`} layout="vertical" onFinish={(values) => void finish(values)}>
                <Form.Item name="odometerKm" label={t('driving.odometer')} rules={[{ required: true, message: t('form.required') }]}>
                  <InputNumber min={0} precision={0} inputMode="numeric" style={{ width: '100%' }} />
                </Form.Item>
                <Row gutter={8}>
                  {yuan('fuelFen', t('driving.fuel'))}
                  {yuan('tollsFen', t('driving.tolls'))}
                  {yuan('parkingFen', t('driving.parking'))}
                </Row>
                <Button type="primary" htmlType="submit" loading={busy} block size="large">
                  {t('driving.end')}
                </Button>
              </Form>
            )}
          </>
        )}
      </Space>
    </Card>
  );
}

/**
 * 我的出车: the driver's phone. The trips the caller drives (their staff account is the driver's) —
 * today's, including those finished today, then those coming up — to set off and finish.
 */
export function DrivingPage() {
  const { t } = useI18n();
  const { client, caller } = useSession();
  const { tick } = useLive();
  const loaded = useLoad(async () => {
    const [drivers, trips] = await Promise.all([client.transport.driversList({ limit: 500 }), client.transport.tripsList({ limit: 200 })]);
    const me = drivers.find((driver) => driver.userId === caller?.userId);
    if (!me) return null;
    const today = cstDayStart(Date.now());
    const mine = trips.filter((trip) => trip.assignment?.kind === 'fleet' && trip.assignment.driverId === me.id).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    const isToday = (trip: TransportTripView) => cstDayStart(Date.parse(trip.startsAt)) === today || (trip.status === 'in-progress' && Date.parse(trip.startsAt) < today + DAY_MS);
    return {
      driver: me,
      today: mine.filter((trip) => isToday(trip) && ['dispatched', 'in-progress', 'completed'].includes(trip.status)),
      upcoming: mine.filter((trip) => !isToday(trip) && trip.status === 'dispatched' && Date.parse(trip.startsAt) >= today),
    };
  }, [client, caller, tick]);
  return (
    <Space direction="vertical" style={{ width: '100%', maxWidth: 560 }}>
      <Typography.Title level={3}>{t('driving.title')}</Typography.Title>
      <LoadState loaded={loaded}>
        {(mine) =>
          !mine ? (
            <Alert type="info" showIcon message={t('driving.notADriver')} />
          ) : (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text type="secondary">
                {mine.driver.name} · {mine.driver.licenceClass}
              </Typography.Text>
              {[
                { key: 'today', title: t('driving.today'), trips: mine.today },
                { key: 'upcoming', title: t('driving.upcoming'), trips: mine.upcoming },
              ].map((section) => (
                <Space key={section.key} direction="vertical" style={{ width: '100%' }}>
                  <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
                    {section.title}
                  </Typography.Title>
                  {section.trips.length === 0 ? <Typography.Text type="secondary">{t('common.empty')}</Typography.Text> : section.trips.map((trip) => <TripCard key={trip.id} trip={trip} onDone={loaded.reload} />)}
                </Space>
              ))}
            </Space>
          )
        }
      </LoadState>
    </Space>
  );
}
