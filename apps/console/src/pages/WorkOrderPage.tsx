import { MaintenanceWorkOrderView } from '@houqin/api-client';
import { Alert, App, Button, Card, Descriptions, Input, Select, Space, Steps, Table, Typography } from 'antd';
import { ReactNode, useState } from 'react';
import { useParams } from 'react-router-dom';
import { formatBytes, formatDateTime } from '../app/format';
import { useI18n } from '../app/i18n';
import { useLive } from '../app/live';
import { showProblem } from '../app/problem';
import { useSession } from '../app/session';
import { useLoad } from '../app/use-load';
import { LoadState, StatusTag } from './common';

const FLOW = ['triaged', 'assigned', 'accepted', 'in-progress', 'completed', 'verified'] as const;

/** What the caller may do next to a work order: the policy table's roles, and the owner's rule (assignee, reporter). */
export function WorkOrderActions({ order, onDone, idle }: { order: MaintenanceWorkOrderView; onDone(): void; idle?: ReactNode }) {
  const { t } = useI18n();
  const { client, may, caller } = useSession();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [vendorId, setVendorId] = useState<string>();
  const [note, setNote] = useState('');
  const contracts = useLoad(async () => (order.status === 'triaged' && may('maintenance', 'workOrdersAssign') ? client.maintenance.vendorContractsList() : []), [client, order.status]);
  const assignee = caller?.vendorId !== undefined ? caller.vendorId === order.vendorId : !may('maintenance', 'workOrdersAssign') ? false : order.assignee === 'internal';
  const reporter = caller?.userId === order.reportedBy;
  const run = async (name: string, call: () => Promise<unknown>) => {
    setBusy(name);
    setFailure(undefined);
    try {
      await call();
      message.success(t(`action.${name}.done`));
      onDone();
    } catch (error) {
      setFailure(showProblem(undefined, error));
    } finally {
      setBusy(undefined);
    }
  };
  // The vendors whose contract in force covers this building and kind of work (the service checks it again).
  const covering = (contracts.data ?? []).filter(
    (contract) => contract.assignable && (!contract.buildings || contract.buildings.includes(order.location.building)) && (!contract.assetCategories || contract.assetCategories.includes(order.category)),
  );
  const vendors = [...new Map(covering.map((contract) => [contract.vendorId, contract.vendorName])).entries()];
  const buttons = [];
  if (order.status === 'triaged' && may('maintenance', 'workOrdersAssign')) {
    buttons.push(
      <Space key="assign" wrap>
        <Select
          aria-label={t('workOrder.vendor')}
          placeholder={t('workOrder.chooseVendor')}
          style={{ minWidth: 260 }}
          loading={contracts.loading}
          value={vendorId}
          onChange={setVendorId}
          options={[...vendors.map(([id, name]) => ({ value: id, label: name })), { value: 'internal', label: t('workOrder.internal') }]}
          data-testid="assign-vendor"
        />
        <Button
          type="primary"
          disabled={!vendorId}
          loading={busy === 'assign'}
          onClick={() => void run('assign', () => client.maintenance.workOrdersAssign({ id: order.id, body: vendorId === 'internal' ? { internal: true } : { vendorId: vendorId! } }))}
        >
          {t('action.assign')}
        </Button>
      </Space>,
    );
  }
  if (order.status === 'assigned' && assignee && may('maintenance', 'workOrdersAccept')) {
    buttons.push(
      <Button key="accept" type="primary" loading={busy === 'accept'} onClick={() => void run('accept', () => client.maintenance.workOrdersAccept({ id: order.id }))}>
        {t('action.accept')}
      </Button>,
    );
  }
  if (order.status === 'accepted' && assignee && may('maintenance', 'workOrdersStart')) {
    buttons.push(
      <Button key="start" type="primary" loading={busy === 'start'} onClick={() => void run('start', () => client.maintenance.workOrdersStart({ id: order.id }))}>
        {t('action.start')}
      </Button>,
    );
  }
  if (order.status === 'in-progress' && assignee && may('maintenance', 'workOrdersComplete')) {
    buttons.push(
      <Space key="complete" wrap>
        <Input aria-label={t('workOrder.resolutionNote')} placeholder={t('workOrder.resolutionNote')} value={note} onChange={(event) => setNote(event.target.value)} style={{ minWidth: 240 }} />
        <Button type="primary" loading={busy === 'complete'} onClick={() => void run('complete', () => client.maintenance.workOrdersComplete({ id: order.id, body: note ? { resolutionNote: note } : {} }))}>
          {t('action.complete')}
        </Button>
      </Space>,
    );
  }
  if (order.status === 'completed' && reporter && may('maintenance', 'workOrdersVerify')) {
    buttons.push(
      <Space key="verify" wrap>
        <Button type="primary" loading={busy === 'verify'} onClick={() => void run('verify', () => client.maintenance.workOrdersVerify({ id: order.id }))}>
          {t('action.verify')}
        </Button>
        <Input aria-label={t('workOrder.reopenReason')} placeholder={t('workOrder.reopenReason')} value={note} onChange={(event) => setNote(event.target.value)} style={{ minWidth: 200 }} />
        <Button disabled={!note} loading={busy === 'reopen'} onClick={() => void run('reopen', () => client.maintenance.workOrdersReopen({ id: order.id, body: { reason: note } }))}>
          {t('action.reopen')}
        </Button>
      </Space>,
    );
  }
  if (buttons.length === 0 && !failure) return <>{idle ?? null}</>;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {failure && <Alert type="error" showIcon message={failure} role="alert" />}
      {buttons}
    </Space>
  );
}

