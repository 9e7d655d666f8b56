import type { EvaluationPutSanctionRulesDto, EvaluationSanctionRuleView } from '@houqin/api-client';
import { Alert, App, Button, Card, Descriptions, Form, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { formatDate, formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useLive } from '../../app/live';
import { useSession } from '../../app/session';
import { useSubmit } from '../../app/use-submit';
import { useLoad } from '../../app/use-load';
import { LoadState } from '../common';
import { LinkedTabs, PageTitle, TextCommand } from '../more/kit';
import { PartyName, useVendorNames } from './ComplaintHandlingPages';
import { liftable } from './oversight-rules';

const OFFENCES = ['penalty-points', 'failing-scorecard', 'overdue-rectification', 'upheld-complaint'] as const;
const MEASURES = ['warning', 'suspension', 'blacklisting'] as const;
const MEASURE_COLOURS: Record<string, string> = { warning: 'gold', suspension: 'orange', blacklisting: 'red' };

function Measure({ measure, days }: { measure: string; days?: number | undefined }) {
  const { t } = useI18n();
  return <Tag color={MEASURE_COLOURS[measure]}>{`${t(`measure.${measure}`)}${days ? ` ${days} ${t('sanctions.days')}` : ''}`}</Tag>;
}

function RuleText({ rule }: { rule: Pick<EvaluationSanctionRuleView, 'offence' | 'threshold' | 'windowDays'> }) {
  const { t } = useI18n();
  return <>{`${t(`offence.${rule.offence}`)} ≥ ${rule.threshold} / ${rule.windowDays} ${t('sanctions.days')}`}</>;
}

/** Sanctions (处罚): proposals the rules raised, confirmed or dismissed by an operator; sanctions in force, lifted early; the rules. */
export function SanctionsPage() {
  const { t } = useI18n();
  return (
    <>
      <PageTitle>{t('menu.sanctions')}</PageTitle>
      <LinkedTabs
        items={[
          { key: 'proposals', label: t('sanctions.proposals'), children: <ProposalsTab /> },
          { key: 'sanctions', label: t('sanctions.inForce'), children: <SanctionsTab /> },
          { key: 'rules', label: t('sanctions.rules'), children: <RulesTab /> },
        ]}
      />
    </>
  );
}

function ProposalsTab() {
  const { t, locale } = useI18n();
  const { client, may } = useSession();
  const { tick } = useLive();
  const names = useVendorNames();
  const [status, setStatus] = useState<'open' | 'confirmed' | 'dismissed' | 'all'>('open');
  const loaded = useLoad(() => client.evaluation.sanctionsProposals({ limit: 200, ...(status === 'all' ? {} : { status }) }), [client, tick, status]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select
        aria-label={t('common.status')}
        style={{ width: 160 }}
        value={status}
        onChange={setStatus}
        options={[{ value: 'all', label: t('common.all') }, ...(['open', 'confirmed', 'dismissed'] as const).map((value) => ({ value, label: t(`proposalStatus.${value}`) }))]}
      />
      <LoadState loaded={loaded} empty={(rows) => rows.length === 0}>
        {(rows) => (
          <Table
            rowKey="id"
            size="small"
            scroll={{ x: true }}
            dataSource={rows}
            expandable={{
              expandedRowRender: (row) => (
                <ul style={{ margin: 0 }}>
                  {row.evidence.map((item) => (
                    <li key={item.id}>{`${formatDateTime(item.addedAt, locale)} ${item.description}`}</li>
                  ))}
                </ul>
              ),
              rowExpandable: (row) => row.evidence.length > 0,
            }}
            columns={[
              { title: t('common.vendor'), dataIndex: 'vendorId', render: (value: string) => <PartyName party={value} names={names} /> },
              { title: t('sanctions.rule'), render: (_, row) => <RuleText rule={row.rule} /> },
              { title: t('sanctions.figure'), render: (_, row) => `${row.figure} / ${row.threshold}` },
              { title: t('sanctions.measure'), render: (_, row) => <Space size={4}><Measure measure={row.measure} days={row.suspensionDays} />{row.escalatedFrom && <Tag>{`${t('sanctions.escalatedFrom')} ${t(`measure.${row.escalatedFrom}`)}`}</Tag>}</Space> },
              { title: t('sanctions.proposedAt'), dataIndex: 'proposedAt', render: (value: string) => formatDateTime(value, locale) },
              { title: t('common.status'), dataIndex: 'status', render: (value: string, row) => <Space direction="vertical" size={0}><Tag color={value === 'open' ? 'blue' : value === 'confirmed' ? 'red' : 'default'}>{t(`proposalStatus.${value}`)}</Tag>{row.decisionReason && <Typography.Text type="secondary">{row.decisionReason}</Typography.Text>}</Space> },
              {
                title: t('common.actions'),
                render: (_, row) =>
                  row.status === 'open' && (
                    <Space wrap>
                      {may('evaluation', 'sanctionsConfirm') && <TextCommand label={t('sanctions.confirm')} prompt={t('sanctions.confirmReason')} run={(reason) => client.evaluation.sanctionsConfirm({ id: row.id, body: reason ? { reason } : {} })} onDone={loaded.reload} />}
                      {may('evaluation', 'sanctionsDismiss') && <TextCommand danger required label={t('sanctions.dismiss')} prompt={t('common.reason')} run={(reason) => client.evaluation.sanctionsDismiss({ id: row.id, body: { reason } })} onDone={loaded.reload} />}
                    </Space>
                  ),
              },
            ]}
          />
        )}
      </LoadState>
    </Space>
  );
}

function SanctionsTab() {
  const { t, locale } = useI18n();
  const { client, may } = useSession();
  const { tick } = useLive();
  const names = useVendorNames();
  const loaded = useLoad(() => client.evaluation.sanctionsList({ limit: 200 }), [client, tick]);
  return (
    <LoadState loaded={loaded} empty={(rows) => rows.length === 0}>
      {(rows) => (
        <Table
          rowKey="id"
          size="small"
          scroll={{ x: true }}
          dataSource={rows}
          columns={[
            { title: t('common.vendor'), dataIndex: 'vendorId', render: (value: string) => <PartyName party={value} names={names} /> },
            { title: t('sanctions.measure'), dataIndex: 'measure', render: (value: string) => <Measure measure={value} /> },
            { title: t('sanctions.from'), dataIndex: 'from', render: (value: string) => formatDateTime(value, locale) },
            { title: t('sanctions.until'), dataIndex: 'until', render: (value?: string) => (value ? formatDateTime(value, locale) : t('sanctions.open')) },
            { title: t('common.reason'), dataIndex: 'reason' },
            { title: t('common.status'), dataIndex: 'status', render: (value: string, row) => <Space direction="vertical" size={0}><Tag color={row.inForce ? 'red' : 'default'}>{t(`sanctionStatus.${value}`)}</Tag>{row.liftReason && <Typography.Text type="secondary">{row.liftReason}</Typography.Text>}</Space> },
            {
              title: t('common.actions'),
              render: (_, row) => liftable(row) && may('evaluation', 'sanctionsLift') && <TextCommand danger required label={t('sanctions.lift')} prompt={t('common.reason')} run={(reason) => client.evaluation.sanctionsLift({ id: row.id, body: { reason } })} onDone={loaded.reload} />,
            },
          ]}
        />
      )}
    </LoadState>
  );
}

function RulesTab() {
  const { t, locale } = useI18n();
  const { client, may } = useSession();
  const loaded = useLoad(() => client.evaluation.sanctionsRules(), [client]);
  const [editing, setEditing] = useState(false);
  return (
    <LoadState loaded={loaded}>
      {(rules) =>
        editing ? (
          <RulesForm initial={rules} onDone={() => (setEditing(false), loaded.reload())} onCancel={() => setEditing(false)} />
        ) : (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Descriptions size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label={t('sanctions.source')}>{t(`sanctions.source.${rules.source}`)}{rules.updatedAt ? ` · ${rules.updatedBy ?? ''} ${formatDate(rules.updatedAt, locale)}` : ''}</Descriptions.Item>
              <Descriptions.Item label={t('sanctions.ladder')}>{`${rules.ladder.windowDays} ${t('sanctions.days')} · ${t('measure.suspension')} ${rules.ladder.suspensionDays} ${t('sanctions.days')}`}</Descriptions.Item>
              <Descriptions.Item label={t('sanctions.automatic')}>{rules.automatic ? t('sanctions.automaticOn') : t('sanctions.automaticOff')}</Descriptions.Item>
            </Descriptions>
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={rules.rules}
              columns={[
                { title: t('sanctions.rule'), render: (_, row) => <RuleText rule={row} /> },
                { title: t('sanctions.measure'), render: (_, row) => <Measure measure={row.measure} days={row.suspensionDays} /> },
              ]}
            />
            {may('evaluation', 'sanctionsSetRules') && (
              <Button onClick={() => setEditing(true)}>{t('sanctions.editRules')}</Button>
            )}
          </Space>
        )
      }
    </LoadState>
  );
}

/** The agency admin replaces the rules; they apply to offences recorded from then on. */
function RulesForm({ initial, onDone, onCancel }: { initial: EvaluationPutSanctionRulesDto; onDone(): void; onCancel(): void }) {
  const { t } = useI18n();
  const { client } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<EvaluationPutSanctionRulesDto>();
  const { busy, failure, submit } = useSubmit(form, async (values: EvaluationPutSanctionRulesDto) => {
    const rules = (values.rules ?? []).map((rule) => ({ offence: rule.offence, threshold: rule.threshold, windowDays: rule.windowDays, measure: rule.measure, ...(rule.measure === 'suspension' ? { suspensionDays: rule.suspensionDays } : {}) }));
    await client.evaluation.sanctionsSetRules({ body: { rules, ladder: values.ladder, automatic: values.automatic } });
    message.success(t('sanctions.rulesSaved'));
    onDone();
  });
  return (
    <Card size="small" title={t('sanctions.editRules')}>
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ rules: initial.rules.map(({ offence, threshold, windowDays, measure, suspensionDays }) => ({ offence, threshold, windowDays, measure, suspensionDays })), ladder: initial.ladder, automatic: initial.automatic }} onFinish={(values) => void submit(values)}>
        <Form.List name="rules">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} wrap align="start">
                  <Form.Item name={[field.name, 'offence']} label={t('sanctions.offence')} rules={[{ required: true, message: t('form.required') }]}>
                    <Select style={{ width: 160 }} options={OFFENCES.map((value) => ({ value, label: t(`offence.${value}`) }))} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'threshold']} label={t('sanctions.threshold')} rules={[{ required: true, message: t('form.required') }]}>
                    <InputNumber min={1} precision={0} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'windowDays']} label={t('sanctions.windowDays')} rules={[{ required: true, message: t('form.required') }]}>
                    <InputNumber min={1} precision={0} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'measure']} label={t('sanctions.measure')} rules={[{ required: true, message: t('form.required') }]}>
                    <Select style={{ width: 120 }} options={MEASURES.map((value) => ({ value, label: t(`measure.${value}`) }))} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'suspensionDays']} label={t('sanctions.suspensionDays')}>
                    <InputNumber min={1} precision={0} />
                  </Form.Item>
                  <Button type="link" style={{ marginTop: 30 }} onClick={() => remove(field.name)}>
                    {t('common.remove')}
                  </Button>
                </Space>
              ))}
              <Button size="small" style={{ marginBottom: 12, display: 'block' }} onClick={() => add({ offence: 'penalty-points', threshold: 12, windowDays: 365, measure: 'warning' })}>
                {t('sanctions.addRule')}
              </Button>
            </>
          )}
        </Form.List>
        <Space wrap>
          <Form.Item name={['ladder', 'windowDays']} label={t('sanctions.ladderWindow')} rules={[{ required: true, message: t('form.required') }]}>
            <InputNumber min={1} precision={0} />
          </Form.Item>
          <Form.Item name={['ladder', 'suspensionDays']} label={t('sanctions.ladderSuspension')} rules={[{ required: true, message: t('form.required') }]}>
            <InputNumber min={1} precision={0} />
          </Form.Item>
          <Form.Item name="automatic" label={t('sanctions.automatic')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('common.submit')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
