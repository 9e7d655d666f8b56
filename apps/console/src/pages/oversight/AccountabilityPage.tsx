import type { EvaluationAccountabilityEntryView, EvaluationAccountabilitySummaryView, EvaluationRecordViolationDto } from '@houqin/api-client';
import { Alert, App, Button, Card, Descriptions, Form, Input, Select, Space, Switch, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { businessMonth, cstInstant, cstWallClock, formatDateTime, formatYuan } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useLive } from '../../app/live';
import { useSession } from '../../app/session';
import { useSubmit } from '../../app/use-submit';
import { useLoad } from '../../app/use-load';
import { LoadState } from '../common';
import { PageTitle, TextCommand } from '../more/kit';
import { PartyName, useVendorNames } from './ComplaintHandlingPages';

const KINDS = ['upheld-complaint', 'violation', 'overdue-rectification'] as const;
const ANSWERABLE = ['vendor', 'internal-team', 'approving-manager', 'department', 'person'] as const;
const SERVICE_TYPES = ['maintenance', 'procurement', 'catering', 'transport', 'cleaning', 'security'] as const;
const SEVERITIES = ['minor', 'major', 'serious'] as const;

/** Accountability (问责): who answers for upheld complaints, violations and overdue rectifications; per person and per vendor; penalties per month. */
export function AccountabilityPage() {
  const { t } = useI18n();
  const { may } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'records';
  return (
    <>
      <PageTitle>{t('menu.accountability')}</PageTitle>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={[
          { key: 'records', label: t('accountability.records'), children: <RecordsTab /> },
          { key: 'lookup', label: t('accountability.lookup'), children: <LookupTab /> },
          ...(may('evaluation', 'violationsPenalties') ? [{ key: 'penalties', label: t('accountability.penalties'), children: <PenaltiesTab /> }] : []),
          ...(may('evaluation', 'violationsRecord') ? [{ key: 'record', label: t('accountability.recordViolation'), children: <RecordViolationTab onRecorded={() => setParams({ tab: 'records' }, { replace: true })} /> }] : []),
        ]}
      />
    </>
  );
}

function EntriesTable({ rows, onChanged }: { rows: EvaluationAccountabilityEntryView[]; onChanged(): void }) {
  const { t, locale } = useI18n();
  const { client, may } = useSession();
  const names = useVendorNames();
  return (
    <Table
      rowKey="id"
      size="small"
      scroll={{ x: true }}
      dataSource={rows}
      columns={[
        { title: t('violations.occurredAt'), dataIndex: 'occurredAt', render: (value: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(value, locale)}</span> },
        { title: t('accountability.kind'), dataIndex: 'kind', render: (value: string) => <Tag color={value === 'violation' ? 'volcano' : value === 'upheld-complaint' ? 'orange' : 'gold'}>{t(`offenceKind.${value}`)}</Tag> },
        { title: t('complaintCase.answerable'), dataIndex: 'answerable', render: (value: EvaluationAccountabilityEntryView['answerable']) => `${t(`answerable.${value.kind}`)} ${value.name ?? value.userId ?? value.departmentId ?? (value.vendorId ? (names[value.vendorId] ?? value.vendorId.slice(0, 8)) : '')}${value.role ? `（${value.role}）` : ''}` },
        { title: t('accountability.party'), dataIndex: 'party', render: (value: string) => <PartyName party={value} names={names} /> },
        { title: t('oversight.description'), dataIndex: 'description' },
        { title: t('violations.points'), dataIndex: 'penaltyPoints', align: 'right', render: (value?: number) => value ?? '—' },
        { title: t('violations.penalty'), dataIndex: 'penaltyAmountFen', align: 'right', render: (value?: number) => formatYuan(value, locale) },
        { title: t('common.status'), dataIndex: 'voided', render: (value: boolean, row) => (value ? <Tag title={row.voiding?.reason}>{t('status.voided')}</Tag> : <Tag color="orange">{t('accountability.standing')}</Tag>) },
        {
          title: t('common.actions'),
          render: (_, row) =>
            row.kind === 'violation' && !row.voided && may('evaluation', 'violationsVoid') && <TextCommand danger required label={t('accountability.void')} prompt={t('common.reason')} run={(reason) => client.evaluation.violationsVoid({ id: row.offenceId, body: { reason } })} onDone={onChanged} />,
        },
      ]}
    />
  );
}

