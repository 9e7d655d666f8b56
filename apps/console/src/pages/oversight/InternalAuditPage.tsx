import type { EvaluationCreateAuditPlanDto } from '@houqin/api-client';
import { Alert, App, Button, Card, Form, Input, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { formatDate, formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useLive } from '../../app/live';
import { PersonName, usePeopleNames } from '../../app/people';
import { useSession } from '../../app/session';
import { useSubmit } from '../../app/use-submit';
import { useLoad } from '../../app/use-load';
import { LoadState } from '../common';
import { LinkedTabs, PageTitle, TextCommand } from '../more/kit';
import { findingCommands } from './oversight-rules';

const FINDING_STATUSES = ['rectifying', 'answered', 'closed', 'passed'] as const;
const FINDING_COLOURS: Record<string, string> = { rectifying: 'orange', answered: 'blue', closed: 'green', passed: 'default' };

/** Internal audit (内部审计): findings to rectify (the responsible person answers, the audit lead closes or sends back), tasks and plans. */
export function InternalAuditPage() {
  const { t } = useI18n();
  const { may } = useSession();
  return (
    <>
      <PageTitle>{t('menu.internalAudit')}</PageTitle>
      <LinkedTabs
        items={[
          { key: 'findings', label: t('internalAudit.findings'), children: <FindingsTab /> },
          { key: 'tasks', label: t('internalAudit.tasks'), children: <TasksTab /> },
          ...(may('evaluation', 'internalAuditPlans') ? [{ key: 'plans', label: t('internalAudit.plans'), children: <PlansTab /> }] : []),
        ]}
      />
    </>
  );
}

function FindingsTab() {
  const { t, locale } = useI18n();
  const { client, caller, may } = useSession();
  const { tick } = useLive();
  const [status, setStatus] = useState<(typeof FINDING_STATUSES)[number] | 'all'>('all');
  const findings = useLoad(() => client.evaluation.internalAuditFindings({ limit: 500, ...(status === 'all' ? {} : { status }) }), [client, tick, status]);
  const people = usePeopleNames((findings.data ?? []).flatMap((finding) => [finding.rectification?.responsibleUserId, ...finding.steps.map((step) => step.by)]));
  const tasks = useLoad(() => client.evaluation.internalAuditTasks({ limit: 500 }), [client, tick]);
  // Checklist item ids are the task's own: a requirement is found by task and item.
  const requirements = Object.fromEntries((tasks.data ?? []).flatMap((task) => task.checklist.map((item) => [`${task.id}/${item.id}`, item.requirement])));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select aria-label={t('common.status')} style={{ width: 160 }} value={status} onChange={setStatus} options={[{ value: 'all', label: t('common.all') }, ...FINDING_STATUSES.map((value) => ({ value, label: t(`findingStatus.${value}`) }))]} />
      <LoadState loaded={findings} empty={(rows) => rows.length === 0}>
        {(rows) => (
          <Table
            rowKey="id"
            size="small"
            scroll={{ x: true }}
            dataSource={rows}
            expandable={{
              rowExpandable: (row) => row.steps.length > 0,
              expandedRowRender: (row) => (
                <Timeline
                  items={row.steps.map((step) => ({
                    color: step.step === 'sent-back' ? 'red' : step.step === 'closed' ? 'green' : 'blue',
                    children: `${t(`findingStep.${step.step}`)} · ${people.get(step.by) ?? step.by} · ${formatDateTime(step.at, locale)}：${step.note}`,
                  }))}
                />
              ),
            }}
            columns={[
              { title: t('internalAudit.requirement'), dataIndex: 'itemId', render: (value: string, row) => requirements[`${row.taskId}/${value}`] ?? value },
              { title: t('internalAudit.result'), dataIndex: 'result', render: (value: string) => <Tag color={value === 'fail' ? 'red' : 'green'}>{t(`auditResult.${value}`)}</Tag> },
              { title: t('oversight.description'), dataIndex: 'description', render: (value?: string) => value ?? '—' },
              { title: t('violations.severity'), dataIndex: 'severity', render: (value?: string) => (value ? t(`severity.${value}`) : '—') },
              { title: t('internalAudit.responsible'), render: (_, row) => <PersonName id={row.rectification?.responsibleUserId} names={people} /> },
              { title: t('common.deadline'), render: (_, row) => (row.rectification ? <Space>{formatDate(`${row.rectification.deadline}T00:00:00+08:00`, locale)}{row.overdue && <Tag color="red">{t('status.overdue')}</Tag>}</Space> : '—') },
              { title: t('common.status'), dataIndex: 'status', render: (value: string) => <Tag color={FINDING_COLOURS[value]}>{t(`findingStatus.${value}`)}</Tag> },
              {
                title: t('common.actions'),
                render: (_, row) => {
                  const commands = findingCommands(row, caller?.userId, (operation) => may('evaluation', operation));
                  return (
                    <Space wrap>
                      {commands.includes('answer') && <TextCommand required label={t('internalAudit.answer')} prompt={t('internalAudit.answerNote')} run={(note) => client.evaluation.internalAuditAnswer({ id: row.id, body: { note } })} onDone={findings.reload} />}
                      {commands.includes('close') && <TextCommand required label={t('internalAudit.close')} prompt={t('internalAudit.verifyNote')} run={(note) => client.evaluation.internalAuditClose({ id: row.id, body: { note } })} onDone={findings.reload} />}
                      {commands.includes('send-back') && <TextCommand danger required label={t('action.sendBack')} prompt={t('common.reason')} run={(note) => client.evaluation.internalAuditSendBack({ id: row.id, body: { note } })} onDone={findings.reload} />}
                    </Space>
                  );
                },
              },
            ]}
          />
        )}
      </LoadState>
    </Space>
  );
}

