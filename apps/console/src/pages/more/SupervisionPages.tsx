import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, Modal, Row, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { PickedFile, fileMetadata } from '../../app/file-metadata';
import { Chart } from '../../app/Chart';
import { formatDate, formatDateTime, formatNumber, formatYuan } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useLive } from '../../app/live';
import { useSession } from '../../app/session';
import { useSubmit } from '../../app/use-submit';
import { useLoad } from '../../app/use-load';
import { LoadState, StatusTag } from '../common';
import { CommandButton, PageTitle, TextCommand } from './kit';

/** The vendor registry: status, categories, and the way into each vendor's 360° view. */
export function VendorsPage() {
  const { t } = useI18n();
  const { client } = useSession();
  const loaded = useLoad(() => client.procurement.vendorsList({ limit: 200 }), [client]);
  return (
    <>
      <PageTitle>{t('menu.vendors')}</PageTitle>
      <LoadState loaded={loaded} empty={(rows) => rows.length === 0}>
        {(rows) => (
          <Table
            rowKey="id"
            size="small"
            scroll={{ x: true }}
            dataSource={rows}
            columns={[
              { title: t('common.name'), dataIndex: 'name', render: (value: string, row) => <Link to={`/vendors/${row.id}`}>{value}</Link> },
              { title: t('vendors.categories'), dataIndex: 'categories', render: (values: string[]) => values.map((value) => <Tag key={value}>{t(`procurementCategory.${value}`)}</Tag>) },
              { title: t('common.status'), dataIndex: 'status', render: (value: string) => <Tag color={value === 'active' ? 'green' : 'red'}>{t(`vendorStatus.${value}`)}</Tag> },
            ]}
          />
        )}
      </LoadState>
    </>
  );
}

interface Section {
  status: string;
  data?: Record<string, unknown>;
  detail?: string;
}

function SectionCard({ title, section, children }: { title: string; section: Section; children: (data: Record<string, unknown>) => React.ReactNode }) {
  const { t } = useI18n();
  return (
    <Card title={title} size="small">
      {section.status === 'available' && section.data ? children(section.data) : <Alert type={section.status === 'not-offered' ? 'info' : 'warning'} message={t(`section.${section.status}`)} description={section.detail} />}
    </Card>
  );
}

/** One vendor seen whole (the gateway's 360° view): registry record, contracts, work orders, scorecards, audit trail. */
export function Vendor360Page() {
  const { id } = useParams();
  const { t, locale } = useI18n();
  const { client } = useSession();
  const loaded = useLoad(() => client.gateway.vendor360View({ id: id! }), [client, id]);
  return (
    <LoadState loaded={loaded}>
      {(view) => {
        const registry = view.sections.registry.data as { name?: string; status?: string; unifiedSocialCreditCode?: string; contact?: { name: string; phone: string } } | undefined;
        return (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <PageTitle extra={<Typography.Text type="secondary">{t('dashboard.asOf')} {formatDateTime(view.asOf, locale)}</Typography.Text>}>{registry?.name ?? view.vendorId}</PageTitle>
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={12}>
                <SectionCard title={t('vendor360.registry')} section={view.sections.registry}>
                  {() => (
                    <Descriptions column={1} size="small">
                      <Descriptions.Item label={t('common.status')}>{registry?.status ? t(`vendorStatus.${registry.status}`) : '—'}</Descriptions.Item>
                      <Descriptions.Item label={t('vendor360.creditCode')}>{registry?.unifiedSocialCreditCode}</Descriptions.Item>
                      <Descriptions.Item label={t('vendor360.contact')}>{registry?.contact ? `${registry.contact.name} ${registry.contact.phone}` : '—'}</Descriptions.Item>
                    </Descriptions>
                  )}
                </SectionCard>
              </Col>
              <Col xs={24} lg={12}>
                <SectionCard title={t('vendor360.scores')} section={view.sections.scores}>
                  {(data) => {
                    const scorecards = ((data['scorecards'] as Array<{ period: string; serviceType: string; score: number | null; rank: number | null }>) ?? []).slice().reverse();
                    return scorecards.length === 0 ? (
                      <Empty />
                    ) : (
                      <Chart
                        label={t('vendor360.scores')}
                        height={220}
                        option={{ tooltip: { trigger: 'axis' }, grid: { left: 36, right: 12, top: 16, bottom: 32 }, xAxis: { type: 'category', data: scorecards.map((card) => card.period) }, yAxis: { type: 'value', max: 100 }, series: [{ type: 'line', name: t('dashboard.score'), data: scorecards.map((card) => card.score), itemStyle: { color: '#0e7490' } }] }}
                      />
                    );
                  }}
                </SectionCard>
              </Col>
              <Col xs={24} lg={12}>
                <SectionCard title={t('menu.contracts')} section={view.sections.contracts}>
                  {(data) => (
                    <Table
                      rowKey="id"
                      size="small"
                      pagination={false}
                      dataSource={(data['contracts'] as Array<{ id: string; title: string; status: string; validTo: string }>) ?? []}
                      columns={[
                        { title: t('common.name'), dataIndex: 'title' },
                        { title: t('common.status'), dataIndex: 'status', render: (value: string) => <StatusTag status={value} /> },
                        { title: t('contracts.validTo'), dataIndex: 'validTo', render: (value: string) => formatDate(value, locale) },
                      ]}
                    />
                  )}
                </SectionCard>
              </Col>
              <Col xs={24} lg={12}>
                <SectionCard title={t('vendor360.workOrders')} section={view.sections.workOrders}>
                  {(data) => (
                    <Table
                      rowKey="id"
                      size="small"
                      pagination={{ pageSize: 5 }}
                      dataSource={(data['workOrders'] as Array<{ id: string; description: string; status: string }>) ?? []}
                      columns={[
                        { title: t('report.description'), dataIndex: 'description', render: (value: string, row) => <Link to={`/work-orders/${row.id}`}>{value}</Link> },
                        { title: t('common.status'), dataIndex: 'status', render: (value: string) => <StatusTag status={value} /> },
                      ]}
                    />
                  )}
                </SectionCard>
              </Col>
            </Row>
          </Space>
        );
      }}
    </LoadState>
  );
}

