import { Card, List, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useLive } from '../../app/live';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/use-load';
import { LoadState, StatusTag } from '../common';
import { WorkOrderActions } from '../WorkOrderPage';

const VIEWS = { todo: ['assigned', 'accepted', 'in-progress', 'on-hold-requester'], done: ['completed', 'verified', 'closed'] } as const;

/** The vendor's work queue: the work assigned to it, to accept, start and complete (the service shows a vendor only its own). */
export function QueuePage() {
  const { t, locale } = useI18n();
  const { client } = useSession();
  const { tick } = useLive();
  const [view, setView] = useState<keyof typeof VIEWS>('todo');
  const loaded = useLoad(() => client.maintenance.workOrdersList({ limit: 200 }), [client, tick]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('queue.title')}</Typography.Title>
      <Segmented
        value={view}
        onChange={setView}
        options={[
          { value: 'todo', label: t('queue.todo') },
          { value: 'done', label: t('queue.done') },
        ]}
      />
      <LoadState loaded={loaded}>
        {(orders) => {
          const shown = orders.filter((order) => (VIEWS[view] as readonly string[]).includes(order.status));
          return (
            <List
              locale={{ emptyText: t('common.empty') }}
              dataSource={shown}
              renderItem={(order) => (
                <Card size="small" style={{ marginBottom: 8 }} data-testid={`queue-${order.id}`}>
                  <Space direction="vertical" style={{ width: '100%' }}>
                    <Space wrap>
                      <StatusTag status={order.status} />
                      <Link to={`/work-orders/${order.id}`}>{order.description}</Link>
                      <Typography.Text type="secondary">{t(`priority.${order.priority}`)}</Typography.Text>
                    </Space>
                    <Typography.Text type="secondary">
                      {[order.location.building, order.location.floor, order.location.room].filter(Boolean).join(' · ')} — {formatDateTime(order.assignedAt ?? order.triagedAt, locale)}
                    </Typography.Text>
                    <WorkOrderActions order={order} onDone={loaded.reload} />
                  </Space>
                </Card>
              )}
            />
          );
        }}
      </LoadState>
    </Space>
  );
}
