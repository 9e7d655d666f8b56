import type { TransportTripView } from '@houqin/api-client';
import { Alert, App, Button, Card, Form, Input, List, Rate, Space, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useI18n } from '../../app/i18n';
import { useLive } from '../../app/live';
import { useSession } from '../../app/session';
import { useSubmit } from '../../app/use-submit';
import { useLoad } from '../../app/use-load';
import { LoadState } from '../common';
import { TextCommand } from '../more/kit';
import { TripOutcome, TripStatusTag, assignmentText, decisionOf, ratingOf, tripRoute, tripWindow } from './trip-kit';

const CANCELLABLE: Array<TransportTripView['status']> = ['pending-approval', 'approved', 'dispatched'];

/** 评价: the requester rates a completed trip once. */
function RateTrip({ trip, onDone }: { trip: TransportTripView; onDone(): void }) {
  const { t } = useI18n();
  const { client } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ score: number; comment?: string }>();
  const { busy, failure, submit } = useSubmit(form, async (values: { score: number; comment?: string }) => {
    await client.transport.tripsRate({ id: trip.id, body: { score: values.score, ...(values.comment?.trim() ? { comment: values.comment.trim() } : {}) } });
    message.success(t('surveys.thanks'));
    onDone();
  });
  return (
    <Form form={form} name={`rate-${trip.id}`} layout="vertical" onFinish={(values) => void submit(values)} style={{ width: '100%' }}>
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 8 }} />}
      <Form.Item name="score" label={t('trip.rate')} rules={[{ required: true, message: t('form.required') }]} style={{ marginBottom: 8 }}>
        <Rate aria-label={t('trip.rate')} />
      </Form.Item>
      <Form.Item name="comment" label={t('trip.rateComment')} style={{ marginBottom: 8 }}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('trip.rateSubmit')}
      </Button>
    </Form>
  );
}

/** 我的用车: the trips the caller requested, where each stands, cancelling before departure and rating once done. */
export function MyTripsPage() {
  const { t, locale } = useI18n();
  const { client, caller, may } = useSession();
  const { tick } = useLive();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const highlight = params.get('highlight');
  // Approvers and operators read the agency's trips; this page is the caller's own requests.
  const loaded = useLoad(async () => (await client.transport.tripsList({ limit: 200 })).filter((trip) => trip.requestedBy === caller?.userId), [client, caller, tick]);
  return (
    <Space direction="vertical" style={{ width: '100%', maxWidth: 860 }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('menu.myTrips')}
        </Typography.Title>
        {may('transport', 'tripsRequest') && (
          <Button type="primary" onClick={() => void navigate('/trips/new')}>
            {t('trip.newRequest')}
          </Button>
        )}
      </Space>
      <LoadState loaded={loaded} empty={(trips) => trips.length === 0}>
        {(trips) => (
          <List
            dataSource={trips}
            renderItem={(trip) => {
              const decision = decisionOf(trip);
              const rating = ratingOf(trip);
              return (
                <Card size="small" style={{ marginBottom: 8, ...(trip.id === highlight ? { borderColor: '#1d4ed8' } : {}) }} data-testid={`trip-${trip.id}`}>
                  <Space direction="vertical" style={{ width: '100%' }}>
                    <Space wrap>
                      <TripStatusTag status={trip.status} />
                      <Typography.Text strong>{trip.purpose}</Typography.Text>
                    </Space>
                    <Typography.Text>{tripWindow(trip, locale)}</Typography.Text>
                    <Typography.Text type="secondary">
                      {tripRoute(trip)} · {trip.passengers} {t('driving.passengers')}
                      {trip.vehicleType ? ` · ${t(`vehicleType.${trip.vehicleType}`)}` : ''}
                    </Typography.Text>
                    {trip.status === 'pending-approval' && trip.approvalReasons.length > 0 && (
                      <Typography.Text type="secondary">
                        {t('trip.approvalReasons')}: {trip.approvalReasons.map((reason) => t(`approvalReason.${reason}`)).join(locale === 'en' ? ', ' : '、')}
                      </Typography.Text>
                    )}
                    {trip.status === 'rejected' && decision?.note && (
                      <Typography.Text type="danger">
                        {t('trip.decisionNote')}: {decision.note}
                      </Typography.Text>
                    )}
                    {trip.assignment && (
                      <Typography.Text>
                        {t('trip.assignment')}: {assignmentText(trip, t)}
                      </Typography.Text>
                    )}
                    <TripOutcome trip={trip} />
                    {rating && (
                      <Space wrap>
                        <Typography.Text type="secondary">{t('trip.rated')}</Typography.Text>
                        <Rate disabled value={rating.score} />
                        {rating.comment && <Typography.Text type="secondary">{rating.comment}</Typography.Text>}
                      </Space>
                    )}
                    {trip.status === 'completed' && !rating && may('transport', 'tripsRate') && <RateTrip trip={trip} onDone={loaded.reload} />}
                    {CANCELLABLE.includes(trip.status) && may('transport', 'tripsCancel') && (
                      <TextCommand danger required label={t('trip.cancel')} prompt={t('trip.cancelReason')} run={(reason) => client.transport.tripsCancel({ id: trip.id, body: { reason } })} onDone={loaded.reload} />
                    )}
                  </Space>
                </Card>
              );
            }}
          />
        )}
      </LoadState>
    </Space>
  );
}
