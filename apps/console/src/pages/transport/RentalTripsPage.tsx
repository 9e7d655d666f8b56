import { ProblemError, type TransportRentalConfirmationDto, type TransportTripView } from '@houqin/api-client';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useLive } from '../../app/live';
import { useSession } from '../../app/session';
import { useSubmit } from '../../app/use-submit';
import { useLoad } from '../../app/use-load';
import { LoadState } from '../common';
import { awaitsConfirmation, rentalAnswer } from './rental';
import { RentalAnswerTag, TripStatusTag, tripRoute, tripWindow, useNow } from './trip-kit';

/** The vendor's confirmation: the vehicle and driver it sends. The form's names are the API's fields. */
function ConfirmForm({ trip, onDone, onConflict }: { trip: TransportTripView; onDone(): void; onConflict(detail: string): void }) {
  const { t } = useI18n();
  const { client } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<TransportRentalConfirmationDto>();
  const { busy, failure, submit: confirm } = useSubmit(
    form,
    async (values: TransportRentalConfirmationDto) => {
      await client.transport.tripsConfirmRental({ id: trip.id, body: { plateNumber: values.plateNumber.trim(), driverName: values.driverName.trim(), driverPhone: values.driverPhone.trim() } });
      message.success(t('rental.done'));
      onDone();
    },
    (error) => {
      // 409: answered already (by a colleague, in another tab) or the trip moved on. The page keeps the
      // notice, since the list read again moves the trip out of this form.
      if (!(error instanceof ProblemError && error.status === 409)) return error;
      onConflict(error.problem.detail ?? '');
      onDone();
      return null;
    },
  );
  return (
    <Form form={form} name={`rental-${trip.id}`} layout="vertical" onFinish={(values) => void confirm(values)}>
      {failure && <Alert type="error" showIcon message={failure} role="alert" style={{ marginBottom: 12 }} />}
      <Row gutter={8}>
        <Col xs={24} sm={8}>
          <Form.Item name="plateNumber" label={t('rental.plate')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
            <Input placeholder="闽A·D8866" autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="driverName" label={t('rental.driverName')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="driverPhone" label={t('rental.driverPhone')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
            <Input inputMode="tel" autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('rental.confirm')}
      </Button>
    </Form>
  );
}

function RentalTripCard({ trip, now, conflict, onConflict, onDone }: { trip: TransportTripView; now: number; conflict?: string; onConflict(detail: string): void; onDone(): void }) {
  const { t, locale } = useI18n();
  const answer = rentalAnswer(trip, now);
  return (
    <Card size="small" data-testid={`rental-${trip.id}`}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <TripStatusTag status={trip.status} />
          <Typography.Text strong>{trip.purpose}</Typography.Text>
          <RentalAnswerTag answer={answer} />
        </Space>
        <Typography.Text>{tripWindow(trip, locale)}</Typography.Text>
        <Typography.Text type="secondary">
          {tripRoute(trip)} · {trip.distanceKm} km · {trip.passengers} {t('driving.passengers')}
          {trip.vehicleType ? ` · ${t(`vehicleType.${trip.vehicleType}`)}` : ''}
        </Typography.Text>
        {answer?.state === 'confirmed' && (
          <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
            <Descriptions.Item label={t('rental.plate')}>{answer.plateNumber}</Descriptions.Item>
            <Descriptions.Item label={t('rental.driverName')}>{answer.driverName}</Descriptions.Item>
            <Descriptions.Item label={t('rental.driverPhone')}>{answer.driverPhone}</Descriptions.Item>
            <Descriptions.Item label={t('rental.confirmedAt')}>{formatDateTime(answer.at, locale)}</Descriptions.Item>
          </Descriptions>
        )}
        {conflict !== undefined && <Alert type="warning" showIcon message={`${t('rental.conflict')} ${conflict}`.trim()} role="alert" />}
        {awaitsConfirmation(trip) && <ConfirmForm trip={trip} onDone={onDone} onConflict={onConflict} />}
      </Space>
    </Card>
  );
}

/**
 * 租车派单: the rental company's account sees the trips dispatched to its vendor (the service scopes
 * its reads to them), each with the deadline of its answer, and confirms the vehicle and driver it sends.
 */
export function RentalTripsPage() {
  const { t } = useI18n();
  const { client } = useSession();
  const { tick } = useLive();
  const now = useNow();
  const [conflicts, setConflicts] = useState<Record<string, string>>({});
  const trips = useLoad(() => client.transport.tripsList({ limit: 200 }), [client, tick]);
  const rentals = (trips.data ?? []).filter((trip) => trip.assignment?.kind === 'rental');
  const open = rentals.filter(awaitsConfirmation).sort((a, b) => a.rentalResponse!.dueAt.localeCompare(b.rentalResponse!.dueAt));
  const others = rentals.filter((trip) => !awaitsConfirmation(trip)).sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  return (
    <Space direction="vertical" style={{ width: '100%', maxWidth: 900 }}>
      <Typography.Title level={3}>{t('rental.title')}</Typography.Title>
      <LoadState loaded={trips}>
        {() => (
          <Space direction="vertical" style={{ width: '100%' }}>
            {[
              { key: 'open', title: t('rental.toConfirm'), rows: open },
              { key: 'others', title: t('rental.answered'), rows: others },
            ].map((section) => (
              <Space key={section.key} direction="vertical" style={{ width: '100%' }}>
                <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
                  {section.title} ({section.rows.length})
                </Typography.Title>
                {section.rows.length === 0 ? <Typography.Text type="secondary">{t('common.empty')}</Typography.Text> : section.rows.map((trip) => <RentalTripCard key={trip.id} trip={trip} now={now} conflict={conflicts[trip.id]} onConflict={(text) => setConflicts((known) => ({ ...known, [trip.id]: text }))} onDone={trips.reload} />)}
              </Space>
            ))}
          </Space>
        )}
      </LoadState>
    </Space>
  );
}
