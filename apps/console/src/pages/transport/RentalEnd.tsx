import type { TransportEndTripDto, TransportTripView } from '@houqin/api-client';
import { Alert, App, Button, Form, InputNumber, Modal } from 'antd';
import { fenFromYuan } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useSession } from '../../app/session';
import { useSubmit } from '../../app/use-submit';
import { CommandButton } from '../more/kit';

/** The form's names are the API's fields, so its refusals land beside them; money is typed in yuan. */
interface RentalEndValues {
  distanceKm: number;
  rentalFen: number;
  tollsFen?: number;
  parkingFen?: number;
}

/**
 * 收车 for a rental trip: no odometer of ours — the distance the rental company reports, its charge,
 * and the tolls and parking, typed in yuan and sent in fen.
 */
function RentalEndForm({ trip, onDone }: { trip: TransportTripView; onDone(): void }) {
  const { t } = useI18n();
  const { client } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<RentalEndValues>();
  const { busy, failure, submit: finish } = useSubmit(form, async (values: RentalEndValues) => {
    const body: TransportEndTripDto = { distanceKm: values.distanceKm };
    for (const name of ['rentalFen', 'tollsFen', 'parkingFen'] as const) {
      const fen = fenFromYuan(values[name]);
      if (fen !== undefined) body[name] = fen;
    }
    await client.transport.tripsEnd({ id: trip.id, body });
    message.success(t('driving.ended'));
    onDone();
  });
  const yuan = (name: keyof RentalEndValues, label: string, required = false) => (
    <Form.Item name={name} label={label} rules={required ? [{ required: true, message: t('form.required') }] : []}>
      <InputNumber min={0} precision={2} step={1} prefix="¥" inputMode="decimal" style={{ width: '100%' }} />
    </Form.Item>
  );
  return (
    <Form form={form} name={`rental-end-${trip.id}`} layout="vertical" onFinish={(values) => void finish(values)}>
      {failure && <Alert type="error" showIcon message={failure} role="alert" style={{ marginBottom: 8 }} />}
      <Form.Item name="distanceKm" label={t('rentalEnd.distance')} rules={[{ required: true, message: t('form.required') }]}>
        <InputNumber min={0} precision={0} inputMode="numeric" style={{ width: '100%' }} />
      </Form.Item>
      {yuan('rentalFen', t('rentalEnd.charge'), true)}
      {yuan('tollsFen', t('driving.tolls'))}
      {yuan('parkingFen', t('driving.parking'))}
      <Button type="primary" htmlType="submit" loading={busy} block>
        {t('driving.end')}
      </Button>
    </Form>
  );
}

/** 收车 for a rental trip in a dialog of its own, held by the page, so the list read again (live) leaves it alone. */
export function RentalEndDialog({ trip, onClose, onDone }: { trip: TransportTripView | undefined; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  return (
    <Modal open={!!trip} title={trip ? `${t('rentalEnd.title')} · ${trip.purpose}` : undefined} footer={null} maskClosable={false} destroyOnHidden onCancel={onClose}>
      {trip && (
        <RentalEndForm
          trip={trip}
          onDone={() => {
            onClose();
            onDone();
          }}
        />
      )}
    </Modal>
  );
}

/** A rental trip's 出发 (no odometer: the vehicle is the rental company's) and 收车, for the operator. */
export function RentalTripActions({ trip, onDone, onEnd }: { trip: TransportTripView; onDone(): void; onEnd(): void }) {
  const { t } = useI18n();
  const { client, may } = useSession();
  if (trip.assignment?.kind !== 'rental' || !may('transport', 'tripsEnd')) return null;
  if (trip.status === 'dispatched') return <CommandButton label={t('driving.start')} run={() => client.transport.tripsStart({ id: trip.id, body: {} })} onDone={onDone} />;
  if (trip.status !== 'in-progress') return null;
  return (
    <Button size="small" type="primary" onClick={onEnd}>
      {t('driving.end')}
    </Button>
  );
}