function RecordsTab() {
  const { t } = useI18n();
  const { client } = useSession();
  const { tick } = useLive();
  const [kind, setKind] = useState<(typeof KINDS)[number]>();
  const [answerableKind, setAnswerableKind] = useState<(typeof ANSWERABLE)[number]>();
  const [includeVoided, setIncludeVoided] = useState(false);
  const loaded = useLoad(
    () => client.evaluation.accountabilityList({ limit: 200, includeVoided: includeVoided ? 'true' : 'false', ...(kind ? { kind } : {}), ...(answerableKind ? { answerableKind } : {}) }),
    [client, tick, kind, answerableKind, includeVoided],
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select allowClear aria-label={t('accountability.kind')} placeholder={t('accountability.kind')} style={{ width: 160 }} value={kind} onChange={setKind} options={KINDS.map((value) => ({ value, label: t(`offenceKind.${value}`) }))} />
        <Select allowClear aria-label={t('complaintCase.answerableKind')} placeholder={t('complaintCase.answerableKind')} style={{ width: 160 }} value={answerableKind} onChange={setAnswerableKind} options={ANSWERABLE.map((value) => ({ value, label: t(`answerable.${value}`) }))} />
        <Space>
          <Switch aria-label={t('accountability.includeVoided')} checked={includeVoided} onChange={setIncludeVoided} />
          {t('accountability.includeVoided')}
        </Space>
      </Space>
      <LoadState loaded={loaded} empty={(rows) => rows.length === 0}>
        {(rows) => <EntriesTable rows={rows} onChanged={loaded.reload} />}
      </LoadState>
    </Space>
  );
}

