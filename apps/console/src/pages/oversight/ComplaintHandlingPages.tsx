import type { EvaluationComplaintView, EvaluationDecisionView } from '@houqin/api-client';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Radio, Row, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useLive } from '../../app/live';
import { PersonName, usePeopleNames } from '../../app/people';
import { useSession } from '../../app/session';
import { useSubmit } from '../../app/use-submit';
import { useLoad } from '../../app/use-load';
import { LoadState, StatusTag } from '../common';
import { PageTitle } from '../more/kit';
import { ComplaintCommand, ComplaintOperation, complaintCommands } from './oversight-rules';

const STATUSES = ['filed', 'under-investigation', 'decided', 'appealed', 'appeal-decided', 'withdrawn'] as const;
type Status = (typeof STATUSES)[number];
const SEVERITIES = ['minor', 'major', 'serious'] as const;
const CATEGORIES = ['service-quality', 'timeliness', 'staff-conduct', 'safety', 'hygiene', 'billing', 'other'] as const;
const ANSWERABLE_KINDS = ['person', 'approving-manager', 'department'] as const;
const INTERNAL_TEAM = 'internal-team';

/** The commands the caller has on a complaint, from its state and the policy table. */
export function useComplaintCommands(): (complaint: EvaluationComplaintView) => ComplaintCommand[] {
  const { may, caller } = useSession();
  return (complaint) => complaintCommands(complaint, caller?.userId, (operation: ComplaintOperation) => may('evaluation', operation), Date.now());
}

/** Vendor names by id, for the parties complaints and sanctions name (the registry, when the caller may read it). */
export function useVendorNames(): Record<string, string> {
  const { client, may } = useSession();
  const vendors = useLoad(async () => (may('procurement', 'vendorsList') ? client.procurement.vendorsList({ limit: 200 }) : []), [client]);
  return Object.fromEntries((vendors.data ?? []).map((vendor) => [vendor.id, vendor.name]));
}

export function PartyName({ party, names }: { party: string | undefined; names: Record<string, string> }) {
  const { t } = useI18n();
  if (!party) return <>—</>;
  if (party === INTERNAL_TEAM) return <>{t('oversight.internalTeam')}</>;
  return <Link to={`/vendors/${party}`}>{names[party] ?? party.slice(0, 8)}</Link>;
}

/** Complaint handling (投诉处理): the agency's complaints by state, overdue answers flagged, each opened to be handled. */
export function ComplaintHandlingPage() {
  const { t, locale } = useI18n();
  const { client } = useSession();
  const { tick } = useLive();
  const [status, setStatus] = useState<Status | 'all'>('all');
  const names = useVendorNames();
  const loaded = useLoad(() => client.evaluation.complaintsList({ limit: 200, ...(status === 'all' ? {} : { status }) }), [client, tick, status]);
  return (
    <>
      <PageTitle
        extra={
          <Select<Status | 'all'>
            aria-label={t('common.status')}
            style={{ width: 160 }}
            value={status}
            onChange={setStatus}
            options={[{ value: 'all', label: t('common.all') }, ...STATUSES.map((value) => ({ value, label: t(`status.${value}`) }))]}
          />
        }
      >
        {t('menu.complaintHandling')}
      </PageTitle>
      <LoadState loaded={loaded} empty={(rows) => rows.length === 0}>
        {(rows) => (
          <Table
            rowKey="id"
            size="small"
            scroll={{ x: true }}
            dataSource={rows}
            columns={[
              { title: t('common.filedAt'), dataIndex: 'filedAt', render: (value: string) => formatDateTime(value, locale) },
              { title: t('complaints.category'), dataIndex: 'category', render: (value: string) => t(`complaintCategory.${value}`) },
              { title: t('complaints.description'), dataIndex: 'description', render: (value: string, row) => <Link to={`/complaint-handling/${row.id}`}>{value}</Link> },
              { title: t('complaintCase.party'), dataIndex: 'party', render: (value?: string) => <PartyName party={value} names={names} /> },
              { title: t('common.status'), dataIndex: 'status', render: (value: string, row) => <Space size={4}><StatusTag status={value} />{row.outcome && <Tag color={row.outcome === 'upheld' ? 'orange' : 'default'}>{t(`outcome.${row.outcome}`)}</Tag>}</Space> },
              { title: t('complaints.responseDue'), dataIndex: 'responseDueAt', render: (value: string, row) => <Space>{formatDateTime(value, locale)}{row.responseOverdue && <Tag color="red">{t('status.overdue')}</Tag>}</Space> },
            ]}
          />
        )}
      </LoadState>
    </>
  );
}