/** One work order: where it stands, its SLA clocks, the photos of the fault, and the caller's next step. */
export function WorkOrderPage() {
  const { id } = useParams();
  const { t, locale } = useI18n();
  const { client, may } = useSession();
  const { tick } = useLive();
  const loaded = useLoad(() => client.maintenance.workOrdersGet({ id: id! }), [client, id, tick]);
  const vendorNames = useLoad(
    async () => new Map(may('maintenance', 'vendorContractsList') ? (await client.maintenance.vendorContractsList()).map((contract) => [contract.vendorId, contract.vendorName]) : []),
    [client],
  );
  return (
    <LoadState loaded={loaded}>
      {(order) => {
        const step = FLOW.indexOf(order.status as (typeof FLOW)[number]);
        return (
          <Space direction="vertical" size="large" style={{ width: '100%' }}>
            <Space wrap>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {order.description}
              </Typography.Title>
              <StatusTag status={order.status} />
            </Space>
            <Card>
              <Steps size="small" responsive current={step < 0 ? 0 : step} items={FLOW.map((status) => ({ title: t(`status.${status}`) }))} />
            </Card>
            <Card title={t('workOrder.next')}>
              <WorkOrderActions order={order} onDone={loaded.reload} idle={<Typography.Text type="secondary">{t('workOrder.nothingToDo')}</Typography.Text>} />
            </Card>
            <Card title={t('workOrder.details')}>
              <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
                <Descriptions.Item label={t('workOrder.location')}>{[order.location.building, order.location.floor, order.location.room].filter(Boolean).join(' · ')}</Descriptions.Item>
                <Descriptions.Item label={t('report.priority')}>{t(`priority.${order.priority}`)}</Descriptions.Item>
                <Descriptions.Item label={t('workOrder.category')}>{t(`category.${order.category}`)}</Descriptions.Item>
                <Descriptions.Item label={t('workOrder.vendor')}>{order.assignee === 'internal' ? t('workOrder.internal') : order.vendorId ? (vendorNames.data?.get(order.vendorId) ?? order.vendorId) : '—'}</Descriptions.Item>
                <Descriptions.Item label={t('workOrder.reportedAt')}>{formatDateTime(order.reportedAt, locale)}</Descriptions.Item>
                <Descriptions.Item label={t('workOrder.completedAt')}>{formatDateTime(order.completedAt, locale)}</Descriptions.Item>
                {order.resolutionNote && <Descriptions.Item label={t('workOrder.resolutionNote')}>{order.resolutionNote}</Descriptions.Item>}
              </Descriptions>
            </Card>
            {order.slaClocks && order.slaClocks.length > 0 && (
              <Card title={t('workOrder.sla')}>
                <Table
                  rowKey="kind"
                  size="small"
                  pagination={false}
                  scroll={{ x: true }}
                  dataSource={order.slaClocks}
                  columns={[
                    { title: t('workOrder.clock'), dataIndex: 'kind', render: (value: string) => t(`clock.${value}`) },
                    { title: t('common.status'), dataIndex: 'status', render: (value: string) => t(`clockStatus.${value}`) },
                    { title: t('workOrder.deadline'), dataIndex: 'deadline', render: (value?: string) => formatDateTime(value, locale) },
                    { title: t('workOrder.remaining'), dataIndex: 'remainingMinutes' },
                  ]}
                />
              </Card>
            )}
            {order.attachments && order.attachments.length > 0 && (
              <Card title={t('report.photos')}>
                <ul>
                  {order.attachments.map((file) => (
                    <li key={file.url}>
                      {file.fileName} ({file.contentType}, {formatBytes(file.sizeBytes, locale)}) — <Typography.Text code>{file.url}</Typography.Text>
                    </li>
                  ))}
                </ul>
              </Card>
            )}
          </Space>
        );
      }}
    </LoadState>
  );
}
