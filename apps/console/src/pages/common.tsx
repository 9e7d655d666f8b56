import { Alert, Empty, Result, Spin, Tag } from 'antd';
import { ReactNode } from 'react';
import { formatTime } from '../app/format';
import { useI18n } from '../app/i18n';
import { showProblem } from '../app/problem';
import { Loaded } from '../app/use-load';

/** Loading, error and empty states around what a page read. */
export function LoadState<T>({ loaded, empty, children }: { loaded: Loaded<T>; empty?: (data: T) => boolean; children: (data: T) => ReactNode }) {
  const { t, locale } = useI18n();
  if (loaded.error && loaded.data !== undefined) {
    // A re-read failed: the earlier answer stays, marked as such, while it is tried again.
    return (
      <>
        <Alert
          type="warning"
          showIcon
          role="status"
          data-testid="stale-data"
          message={`${t('common.refreshFailed')} ${formatTime(loaded.readAt, locale)}`}
          description={showProblem(undefined, loaded.error)}
          style={{ marginBottom: 12 }}
        />
        {empty?.(loaded.data) ? <Empty description={t('common.empty')} /> : children(loaded.data)}
      </>
    );
  }
  if (loaded.error) return <Alert type="error" showIcon message={t('common.loadFailed')} description={showProblem(undefined, loaded.error)} />;
  if (loaded.data === undefined) return <Spin tip={t('common.loading')} style={{ display: 'block', padding: 48 }}><div /></Spin>;
  if (empty?.(loaded.data)) return <Empty description={t('common.empty')} />;
  return <>{children(loaded.data)}</>;
}

const STATUS_COLOURS: Record<string, string> = {
  reported: 'blue',
  triaged: 'cyan',
  assigned: 'geekblue',
  accepted: 'purple',
  'in-progress': 'orange',
  'on-hold-requester': 'gold',
  completed: 'lime',
  verified: 'green',
  closed: 'default',
  cancelled: 'default',
  pending: 'blue',
  answered: 'green',
  expired: 'default',
};

export function StatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOURS[status] ?? 'default'}>{t(`status.${status}`)}</Tag>;
}

export function Forbidden() {
  const { t } = useI18n();
  return <Result status="403" title={t('common.forbidden')} />;
}