/** One command's form: runs it, re-reads the complaint, shows the API's refusals beside the fields they name. */
function CommandForm<T extends object>({ title, submitLabel, run, onDone, children, initialValues, testId }: { title: string; submitLabel: string; run(values: T): Promise<unknown>; onDone(): void; children: ReactNode; initialValues?: Partial<T>; testId: string }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<T>();
  const { busy, failure, submit } = useSubmit(form, async (values: T) => {
    await run(values);
    message.success(`${submitLabel} ✓`);
    form.resetFields();
    onDone();
  });
  return (
    <Card size="small" title={title} data-testid={testId}>
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={(values) => void submit(values)}>
        {children}
        <Button type="primary" htmlType="submit" loading={busy}>
          {submitLabel}
        </Button>
      </Form>
    </Card>
  );
}

interface DecisionValues {
  outcome: 'upheld' | 'rejected';
  reasons: string;
  answerable?: Array<{ kind: (typeof ANSWERABLE_KINDS)[number]; userId?: string; name?: string; departmentId?: string; role?: string }>;
}

/** The fields of a decision (first or on appeal): the outcome, the reasons (the response to the complainant), and when upheld who answers (问责). */
function DecisionFields() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="outcome" label={t('complaintCase.outcome')} rules={[{ required: true, message: t('form.required') }]}>
        <Radio.Group options={(['upheld', 'rejected'] as const).map((value) => ({ value, label: t(`outcome.${value}`) }))} />
      </Form.Item>
      <Form.Item name="reasons" label={t('complaints.reasons')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(before: DecisionValues, after: DecisionValues) => before.outcome !== after.outcome}>
        {({ getFieldValue }) =>
          getFieldValue('outcome') === 'upheld' && (
            <Form.List name="answerable">
              {(fields, { add, remove }) => (
                <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
                  <Typography.Text type="secondary">{t('complaintCase.answerableHelp')}</Typography.Text>
                  {fields.map((field) => (
                    <Space key={field.key} wrap align="start">
                      <Form.Item name={[field.name, 'kind']} label={t('complaintCase.answerableKind')} rules={[{ required: true, message: t('form.required') }]}>
                        <Select style={{ width: 140 }} options={ANSWERABLE_KINDS.map((value) => ({ value, label: t(`answerable.${value}`) }))} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'name']} label={t('complaintCase.answerableName')}>
                        <Input style={{ width: 140 }} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'userId']} label={t('complaintCase.userId')}>
                        <Input style={{ width: 180 }} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'departmentId']} label={t('complaintCase.departmentId')}>
                        <Input style={{ width: 180 }} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'role']} label={t('complaintCase.answerableRole')}>
                        <Input style={{ width: 200 }} />
                      </Form.Item>
                      <Button type="link" onClick={() => remove(field.name)} style={{ marginTop: 30 }}>
                        {t('common.remove')}
                      </Button>
                    </Space>
                  ))}
                  <Button size="small" onClick={() => add({ kind: 'person' })}>
                    {t('complaintCase.addAnswerable')}
                  </Button>
                </Space>
              )}
            </Form.List>
          )
        }
      </Form.Item>
    </>
  );
}

const decisionBody = (values: DecisionValues) => ({
  outcome: values.outcome,
  reasons: values.reasons.trim(),
  ...(values.outcome === 'upheld' && values.answerable?.length
    ? { answerable: values.answerable.map((entry) => Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined && value !== '')) as NonNullable<DecisionValues['answerable']>[number]) }
    : {}),
});