function TasksTab() {
  const { t, locale } = useI18n();
  const { client } = useSession();
  const { tick } = useLive();
  const loaded = useLoad(() => client.evaluation.internalAuditTasks({ limit: 500 }), [client, tick]);
  return (
    <LoadState loaded={loaded} empty={(rows) => rows.length === 0}>
      {(rows) => (
        <Table
          rowKey="id"
          size="small"
          scroll={{ x: true }}
          dataSource={rows}
          expandable={{ expandedRowRender: (row) => <ol style={{ margin: 0 }}>{row.checklist.map((item) => <li key={item.id}>{item.requirement}</li>)}</ol> }}
          columns={[
            { title: t('internalAudit.kind'), dataIndex: 'kind', render: (value: string) => t(`auditKind.${value}`) },
            { title: t('internalAudit.checked'), dataIndex: 'checkedDepartmentId', render: (value: string) => <Typography.Text code>{value.slice(0, 8)}</Typography.Text> },
            { title: t('internalAudit.assignees'), dataIndex: 'assignees', render: (values: string[]) => values.join('、') },
            { title: t('internalAudit.checklist'), render: (_, row) => row.checklist.length },
            { title: t('internalAudit.dueOn'), dataIndex: 'dueOn', render: (value: string, row) => <Space>{formatDate(`${value}T00:00:00+08:00`, locale)}{row.overdue && <Tag color="red">{t('status.overdue')}</Tag>}</Space> },
            { title: t('common.status'), dataIndex: 'status', render: (value: string) => <Tag>{t(`auditTaskStatus.${value}`)}</Tag> },
          ]}
        />
      )}
    </LoadState>
  );
}

function PlansTab() {
  const { t, locale } = useI18n();
  const { client, may } = useSession();
  const { message } = App.useApp();
  const loaded = useLoad(() => client.evaluation.internalAuditPlans({ limit: 200 }), [client]);
  const [form] = Form.useForm<EvaluationCreateAuditPlanDto>();
  const { busy, failure, submit } = useSubmit(form, async (values: EvaluationCreateAuditPlanDto) => {
    await client.evaluation.internalAuditCreatePlan({ body: values });
    message.success(t('internalAudit.planCreated'));
    form.resetFields();
    loaded.reload();
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {may('evaluation', 'internalAuditCreatePlan') && (
        <Card size="small" title={t('internalAudit.newPlan')} style={{ maxWidth: 720 }}>
          {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} />}
          <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
            <Form.Item name="name" label={t('internalAudit.planName')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
              <Input />
            </Form.Item>
            <Form.Item name="period" label={t('internalAudit.period')} extra={t('internalAudit.periodHelp')} rules={[{ required: true, message: t('form.required') }]}>
              <Input />
            </Form.Item>
            <Form.Item name="scope" label={t('internalAudit.scope')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('internalAudit.createPlan')}
            </Button>
          </Form>
        </Card>
      )}
      <LoadState loaded={loaded} empty={(rows) => rows.length === 0}>
        {(rows) => (
          <Table
            rowKey="id"
            size="small"
            scroll={{ x: true }}
            dataSource={rows}
            columns={[
              { title: t('internalAudit.planName'), dataIndex: 'name' },
              { title: t('internalAudit.period'), dataIndex: 'period' },
              { title: t('internalAudit.scope'), dataIndex: 'scope' },
              { title: t('common.createdAt'), dataIndex: 'createdAt', render: (value: string, row) => `${row.createdBy} · ${formatDateTime(value, locale)}` },
            ]}
          />
        )}
      </LoadState>
    </Space>
  );
}
