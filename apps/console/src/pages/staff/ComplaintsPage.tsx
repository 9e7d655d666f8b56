import { EvaluationFileComplaintDto } from '@houqin/api-client';
import { Alert, App, Button, Card, Checkbox, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useLive } from '../../app/live';
import { useSession } from '../../app/session';
import { useSubmit } from '../../app/use-submit';
import { useLoad } from '../../app/use-load';
import { LoadState, StatusTag } from '../common';
import { CommandButton, TextCommand } from '../more/kit';
import { useComplaintCommands } from '../oversight/ComplaintHandlingPages';

const SEVERITIES = ['minor', 'major', 'serious'] as const;
type Severity = (typeof SEVERITIES)[number];
const CATEGORIES = ['service-quality', 'timeliness', 'staff-conduct', 'safety', 'hygiene', 'billing', 'other'] as const;

/** Complaints (投诉): the caller's (or, for those who handle them, the agency's), and filing a new one about a piece of work. */
export function ComplaintsPage() {
  const { t, locale } = useI18n();
  const { client, may, caller } = useSession();
  const { tick } = useLive();
  const { message } = App.useApp();
  const [form] = Form.useForm<EvaluationFileComplaintDto>();
  const [severity, setSeverity] = useState<Record<string, Severity>>({});
  const commandsOf = useComplaintCommands();
  const complaints = useLoad(() => client.evaluation.complaintsList({ limit: 100 }), [client, tick]);
  const mine = useLoad(
    async () => (may('maintenance', 'workOrdersList') ? (await client.maintenance.workOrdersList({ limit: 100 })).filter((order) => order.reportedBy === caller?.userId) : []),
    [client, caller],
  );
  const { busy, failure, submit } = useSubmit(form, async (values: EvaluationFileComplaintDto) => {
    await client.evaluation.complaintsFile({ body: { ...values, ...(values.instanceId ? { serviceType: 'maintenance' } : {}) } }, { idempotencyKey: crypto.randomUUID() });
    message.success(t('complaints.filed'));
    form.resetFields();
    complaints.reload();
  });
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('complaints.title')}</Typography.Title>
      {may('evaluation', 'complaintsFile') && (
        <Card title={t('complaints.file')} style={{ maxWidth: 720 }}>
          {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} />}
          <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
            <Form.Item name="instanceId" label={t('complaints.workOrder')} rules={[{ required: true, message: t('form.required') }]}>
              <Select loading={mine.loading} options={(mine.data ?? []).map((order) => ({ value: order.id, label: `${order.description} (${t(`status.${order.status}`)})` }))} />
            </Form.Item>
            <Form.Item name="category" label={t('complaints.category')} rules={[{ required: true, message: t('form.required') }]}>
              <Select options={CATEGORIES.map((value) => ({ value, label: t(`complaintCategory.${value}`) }))} />
            </Form.Item>
            <Form.Item name="description" label={t('complaints.description')} rules={[{ required: true, message: t('form.required') }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="anonymousToVendor" valuePropName="checked">
              <Checkbox>{t('complaints.anonymous')}</Checkbox>
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('complaints.submit')}
            </Button>
          </Form>
        </Card>
      )}
      <LoadState loaded={complaints} empty={(rows) => rows.length === 0}>
        {(rows) => (
          <Table
            rowKey="id"
            size="small"
            scroll={{ x: true }}
            dataSource={rows}
            columns={[
              { title: t('complaints.category'), dataIndex: 'category', render: (value: string) => t(`complaintCategory.${value}`) },
              { title: t('complaints.description'), dataIndex: 'description' },
              { title: t('common.status'), dataIndex: 'status', render: (value: string) => <StatusTag status={value} /> },
              { title: t('common.filedAt'), dataIndex: 'filedAt', render: (value: string) => formatDateTime(value, locale) },
              {
                title: t('complaints.responseDue'),
                dataIndex: 'responseDueAt',
                render: (value: string, row) => (
                  <Space>
                    {formatDateTime(value, locale)}
                    {row.responseOverdue && <Tag color="red">{t('status.overdue')}</Tag>}
                    {row.outcome && <Tag color={row.outcome === 'upheld' ? 'orange' : 'default'}>{t(`outcome.${row.outcome}`)}</Tag>}
                  </Space>
                ),
              },
              {
                title: t('complaints.response'),
                render: (_, row) => {
                  const final = row.appeal?.decision ?? row.decision;
                  if (!final) return '—';
                  return (
                    <Space direction="vertical" size={0}>
                      <Typography.Text>{final.reasons}</Typography.Text>
                      {row.complainantId === caller?.userId && row.appealableUntil && !row.appeal && <Typography.Text type="secondary">{`${t('complaints.appealableUntil')} ${formatDateTime(row.appealableUntil, locale)}`}</Typography.Text>}
                    </Space>
                  );
                },
              },
              {
                title: t('common.actions'),
                render: (_, row) => (
                  <Space wrap>
                    {may('evaluation', 'complaintsTriage') && row.complainantId !== caller?.userId && <Link to={`/complaint-handling/${row.id}`}>{t('complaints.handle')}</Link>}
                    {row.status === 'filed' && may('evaluation', 'complaintsTriage') && (
                      <Space.Compact>
                        <Select<Severity> size="small" aria-label={t('violations.severity')} style={{ width: 90 }} value={severity[row.id] ?? 'minor'} onChange={(value) => setSeverity((previous) => ({ ...previous, [row.id]: value }))} options={SEVERITIES.map((value) => ({ value, label: t(`severity.${value}`) }))} />
                        <CommandButton label={t('action.investigate')} run={() => client.evaluation.complaintsTriage({ id: row.id, body: { severity: severity[row.id] ?? 'minor', investigatorId: caller!.userId } })} onDone={complaints.reload} />
                      </Space.Compact>
                    )}
                    {row.status === 'under-investigation' && may('evaluation', 'complaintsDecide') && (
                      <>
                        <TextCommand required label={t('action.uphold')} prompt={t('complaints.reasons')} run={(reasons) => client.evaluation.complaintsDecide({ id: row.id, body: { outcome: 'upheld', reasons } })} onDone={complaints.reload} />
                        <TextCommand required label={t('action.dismiss')} prompt={t('complaints.reasons')} run={(reasons) => client.evaluation.complaintsDecide({ id: row.id, body: { outcome: 'rejected', reasons } })} onDone={complaints.reload} />
                      </>
                    )}
                    {commandsOf(row).includes('appeal') && (
                      <TextCommand required label={t('complaints.appeal')} prompt={t('complaints.appealReasons')} run={(reasons) => client.evaluation.complaintsAppeal({ id: row.id, body: { reasons } })} onDone={complaints.reload} />
                    )}
                    {commandsOf(row).includes('withdraw') && (
                      <TextCommand danger required label={t('action.withdraw')} prompt={t('common.reason')} run={(reason) => client.evaluation.complaintsWithdraw({ id: row.id, body: { reason } })} onDone={complaints.reload} />
                    )}
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