function DecisionCard({ title, decision, people }: { title: string; decision: EvaluationDecisionView; people: Map<string, string> }) {
  const { t, locale } = useI18n();
  return (
    <Card size="small" title={title}>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('complaintCase.outcome')}>
          <Tag color={decision.outcome === 'upheld' ? 'orange' : 'default'}>{t(`outcome.${decision.outcome}`)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('complaints.reasons')}>{decision.reasons}</Descriptions.Item>
        <Descriptions.Item label={t('complaintCase.decidedBy')}>
          <PersonName id={decision.decidedBy} names={people} />
          {` · ${formatDateTime(decision.decidedAt, locale)}`}
        </Descriptions.Item>
        {decision.answerable.length > 0 && (
          <Descriptions.Item label={t('complaintCase.answerable')}>
            <Space size={4} wrap>
              {decision.answerable.map((entry, index) => (
                <Tag key={index} style={{ whiteSpace: 'normal' }}>
                  {`${t(`answerable.${entry.kind}`)} ${entry.name ?? entry.userId ?? entry.departmentId ?? entry.vendorId ?? ''}${entry.role ? `（${entry.role}）` : ''}`}
                </Tag>
              ))}
            </Space>
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}

/** One complaint handled: what was filed, its triage, evidence, the decision and the appeal; the commands its state allows. */
export function ComplaintCasePage() {
  const { id } = useParams();
  const { t, locale } = useI18n();
  const { client, caller, may } = useSession();
  const { tick } = useLive();
  const names = useVendorNames();
  const commandsOf = useComplaintCommands();
  const loaded = useLoad(() => client.evaluation.complaintsGet({ id: id! }), [client, id, tick]);
  const shown = loaded.data;
  const people = usePeopleNames([shown?.complainantId, shown?.triage?.investigatorId, shown?.triage?.triagedBy, shown?.decision?.decidedBy, shown?.appeal?.decision?.decidedBy]);
  const vendorOptions = Object.entries(names).map(([value, label]) => ({ value, label }));
  return (
    <LoadState loaded={loaded}>
      {(complaint) => {
        const commands = commandsOf(complaint);
        return (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <PageTitle extra={<Link to="/complaint-handling">{t('complaintCase.back')}</Link>}>{t('complaintCase.title')}</PageTitle>
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={12}>
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Card size="small" title={t('complaintCase.filed')}>
                    <Descriptions column={1} size="small">
                      <Descriptions.Item label={t('common.status')}>
                        <Space size={4}>
                          <StatusTag status={complaint.status} />
                          {complaint.outcome && <Tag color={complaint.outcome === 'upheld' ? 'orange' : 'default'}>{t(`outcome.${complaint.outcome}`)}</Tag>}
                          {complaint.responseOverdue && <Tag color="red">{t('status.overdue')}</Tag>}
                        </Space>
                      </Descriptions.Item>
                      <Descriptions.Item label={t('complaints.category')}>{t(`complaintCategory.${complaint.category}`)}</Descriptions.Item>
                      <Descriptions.Item label={t('complaints.description')}>{complaint.description}</Descriptions.Item>
                      <Descriptions.Item label={t('complaintCase.party')}>
                        <PartyName party={complaint.party} names={names} />
                      </Descriptions.Item>
                      {complaint.serviceType === 'maintenance' && complaint.instanceId && (
                        <Descriptions.Item label={t('complaints.workOrder')}>
                          <Link to={`/work-orders/${complaint.instanceId}`}>{complaint.instanceId.slice(0, 8)}</Link>
                        </Descriptions.Item>
                      )}
                      <Descriptions.Item label={t('complaintCase.complainant')}><PersonName id={complaint.complainantId} names={people} />{complaint.anonymousToVendor && <Tag style={{ marginLeft: 8 }}>{t('complaints.anonymous')}</Tag>}</Descriptions.Item>
                      <Descriptions.Item label={t('common.filedAt')}>{formatDateTime(complaint.filedAt, locale)}</Descriptions.Item>
                      <Descriptions.Item label={t('complaints.responseDue')}>{formatDateTime(complaint.responseDueAt, locale)}</Descriptions.Item>
                      {complaint.handlingMinutes !== undefined && <Descriptions.Item label={t('complaintCase.handlingMinutes')}>{complaint.handlingMinutes}</Descriptions.Item>}
                      {complaint.withdrawnAt && <Descriptions.Item label={t('status.withdrawn')}>{`${formatDateTime(complaint.withdrawnAt, locale)} ${complaint.withdrawalReason ?? ''}`}</Descriptions.Item>}
                    </Descriptions>
                  </Card>
                  {complaint.triage && (
                    <Card size="small" title={t('complaintCase.triage')}>
                      <Descriptions column={1} size="small">
                        <Descriptions.Item label={t('violations.severity')}>{t(`severity.${complaint.triage.severity}`)}</Descriptions.Item>
                        <Descriptions.Item label={t('complaintCase.investigator')}>
                          <PersonName id={complaint.triage.investigatorId} names={people} />
                        </Descriptions.Item>
                        <Descriptions.Item label={t('complaintCase.triagedBy')}>
                          <PersonName id={complaint.triage.triagedBy} names={people} />
                          {` · ${formatDateTime(complaint.triage.triagedAt, locale)}`}
                        </Descriptions.Item>
                        {complaint.triage.note && <Descriptions.Item label={t('common.comment')}>{complaint.triage.note}</Descriptions.Item>}
                      </Descriptions>
                    </Card>
                  )}
                  <Card size="small" title={t('complaintCase.evidence')} data-testid="complaint-evidence">
                    {complaint.evidence.length === 0 ? (
                      <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>
                    ) : (
                      <Timeline
                        items={complaint.evidence.map((item) => ({
                          children: (
                            <Space direction="vertical" size={0}>
                              <Typography.Text>{item.description}</Typography.Text>
                              {item.attachments.map((file) => (
                                <Typography.Link key={file.url} href={file.url} target="_blank" rel="noreferrer">
                                  {file.fileName}
                                </Typography.Link>
                              ))}
                              <Typography.Text type="secondary">{`${item.addedBy} · ${formatDateTime(item.addedAt, locale)}`}</Typography.Text>
                            </Space>
                          ),
                        }))}
                      />
                    )}
                  </Card>
                  {complaint.decision && <DecisionCard title={t('complaintCase.decision')} decision={complaint.decision} people={people} />}
                  {complaint.appeal && (
                    <Card size="small" title={t('complaintCase.appeal')}>
                      <Typography.Paragraph>{complaint.appeal.reasons}</Typography.Paragraph>
                      <Typography.Text type="secondary">{formatDateTime(complaint.appeal.appealedAt, locale)}</Typography.Text>
                    </Card>
                  )}
                  {complaint.appeal?.decision && <DecisionCard title={t('complaintCase.appealDecision')} decision={complaint.appeal.decision} people={people} />}
                </Space>
              </Col>
              <Col xs={24} lg={12}>
                <Space direction="vertical" style={{ width: '100%' }}>
                  {commands.includes('triage') && (
                    <CommandForm<{ severity: (typeof SEVERITIES)[number]; investigatorId: string; party?: string; category?: (typeof CATEGORIES)[number]; note?: string }>
                      testId="complaint-triage"
                      title={t('action.investigate')}
                      submitLabel={t('action.investigate')}
                      initialValues={{ severity: 'minor', investigatorId: caller?.userId ?? '' }}
                      run={(values) => client.evaluation.complaintsTriage({ id: complaint.id, body: { severity: values.severity, investigatorId: values.investigatorId.trim(), ...(values.party ? { party: values.party } : {}), ...(values.category ? { category: values.category } : {}), ...(values.note?.trim() ? { note: values.note.trim() } : {}) } })}
                      onDone={loaded.reload}
                    >
                      <Form.Item name="severity" label={t('violations.severity')} rules={[{ required: true, message: t('form.required') }]}>
                        <Select options={SEVERITIES.map((value) => ({ value, label: t(`severity.${value}`) }))} />
                      </Form.Item>
                      <Form.Item name="investigatorId" label={t('complaintCase.investigator')} extra={t('complaintCase.investigatorHelp')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
                        <Input />
                      </Form.Item>
                      <Form.Item name="party" label={t('complaintCase.party')} extra={t('complaintCase.partyHelp')}>
                        <Select allowClear showSearch optionFilterProp="label" options={[{ value: INTERNAL_TEAM, label: t('oversight.internalTeam') }, ...vendorOptions]} />
                      </Form.Item>
                      <Form.Item name="category" label={t('complaintCase.correctCategory')}>
                        <Select allowClear options={CATEGORIES.map((value) => ({ value, label: t(`complaintCategory.${value}`) }))} />
                      </Form.Item>
                      <Form.Item name="note" label={t('common.comment')}>
                        <Input.TextArea rows={2} />
                      </Form.Item>
                    </CommandForm>
                  )}
                  {commands.includes('evidence') && (
                    <CommandForm<{ description: string }>
                      testId="complaint-add-evidence"
                      title={t('complaintCase.addEvidence')}
                      submitLabel={t('complaintCase.addEvidence')}
                      run={(values) => client.evaluation.complaintsAddEvidence({ id: complaint.id, body: { description: values.description.trim() } })}
                      onDone={loaded.reload}
                    >
                      <Form.Item name="description" label={t('complaintCase.evidenceDescription')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
                        <Input.TextArea rows={2} />
                      </Form.Item>
                    </CommandForm>
                  )}
                  {commands.includes('decide') && (
                    <CommandForm<DecisionValues> testId="complaint-decide" title={t('complaintCase.decide')} submitLabel={t('complaintCase.decide')} run={(values) => client.evaluation.complaintsDecide({ id: complaint.id, body: decisionBody(values) })} onDone={loaded.reload}>
                      <DecisionFields />
                    </CommandForm>
                  )}
                  {commands.includes('decide-appeal') && (
                    <CommandForm<DecisionValues> testId="complaint-decide-appeal" title={t('complaintCase.decideAppeal')} submitLabel={t('complaintCase.decideAppeal')} run={(values) => client.evaluation.complaintsDecideAppeal({ id: complaint.id, body: decisionBody(values) })} onDone={loaded.reload}>
                      <DecisionFields />
                    </CommandForm>
                  )}
                  {complaint.status === 'appealed' && !commands.includes('decide-appeal') && may('evaluation', 'complaintsDecideAppeal') && complaint.decision?.decidedBy === caller?.userId && (
                    <Alert type="info" showIcon message={t('complaintCase.appealByAnother')} />
                  )}
                </Space>
              </Col>
            </Row>
          </Space>
        );
      }}
    </LoadState>
  );
}