interface EvidenceRow extends Partial<PickedFile> {
  item: string;
  url?: string;
}

/** The vendor's answer to a notice: what it did, and a file (picked, with where the file store keeps it) per required item. */
function RectificationAnswer({ id, items, onDone }: { id: string; items: string[]; onDone(): void }) {
  const { t } = useI18n();
  const { client } = useSession();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ statement: string; evidence: EvidenceRow[] }>();
  const { busy, failure, submit } = useSubmit(form, async (values: { statement: string; evidence: EvidenceRow[] }) => {
    const evidence = values.evidence.map((row) => ({ item: row.item, fileName: row.fileName ?? '', contentType: row.contentType ?? '', sizeBytes: row.sizeBytes ?? 0, url: row.url ?? '', ...(row.sha256 ? { sha256: row.sha256 } : {}) }));
    await client.evaluation.rectificationsAnswer({ id, body: { statement: values.statement, evidence } });
    message.success(t('action.answer'));
    setOpen(false);
    onDone();
  });
  return (
    <>
      <Button size="small" type="primary" onClick={() => setOpen(true)}>
        {t('action.answer')}
      </Button>
      <Modal open={open} title={t('action.answer')} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden>
        {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" initialValues={{ evidence: items.map((item) => ({ item })) }} onFinish={(values) => void submit(values)}>
          <Form.Item name="statement" label={t('rectifications.statement')} rules={[{ required: true, message: t('form.required') }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.List name="evidence">
            {(fields) =>
              fields.map((field, index) => (
                <Card key={field.key} size="small" title={items[index]} style={{ marginBottom: 8 }}>
                  <Form.Item name={[field.name, 'fileName']} label={t('report.fileName')} rules={[{ required: true, message: t('form.required') }]}>
                    <Input
                      readOnly
                      addonAfter={
                        <Upload showUploadList={false} beforeUpload={(file) => (void fileMetadata(file).then((picked) => form.setFieldValue(['evidence', index], { ...form.getFieldValue(['evidence', index]), ...picked })), false)}>
                          <Typography.Link>{t('rectifications.pick')}</Typography.Link>
                        </Upload>
                      }
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'url']} label={t('report.url')} rules={[{ required: true, message: t('form.required') }]} extra={t('report.urlHelp')}>
                    <Input />
                  </Form.Item>
                </Card>
              ))
            }
          </Form.List>
        </Form>
      </Modal>
    </>
  );
}

