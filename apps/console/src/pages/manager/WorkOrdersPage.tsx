import { MaintenanceRepairRequestView } from '@houqin/api-client';
import { Alert, App, Button, Card, Select, Space, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useLive } from '../../app/live';
import { useSession } from '../../app/session';
import { useSubmit } from '../../app/use-submit';
import { useLoad } from '../../app/use-load';
import { LoadState, StatusTag } from '../common';

const CATEGORIES = ['hvac', 'elevator', 'electrical', 'plumbing', 'fire-safety', 'it', 'vehicle', 'building', 'other'] as const;
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
const OPEN = ['triaged', 'assigned', 'accepted', 'in-progress', 'on-hold-requester', 'completed'];

function TriageRow({ request, onDone }: { request: MaintenanceRepairRequestView; onDone(): void }) {
  const { t } = useI18n();
  const { client } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [category, setCategory] = useState<(typeof CATEGORIES)[number]>();
  const [priority, setPriority] = useState(request.priority);
  const { busy, failure, submit: triage } = useSubmit(undefined, async () => {
    const order = await client.maintenance.workOrdersTriage({ id: request.id, body: { ...(category ? { category } : {}), priority } });
    message.success(t('action.triage.done'));
    onDone();
    void navigate(`/work-orders/${order.id}`);
  });
  return (
    <Space direction="vertical">
      <Space wrap>
        <Select aria-label={t('workOrder.category')} placeholder={t('workOrder.category')} style={{ width: 140 }} value={category} onChange={setCategory} options={CATEGORIES.map((value) => ({ value, label: t(`category.${value}`) }))} />
        <Select aria-label={t('report.priority')} style={{ width: 110 }} value={priority} onChange={setPriority} options={PRIORITIES.map((value) => ({ value, label: t(`priority.${value}`) }))} />
        <Button type="primary" loading={busy} onClick={() => void triage(undefined)}>
          {t('action.triage')}
        </Button>
      </Space>
      {failure && <Alert type="error" showIcon message={failure} />}
    </Space>
  );
}

/** The logistics manager's desk: new repair requests to triage (分诊), and the agency's work orders to assign and follow. */
export function WorkOrdersPage() {
  const { t, locale } = useI18n();
  const { client } = useSession();
  const { tick } = useLive();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'triage';
  const requests = useLoad(async () => (await client.maintenance.repairRequestsList({ limit: 200 })).filter((request) => request.status === 'reported'), [client, tick]);
  const orders = useLoad(() => client.maintenance.workOrdersList({ limit: 200 }), [client, tick]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('workOrders.title')}</Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key })}
        items={[
          {
            key: 'triage',
            label: `${t('workOrders.toTriage')} (${requests.data?.length ?? '…'})`,
            children: (
              <LoadState loaded={requests} empty={(rows) => rows.length === 0}>
                {(rows) => (
                  <Table
                    rowKey="id"
                    size="small"
                    scroll={{ x: true }}
                    dataSource={rows}
                    columns={[
                      { title: t('report.description'), dataIndex: 'description' },
                      { title: t('workOrder.location'), render: (_, row) => [row.location.building, row.location.floor, row.location.room].filter(Boolean).join(' · ') },
                      { title: t('workOrder.reportedAt'), dataIndex: 'reportedAt', render: (value: string) => formatDateTime(value, locale) },
                      { title: t('workOrder.next'), render: (_, row) => <TriageRow request={row} onDone={requests.reload} /> },
                    ]}
                  />
                )}
              </LoadState>
            ),
          },
          {
            key: 'open',
            label: t('workOrders.open'),
            children: (
              <LoadState loaded={orders}>
                {(rows) => (
                  <Card size="small">
                    <Table
                      rowKey="id"
                      size="small"
                      scroll={{ x: true }}
                      dataSource={rows.filter((order) => OPEN.includes(order.status))}
                      columns={[
                        { title: t('report.description'), dataIndex: 'description', render: (value: string, row) => <Link to={`/work-orders/${row.id}`}>{value}</Link> },
                        { title: t('common.status'), dataIndex: 'status', render: (value: string) => <StatusTag status={value} /> },
                        { title: t('report.priority'), dataIndex: 'priority', render: (value: string) => t(`priority.${value}`) },
                        { title: t('workOrder.reportedAt'), dataIndex: 'reportedAt', render: (value: string) => formatDateTime(value, locale) },
                      ]}
                    />
                  </Card>
                )}
              </LoadState>
            ),
          },
        ]}
      />
    </Space>
  );
}
