import type { TransportRequestTripDto } from '@houqin/api-client';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import dayjs, { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { cstInstant, cstWallClock } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useSession } from '../../app/session';
import { useSubmit } from '../../app/use-submit';
import { useLoad } from '../../app/use-load';
import { PASSENGER_RANKS, VEHICLE_TYPES } from './trip-kit';

type FormValues = Omit<TransportRequestTripDto, 'startsAt' | 'endsAt'> & { startsAt: Dayjs; endsAt: Dayjs };

const PICKED = 'YYYY-MM-DD HH:mm';
const HALF_HOUR = 30 * 60_000;

/** A picker's value is the wall clock in Beijing whatever the browser's zone: dayjs holds it as local time. */
const picked = (at: number): Dayjs => dayjs(cstWallClock(at));
const instantOf = (value: Dayjs): string => cstInstant(value.format('YYYY-MM-DDTHH:mm'));

/** Staff request an official vehicle (用车申请): what for, who, where, when; the agency's rules decide whether an approver must agree. */
export function TripRequestPage() {
  const { t } = useI18n();
  const { client } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const policy = useLoad(() => client.transport.tripsPolicy(), [client]);
  // The next half hour but one, two hours long: a sensible first window to adjust.
  const [initial] = useState(() => {
    const start = Math.ceil(Date.now() / HALF_HOUR) * HALF_HOUR + HALF_HOUR;
    return { passengers: 1, passengerRank: 'section', outOfCity: false, startsAt: picked(start), endsAt: picked(start + 4 * HALF_HOUR) };
  });

  const { busy, failure, submit } = useSubmit(form, async (values: FormValues) => {
    const body: TransportRequestTripDto = {
      purpose: values.purpose,
      passengers: values.passengers,
      passengerRank: values.passengerRank,
      origin: values.origin,
      destination: values.destination,
      distanceKm: values.distanceKm,
      outOfCity: !!values.outOfCity,
      startsAt: instantOf(values.startsAt),
      endsAt: instantOf(values.endsAt),
      ...(values.vehicleType ? { vehicleType: values.vehicleType } : {}),
    };
    const trip = await client.transport.tripsRequest({ body }, { idempotencyKey: crypto.randomUUID() });
    message.success(trip.status === 'approved' ? t('trip.approvedByPolicy') : t('trip.submittedForApproval'));
    void navigate(`/trips?highlight=${trip.id}`);
  });

  const rules = policy.data;
  return (
    <Space direction="vertical" style={{ width: '100%', maxWidth: 720 }}>
      <Typography.Title level={3}>{t('trip.requestTitle')}</Typography.Title>
      {rules && (
        <Typography.Paragraph type="secondary">
          {t('trip.policyHelp').replace('{km}', String(rules.maxDistanceKm)).replace('{from}', rules.workingHours.from).replace('{until}', rules.workingHours.until)}
        </Typography.Paragraph>
      )}
      <Card>
        {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} role="alert" />}
        <Form form={form} layout="vertical" initialValues={initial} onFinish={(values) => void submit(values)}>
          <Form.Item name="purpose" label={t('trip.purpose')} rules={[{ required: true, message: t('form.required') }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={12} sm={8}>
              <Form.Item name="passengers" label={t('trip.passengers')} rules={[{ required: true, message: t('form.required') }]}>
                <InputNumber min={1} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8}>
              <Form.Item name="passengerRank" label={t('trip.passengerRank')} rules={[{ required: true, message: t('form.required') }]}>
                <Select options={PASSENGER_RANKS.map((value) => ({ value, label: t(`rank.${value}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="vehicleType" label={t('trip.vehicleType')}>
                <Select allowClear placeholder={t('trip.anyType')} options={VEHICLE_TYPES.map((value) => ({ value, label: t(`vehicleType.${value}`) }))} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item name="origin" label={t('trip.origin')} rules={[{ required: true, message: t('form.required') }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="destination" label={t('trip.destination')} rules={[{ required: true, message: t('form.required') }]}>
                <Input />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12} align="bottom">
            <Col xs={12} sm={12}>
              <Form.Item name="distanceKm" label={t('trip.distanceKm')} rules={[{ required: true, message: t('form.required') }]}>
                <InputNumber min={0} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={12}>
              <Form.Item name="outOfCity" valuePropName="checked">
                <Checkbox>{t('trip.outOfCity')}</Checkbox>
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item name="startsAt" label={t('trip.startsAt')} rules={[{ required: true, message: t('form.required') }]}>
                <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format={PICKED} needConfirm={false} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="endsAt" label={t('trip.endsAt')} rules={[{ required: true, message: t('form.required') }]}>
                <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format={PICKED} needConfirm={false} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={busy} block>
            {t('trip.submit')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