function Summary({ summary }: { summary: EvaluationAccountabilitySummaryView }) {
  const { t, locale } = useI18n();
  return (
    <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
      <Descriptions.Item label={t('accountability.entries')}>{`${summary.entries}（${t('status.voided')} ${summary.voided}）`}</Descriptions.Item>
      <Descriptions.Item label={t('violations.points')}>{summary.penaltyPoints}</Descriptions.Item>
      <Descriptions.Item label={t('violations.penalty')}>{formatYuan(summary.penaltyAmountFen, locale)}</Descriptions.Item>
      {KINDS.map((kind) => (
        <Descriptions.Item key={kind} label={t(`offenceKind.${kind}`)}>
          {summary.byKind[kind].standing}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

/** One person's or one vendor's record (个人/供应商问责记录). */
function LookupTab() {
  const { t } = useI18n();
  const { client, caller, may } = useSession();
  const names = useVendorNames();
  const readsAll = may('evaluation', 'accountabilityList');
  const [subject, setSubject] = useState<{ kind: 'person' | 'vendor'; id: string } | undefined>(caller?.vendorId ? { kind: 'vendor', id: caller.vendorId } : undefined);
  const [person, setPerson] = useState('');
  const loaded = useLoad(async () => (subject ? (subject.kind === 'person' ? client.evaluation.accountabilityPerson({ userId: subject.id }) : client.evaluation.accountabilityVendor({ vendorId: subject.id })) : undefined), [client, subject?.kind, subject?.id]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Space.Compact>
          <Input aria-label={t('accountability.personId')} placeholder={t('accountability.personId')} value={person} onChange={(event) => setPerson(event.target.value)} style={{ width: 240 }} />
          <Button disabled={!person.trim()} onClick={() => setSubject({ kind: 'person', id: person.trim() })}>
            {t('accountability.show')}
          </Button>
        </Space.Compact>
        {readsAll && !caller?.vendorId && (
          <Select aria-label={t('common.vendor')} placeholder={t('common.vendor')} showSearch optionFilterProp="label" style={{ width: 240 }} value={subject?.kind === 'vendor' ? subject.id : undefined} onChange={(id: string) => setSubject({ kind: 'vendor', id })} options={Object.entries(names).map(([value, label]) => ({ value, label }))} />
        )}
      </Space>
      {subject && (
        <LoadState loaded={loaded}>
          {(record) =>
            record && (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Summary summary={record.summary} />
                <EntriesTable rows={record.entries} onChanged={loaded.reload} />
              </Space>
            )
          }
        </LoadState>
      )}
    </Space>
  );
}

/** Penalties (扣款) per settlement month, per party and contract, for payment deduction. */
function PenaltiesTab() {
  const { t, locale } = useI18n();
  const { client } = useSession();
  const names = useVendorNames();
  const [period, setPeriod] = useState(businessMonth(new Date()));
  const loaded = useLoad(() => client.evaluation.violationsPenalties({ period }), [client, period]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select aria-label={t('common.period')} style={{ width: 140 }} value={period} onChange={setPeriod} options={[0, -1, -2, -3, -4, -5].map((offset) => ({ value: businessMonth(new Date(), offset), label: businessMonth(new Date(), offset) }))} />
      <LoadState loaded={loaded}>
        {(penalties) => (
          <Table
            rowKey={(row) => `${row.party}-${row.contractId ?? ''}`}
            size="small"
            pagination={false}
            dataSource={penalties.lines}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={3}>
                  {t('accountability.total')}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {formatYuan(penalties.totalAmount, locale)}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
            columns={[
              { title: t('accountability.party'), dataIndex: 'party', render: (value: string) => <PartyName party={value} names={names} /> },
              { title: t('accountability.count'), dataIndex: 'count', align: 'right' },
              { title: t('violations.points'), dataIndex: 'points', align: 'right' },
              { title: t('violations.penalty'), dataIndex: 'amount', align: 'right', render: (value: number) => formatYuan(value, locale) },
            ]}
          />
        )}
      </LoadState>
    </Space>
  );
}

interface ViolationValues {
  party: string;
  serviceType: EvaluationRecordViolationDto['serviceType'];
  severity: EvaluationRecordViolationDto['severity'];
  description: string;
  occurredAt: string;
  answerableName?: string;
  answerableRole?: string;
}

/** A violation recorded by hand (人工记录违规), with who answers for it when not the party. */
function RecordViolationTab({ onRecorded }: { onRecorded(): void }) {
  const { t } = useI18n();
  const { client } = useSession();
  const { message } = App.useApp();
  const names = useVendorNames();
  const [form] = Form.useForm<ViolationValues>();
  const { busy, failure, submit } = useSubmit(form, async (values: ViolationValues) => {
    await client.evaluation.violationsRecord({
      body: {
        party: values.party,
        serviceType: values.serviceType,
        severity: values.severity,
        description: values.description.trim(),
        occurredAt: cstInstant(values.occurredAt),
        ...(values.answerableName?.trim() ? { answerable: [{ kind: 'person' as const, name: values.answerableName.trim(), ...(values.answerableRole?.trim() ? { role: values.answerableRole.trim() } : {}) }] } : {}),
      },
    });
    message.success(t('accountability.recorded'));
    form.resetFields();
    onRecorded();
  });
  return (
    <Card style={{ maxWidth: 720 }}>
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ severity: 'minor', occurredAt: cstWallClock(Date.now()) }} onFinish={(values) => void submit(values)}>
        <Form.Item name="party" label={t('accountability.party')} rules={[{ required: true, message: t('form.required') }]}>
          <Select showSearch optionFilterProp="label" options={[{ value: 'internal-team', label: t('oversight.internalTeam') }, ...Object.entries(names).map(([value, label]) => ({ value, label }))]} />
        </Form.Item>
        <Form.Item name="serviceType" label={t('scorecards.service')} rules={[{ required: true, message: t('form.required') }]}>
          <Select options={SERVICE_TYPES.map((value) => ({ value, label: t(`service.${value}`) }))} />
        </Form.Item>
        <Form.Item name="severity" label={t('violations.severity')} rules={[{ required: true, message: t('form.required') }]}>
          <Select options={SEVERITIES.map((value) => ({ value, label: t(`severity.${value}`) }))} />
        </Form.Item>
        <Form.Item name="description" label={t('oversight.description')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="occurredAt" label={t('accountability.occurredAtCst')} rules={[{ required: true, message: t('form.required') }]}>
          <Input type="datetime-local" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="answerableName" label={t('accountability.answerablePerson')}>
            <Input />
          </Form.Item>
          <Form.Item name="answerableRole" label={t('complaintCase.answerableRole')}>
            <Input />
          </Form.Item>
        </Space>
        <Button type="primary" htmlType="submit" loading={busy} style={{ display: 'block' }}>
          {t('accountability.recordViolation')}
        </Button>
      </Form>
    </Card>
  );
}
