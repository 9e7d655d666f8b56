import { Button, Card, List, Space, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useLive } from '../../app/live';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/use-load';
import { LoadState, StatusTag } from '../common';

/** The caller's repair requests and what became of them: the work order's status, and 验收 once done. */
export function MyRepairsPage() {
  const { t, locale } = useI18n();
  const { client, caller } = useSession();
  const { tick } = useLive();
  const navigate = useNavigate();
  const loaded = useLoad(async () => {
    const [requests, workOrders] = await Promise.all([client.maintenance.repairRequestsList({ limit: 200 }), client.maintenance.workOrdersList({ limit: 200, origin: 'repair-request' })]);
    const byRequest = new Map(workOrders.filter((order) => order.repairRequestId).map((order) => [order.repairRequestId!, order]));
    return requests.filter((request) => request.reportedBy === caller?.userId).map((request) => ({ request, workOrder: byRequest.get(request.id) }));
  }, [client, caller, tick]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('repairs.title')}
        </Typography.Title>
        <Button type="primary" onClick={() => void navigate('/repairs/new')}>
          {t('menu.report')}
        </Button>
      </Space>
      <LoadState loaded={loaded} empty={(rows) => rows.length === 0}>
        {(rows) => (
          <List
            dataSource={rows}
            renderItem={({ request, workOrder }) => (
              <Card size="small" style={{ marginBottom: 8 }} data-testid={`repair-${request.id}`}>
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Space wrap>
                    <StatusTag status={workOrder?.status ?? request.status} />
                    <Typography.Text strong>{request.description}</Typography.Text>
                  </Space>
                  <Typography.Text type="secondary">
                    {[request.location.building, request.location.floor, request.location.room].filter(Boolean).join(' · ')} — {formatDateTime(request.reportedAt, locale)}
                  </Typography.Text>
                  {workOrder && (
                    <Link to={`/work-orders/${workOrder.id}`}>{workOrder.status === 'completed' ? t('repairs.verifyNow') : t('repairs.follow')}</Link>
                  )}
                </Space>
              </Card>
            )}
          />
        )}
      </LoadState>
    </Space>
  );
}
