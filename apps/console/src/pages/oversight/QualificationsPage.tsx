import type { EvaluationHolderDto, EvaluationQualificationView, EvaluationRecordQualificationDto } from '@houqin/api-client';
import { Button, Checkbox, Form, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { formatDate, formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useLive } from '../../app/live';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/use-load';
import { LoadState } from '../common';
import { FormModal, LinkedTabs, PageTitle } from '../more/kit';
import { PartyName, useVendorNames } from './ComplaintHandlingPages';
import { daysUntil, expiryTone } from './oversight-rules';

const TYPES = ['electrician-certificate', 'lift-operator-certificate', 'food-handler-health-certificate', 'driver-licence', 'other'] as const;
const EXPIRY_FILTERS = ['all', 'expiring', 'expired'] as const;
/** A calendar date as the API keeps it (YYYY-MM-DD, China Standard Time), shown in the locale. */
const showDate = (date: string, locale: 'zh-CN' | 'en') => formatDate(`${date}T00:00:00+08:00`, locale);

/** Qualifications (资质证书) and training records (培训记录) of the internal team's and the vendors' staff, expiry flagged. */
export function QualificationsPage() {
  const { t } = useI18n();
  return (
    <>
      <PageTitle>{t('menu.qualifications')}</PageTitle>
      <LinkedTabs
        items={[
          { key: 'qualifications', label: t('qualifications.certificates'), children: <CertificatesTab /> },
          { key: 'training', label: t('qualifications.training'), children: <TrainingTab /> },
        ]}
      />
    </>
  );
}

function HolderText({ holder, names }: { holder: EvaluationQualificationView['holder']; names: Record<string, string> }) {
  const { t } = useI18n();
  return (
    <Space size={4} wrap>
      {holder.name}
      {holder.kind === 'vendor-staff' ? (
        <>
          <PartyName party={holder.vendorId} names={names} />
          {holder.staffNumber && <Tag>{holder.staffNumber}</Tag>}
        </>
      ) : (
        <Tag>{t('oversight.internalTeam')}</Tag>
      )}
    </Space>
  );
}

function CertificatesTab() {
  const { t, locale } = useI18n();
  const { client, may } = useSession();
  const { tick } = useLive();
  const names = useVendorNames();
  const [filter, setFilter] = useState<(typeof EXPIRY_FILTERS)[number]>('all');
  const [registering, setRegistering] = useState(false);
  const loaded = useLoad(() => client.evaluation.qualificationsList({ limit: 500, ...(filter === 'expired' ? { expired: 'true' } : filter === 'expiring' ? { expiringWithinDays: 30 } : {}) }), [client, tick, filter]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select aria-label={t('qualifications.expiryFilter')} style={{ width: 200 }} value={filter} onChange={setFilter} options={EXPIRY_FILTERS.map((value) => ({ value, label: t(`qualifications.filter.${value}`) }))} />
        {may('evaluation', 'qualificationsRecord') && (
          <Button type="primary" onClick={() => setRegistering(true)}>
            {t('qualifications.register')}
          </Button>
        )}
      </Space>
      <LoadState loaded={loaded} empty={(rows) => rows.length === 0}>
        {(rows) => (
          <Table
            rowKey="id"
            size="small"
            scroll={{ x: true }}
            dataSource={rows}
            columns={[
              { title: t('qualifications.holder'), dataIndex: 'holder', render: (value: EvaluationQualificationView['holder']) => <HolderText holder={value} names={names} /> },
              { title: t('qualifications.type'), render: (_, row) => <Space size={4}>{row.label ?? t(`qualificationType.${row.type}`)}{row.mandatory && <Tag color="blue">{t('qualifications.mandatory')}</Tag>}</Space> },
              { title: t('qualifications.number'), dataIndex: 'certificateNumber' },
              { title: t('qualifications.issuedOn'), dataIndex: 'issuedOn', render: (value: string) => showDate(value, locale) },
              {
                title: t('qualifications.expiresOn'),
                dataIndex: 'expiresOn',
                render: (value: string, row) => {
                  const days = daysUntil(value, Date.now());
                  return (
                    <Space size={4}>
                      {showDate(value, locale)}
                      <Tag color={expiryTone(row)}>{row.status === 'expired' ? t('qualificationStatus.expired') : row.status === 'expiring' ? `${days} ${t('qualifications.daysLeft')}` : t('qualificationStatus.valid')}</Tag>
                    </Space>
                  );
                },
              },
              { title: t('qualifications.renewals'), render: (_, row) => Math.max(0, row.history.length - 1) },
              { title: t('common.actions'), render: (_, row) => may('evaluation', 'qualificationsRenew') && <RenewCommand qualification={row} onDone={loaded.reload} /> },
            ]}
          />
        )}
      </LoadState>
      {registering && <RegisterModal onClose={() => setRegistering(false)} onDone={() => (setRegistering(false), loaded.reload())} />}
    </Space>
  );
}

/** The fields naming whose record it is: a member of the internal team, or a vendor's staff (a vendor's account: its own). */
function HolderFields() {
  const { t } = useI18n();
  const { caller } = useSession();
  const names = useVendorNames();
  return (
    <>
      <Form.Item name={['holder', 'kind']} label={t('qualifications.holderKind')} rules={[{ required: true, message: t('form.required') }]}>
        <Select disabled={!!caller?.vendorId} options={(['internal-staff', 'vendor-staff'] as const).map((value) => ({ value, label: t(`holderKind.${value}`) }))} />
      </Form.Item>
      <Form.Item name={['holder', 'name']} label={t('qualifications.holderName')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
        <Input />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(before: { holder?: EvaluationHolderDto }, after: { holder?: EvaluationHolderDto }) => before.holder?.kind !== after.holder?.kind}>
        {({ getFieldValue }) =>
          getFieldValue(['holder', 'kind']) === 'vendor-staff' ? (
            <Space wrap>
              <Form.Item name={['holder', 'vendorId']} label={t('common.vendor')} rules={[{ required: true, message: t('form.required') }]}>
                <Select disabled={!!caller?.vendorId} showSearch optionFilterProp="label" style={{ width: 240 }} options={Object.entries(names).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
              <Form.Item name={['holder', 'staffNumber']} label={t('qualifications.staffNumber')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
                <Input />
              </Form.Item>
            </Space>
          ) : (
            <Form.Item name={['holder', 'userId']} label={t('complaintCase.userId')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
              <Input />
            </Form.Item>
          )
        }
      </Form.Item>
    </>
  );
}

/** Only the holder's fields that belong to its kind go to the API. */
function holderOf(holder: EvaluationHolderDto): EvaluationHolderDto {
  return holder.kind === 'vendor-staff' ? { kind: holder.kind, name: holder.name.trim(), vendorId: holder.vendorId!, staffNumber: holder.staffNumber!.trim() } : { kind: holder.kind, name: holder.name.trim(), userId: holder.userId!.trim() };
}

function RegisterModal({ onClose, onDone }: { onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { client, caller } = useSession();
  return (
    <FormModal<EvaluationRecordQualificationDto>
      title={t('qualifications.register')}
      initialValues={{ holder: caller?.vendorId ? { kind: 'vendor-staff', name: '', vendorId: caller.vendorId } : { kind: 'internal-staff', name: '' }, mandatory: true }}
      run={({ label, ...values }) => client.evaluation.qualificationsRecord({ body: { ...values, holder: holderOf(values.holder), certificateNumber: values.certificateNumber.trim(), ...(label?.trim() ? { label: label.trim() } : {}) } })}
      onClose={onClose}
      onDone={onDone}
    >
      <HolderFields />
      <Form.Item name="type" label={t('qualifications.type')} rules={[{ required: true, message: t('form.required') }]}>
        <Select options={TYPES.map((value) => ({ value, label: t(`qualificationType.${value}`) }))} />
      </Form.Item>
      <Form.Item name="label" label={t('qualifications.label')} extra={t('qualifications.labelHelp')}>
        <Input />
      </Form.Item>
      <Form.Item name="mandatory" valuePropName="checked">
        <Checkbox>{t('qualifications.mandatoryHelp')}</Checkbox>
      </Form.Item>
      <Form.Item name="certificateNumber" label={t('qualifications.number')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
        <Input />
      </Form.Item>
      <Space wrap>
        <Form.Item name="issuedOn" label={t('qualifications.issuedOn')} rules={[{ required: true, message: t('form.required') }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="expiresOn" label={t('qualifications.expiresOn')} rules={[{ required: true, message: t('form.required') }]}>
          <Input type="date" />
        </Form.Item>
      </Space>
    </FormModal>
  );
}

function RenewCommand({ qualification, onDone }: { qualification: EvaluationQualificationView; onDone(): void }) {
  const { t } = useI18n();
  const { client } = useSession();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        {t('qualifications.renew')}
      </Button>
      {open && (
        <FormModal<{ expiresOn: string; issuedOn?: string; certificateNumber?: string }>
          title={t('qualifications.renew')}
          initialValues={{}}
          run={(values) => client.evaluation.qualificationsRenew({ id: qualification.id, body: { expiresOn: values.expiresOn, ...(values.issuedOn ? { issuedOn: values.issuedOn } : {}), ...(values.certificateNumber?.trim() ? { certificateNumber: values.certificateNumber.trim() } : {}) } })}
          onClose={() => setOpen(false)}
          onDone={() => (setOpen(false), onDone())}
        >
          <Form.Item name="expiresOn" label={t('qualifications.newExpiresOn')} extra={`${t('qualifications.inForceUntil')} ${qualification.expiresOn}`} rules={[{ required: true, message: t('form.required') }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="issuedOn" label={t('qualifications.newIssuedOn')}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="certificateNumber" label={t('qualifications.newNumber')}>
            <Input />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}

function TrainingTab() {
  const { t, locale } = useI18n();
  const { client, may } = useSession();
  const names = useVendorNames();
  const [recording, setRecording] = useState(false);
  const loaded = useLoad(() => client.evaluation.qualificationsTraining({ limit: 500 }), [client]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {may('evaluation', 'qualificationsRecordTraining') && (
        <Button type="primary" onClick={() => setRecording(true)}>
          {t('qualifications.recordTraining')}
        </Button>
      )}
      <LoadState loaded={loaded} empty={(rows) => rows.length === 0}>
        {(rows) => (
          <Table
            rowKey="id"
            size="small"
            scroll={{ x: true }}
            dataSource={rows}
            columns={[
              { title: t('qualifications.holder'), dataIndex: 'holder', render: (value: EvaluationQualificationView['holder']) => <HolderText holder={value} names={names} /> },
              { title: t('qualifications.course'), dataIndex: 'course' },
              { title: t('qualifications.hours'), dataIndex: 'hours', align: 'right', render: (value: number) => formatNumber(value, locale) },
              { title: t('qualifications.completedOn'), dataIndex: 'completedOn', render: (value: string) => showDate(value, locale) },
              { title: t('qualifications.number'), render: (_, row) => row.certificate?.number ?? '—' },
            ]}
          />
        )}
      </LoadState>
      {recording && (
        <TrainingModal onClose={() => setRecording(false)} onDone={() => (setRecording(false), loaded.reload())} />
      )}
    </Space>
  );
}

function TrainingModal({ onClose, onDone }: { onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { client, caller } = useSession();
  return (
    <FormModal<{ holder: EvaluationHolderDto; course: string; hours: number; completedOn: string; certificateNumber?: string }>
      title={t('qualifications.recordTraining')}
      initialValues={{ holder: caller?.vendorId ? { kind: 'vendor-staff', name: '', vendorId: caller.vendorId } : { kind: 'internal-staff', name: '' } }}
      run={(values) =>
        client.evaluation.qualificationsRecordTraining({ body: { holder: holderOf(values.holder), course: values.course.trim(), hours: values.hours, completedOn: values.completedOn, ...(values.certificateNumber?.trim() ? { certificate: { number: values.certificateNumber.trim() } } : {}) } })
      }
      onClose={onClose}
      onDone={onDone}
    >
      <HolderFields />
      <Form.Item name="course" label={t('qualifications.course')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
        <Input />
      </Form.Item>
      <Space wrap>
        <Form.Item name="hours" label={t('qualifications.hours')} rules={[{ required: true, message: t('form.required') }]}>
          <InputNumber min={0.1} step={0.5} precision={1} />
        </Form.Item>
        <Form.Item name="completedOn" label={t('qualifications.completedOn')} rules={[{ required: true, message: t('form.required') }]}>
          <Input type="date" />
        </Form.Item>
      </Space>
      <Form.Item name="certificateNumber" label={t('qualifications.trainingCertificate')}>
        <Input />
      </Form.Item>
    </FormModal>
  );
}