/** Rectification notices (整改通知): the vendor answers with what it did; the manager verifies or sends back. */
export function RectificationsPage() {
  const { t, locale } = useI18n();
  const { client, may, caller } = useSession();
  const { tick } = useLive();
  const loaded = useLoad(() => client.evaluation.rectificationsList({ limit: 200 }), [client, tick]);
  return (
    <>
      <PageTitle>{t('menu.rectifications')}</PageTitle>
      <LoadState loaded={loaded} empty={(rows) => rows.length === 0}>
        {(rows) => (
          <Table
            rowKey="id"
            size="small"
            scroll={{ x: true }}
            dataSource={rows}
            columns={[
              { title: t('common.vendor'), render: (_, row) => row.vendorName ?? row.party },
              { title: t('rectifications.finding'), dataIndex: 'finding' },
              { title: t('rectifications.evidence'), dataIndex: 'requiredEvidence', render: (values: string[]) => values.join('、') },
              { title: t('common.deadline'), dataIndex: 'deadline', render: (value: string, row) => <Space>{formatDateTime(value, locale)}{row.overdue && <Tag color="red">{t('status.overdue')}</Tag>}</Space> },
              { title: t('common.status'), dataIndex: 'status', render: (value: string) => <Tag>{t(`rectificationStatus.${value}`)}</Tag> },
              {
                title: t('common.actions'),
                render: (_, row) => (
                  <Space wrap>
                    {['issued', 'returned'].includes(row.status) && may('evaluation', 'rectificationsAnswer') && (caller?.vendorId !== undefined || row.party === 'internal-team') && <RectificationAnswer id={row.id} items={row.requiredEvidence} onDone={loaded.reload} />}
                    {row.status === 'answered' && may('evaluation', 'rectificationsVerify') && (
                      <>
                        <TextCommand label={t('action.verifyRectification')} prompt={t('common.comment')} run={(note) => client.evaluation.rectificationsVerify({ id: row.id, body: note ? { note } : {} })} onDone={loaded.reload} />
                        <TextCommand danger required label={t('action.sendBack')} prompt={t('common.reason')} run={(reason) => client.evaluation.rectificationsSendBack({ id: row.id, body: { reason } })} onDone={loaded.reload} />
                      </>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </LoadState>
    </>
  );
}

/** Published scorecards (考核评分): score, standing and rank per party, service type and period. */
export function ScorecardsPage() {
  const { t } = useI18n();
  const { client } = useSession();
  const loaded = useLoad(() => client.evaluation.scorecardsList({ limit: 100 }), [client]);
  return (
    <>
      <PageTitle>{t('menu.scorecards')}</PageTitle>
      <LoadState loaded={loaded} empty={(rows) => rows.length === 0}>
        {(rows) => (
          <Table
            rowKey="id"
            size="small"
            scroll={{ x: true }}
            dataSource={rows}
            columns={[
              { title: t('common.period'), dataIndex: 'period' },
              { title: t('scorecards.party'), dataIndex: 'party', render: (value: string) => (value === 'internal-team' ? t('workOrder.internal') : <Link to={`/vendors/${value}`}>{value.slice(0, 8)}</Link>) },
              { title: t('scorecards.service'), dataIndex: 'serviceType', render: (value: string) => t(`service.${value}`) },
              { title: t('dashboard.score'), dataIndex: 'score', align: 'right', render: (value: number | null) => formatNumber(value, 'zh-CN') },
              { title: t('scorecards.standing'), dataIndex: 'standing', render: (value: string | null) => (value ? <Tag color={{ excellent: 'green', good: 'blue', warning: 'orange', failing: 'red' }[value]}>{t(`standing.${value}`)}</Tag> : '—') },
              { title: t('scorecards.rank'), render: (_, row) => (row.rank ? `${row.rank} / ${row.rankedAmong}` : '—') },
              { title: t('scorecards.version'), dataIndex: 'version' },
            ]}
          />
        )}
      </LoadState>
    </>
  );
}

/** Third-party assessments (第三方评估) of the vendors, their criteria scores and overall score. */
export function AssessmentsPage() {
  const { t, locale } = useI18n();
  const { client } = useSession();
  const loaded = useLoad(() => client.evaluation.assessmentsList({ limit: 100 }), [client]);
  return (
    <>
      <PageTitle>{t('menu.assessments')}</PageTitle>
      <LoadState loaded={loaded} empty={(rows) => rows.length === 0}>
        {(rows) => (
          <Table
            rowKey="id"
            size="small"
            scroll={{ x: true }}
            dataSource={rows}
            columns={[
              { title: t('common.period'), dataIndex: 'period' },
              { title: t('common.vendor'), dataIndex: 'vendorId', render: (value: string) => <Link to={`/vendors/${value}`}>{value.slice(0, 8)}</Link> },
              { title: t('scorecards.service'), dataIndex: 'serviceType', render: (value: string) => t(`service.${value}`) },
              { title: t('assessments.overall'), dataIndex: 'overallScore', align: 'right', render: (value?: number) => formatNumber(value, locale) },
              { title: t('common.status'), dataIndex: 'status', render: (value: string) => <StatusTag status={value} /> },
              { title: t('assessments.submittedAt'), dataIndex: 'submittedAt', render: (value?: string) => formatDateTime(value, locale) },
            ]}
          />
        )}
      </LoadState>
    </>
  );
}

/** Violations (违规记录): the source, severity, penalty points and penalty in yuan, who answers for them. */
export function ViolationsPage() {
  const { t, locale } = useI18n();
  const { client } = useSession();
  const { tick } = useLive();
  const loaded = useLoad(() => client.evaluation.violationsList({ limit: 200 }), [client, tick]);
  return (
    <>
      <PageTitle>{t('menu.violations')}</PageTitle>
      <LoadState loaded={loaded} empty={(rows) => rows.length === 0}>
        {(rows) => (
          <Table
            rowKey="id"
            size="small"
            scroll={{ x: true }}
            dataSource={rows}
            columns={[
              { title: t('violations.occurredAt'), dataIndex: 'occurredAt', render: (value: string) => formatDateTime(value, locale) },
              { title: t('report.description'), dataIndex: 'description' },
              { title: t('violations.source'), dataIndex: 'source', render: (value: string) => t(`violationSource.${value}`) },
              { title: t('violations.severity'), dataIndex: 'severity', render: (value: string) => <Tag color={{ minor: 'default', major: 'orange', serious: 'red' }[value]}>{t(`severity.${value}`)}</Tag> },
              { title: t('violations.points'), dataIndex: 'penaltyPoints', align: 'right' },
              { title: t('violations.penalty'), dataIndex: 'penaltyAmount', align: 'right', render: (value: number) => formatYuan(value, locale) },
              { title: t('common.status'), dataIndex: 'status', render: (value: string) => <StatusTag status={value} /> },
            ]}
          />
        )}
      </LoadState>
    </>
  );
}

/** The audit trail (审计链): verify the agency's hash chain, and read its latest entries. */
export function AuditTrailPage() {
  const { t, locale } = useI18n();
  const { client } = useSession();
  const entries = useLoad(() => client.evaluation.auditTrailEntries({ limit: 50 }), [client]);
  const verification = useLoad(() => client.evaluation.auditTrailVerify(), [client]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <PageTitle extra={<CommandButton primary label={t('action.verifyChain')} run={async () => verification.reload()} onDone={() => undefined} />}>{t('menu.auditTrail')}</PageTitle>
      <LoadState loaded={verification}>
        {(result) =>
          result.intact ? (
            <Alert type="success" showIcon message={`${t('auditTrail.intact')} (${result.entries})`} />
          ) : (
            <Alert type="error" showIcon message={`${t('auditTrail.broken')} #${result.brokenAtSequence ?? '?'}: ${result.problem ?? ''}`} description={result.reason} />
          )
        }
      </LoadState>
      <LoadState loaded={entries} empty={(rows) => rows.length === 0}>
        {(rows) => (
          <Table
            rowKey="sequence"
            size="small"
            scroll={{ x: true }}
            dataSource={rows}
            columns={[
              { title: '#', dataIndex: 'sequence' },
              { title: t('auditTrail.event'), dataIndex: 'eventType' },
              { title: t('auditTrail.subject'), dataIndex: 'subject' },
              { title: t('violations.occurredAt'), dataIndex: 'occurredAt', render: (value: string) => formatDateTime(value, locale) },
              { title: t('auditTrail.hash'), dataIndex: 'hash', render: (value: string) => <Typography.Text code>{value.slice(0, 12)}…</Typography.Text> },
            ]}
          />
        )}
      </LoadState>
    </Space>
  );
}

/** The supervising body's cross-agency comparison: each figure per agency, best and worst marked. */
export function ComparisonPage() {
  const { t, locale } = useI18n();
  const { client } = useSession();
  const loaded = useLoad(() => client.gateway.supervisionComparison({}), [client]);
  return (
    <>
      <PageTitle>{t('menu.comparison')}</PageTitle>
      <LoadState loaded={loaded} empty={(view) => view.agencies.length === 0}>
        {(view) => (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">{t('dashboard.asOf')} {formatDateTime(view.asOf, locale)}</Typography.Text>
            <Row gutter={[16, 16]}>
              {view.figures.map((figure) => (
                <Col key={figure.key} xs={24} lg={12}>
                  <Card size="small" title={`${figure.label} (${t(`better.${figure.better}`)})`}>
                    <Chart
                      label={figure.label}
                      height={200}
                      option={{
                        tooltip: {},
                        grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
                        xAxis: { type: 'value' },
                        yAxis: { type: 'category', data: figure.values.map((value) => value.agencyId.slice(0, 8)) },
                        series: [
                          {
                            type: 'bar',
                            data: figure.values.map((value) => ({ value: value.value, itemStyle: { color: figure.best.includes(value.agencyId) ? '#15803d' : figure.worst.includes(value.agencyId) ? '#b91c1c' : '#1d4ed8' } })),
                            label: { show: true, position: 'right' },
                          },
                        ],
                      }}
                    />
                  </Card>
                </Col>
              ))}
            </Row>
          </Space>
        )}
      </LoadState>
    </>
  );
}
