import { Button, Card, Descriptions, Popconfirm, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { formatDateTime } from '../app/format';
import { useI18n } from '../app/i18n';
import { useSession } from '../app/session';
import { useLoad } from '../app/use-load';

/** Who the caller is (GET /api/v1/auth/me) and their session; signing out everywhere ends every session of theirs. */
export function ProfilePage() {
  const { t, locale } = useI18n();
  const { client, caller, refreshTokenExpiresAt, logout } = useSession();
  const navigate = useNavigate();
  // An API key or a token-only caller has no user record: the name is then left out.
  const user = useLoad(async () => (caller ? client.gateway.identityGetUser({ id: caller.userId }).catch(() => undefined) : undefined), [client, caller]);
  if (!caller) return null;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('profile.title')}</Typography.Title>
      <Card title={t('profile.who')}>
        <Descriptions column={1} bordered size="small">
          {user.data && <Descriptions.Item label={t('people.displayName')}>{user.data.displayName}</Descriptions.Item>}
          {user.data && <Descriptions.Item label={t('login.username')}>{user.data.username}</Descriptions.Item>}
          <Descriptions.Item label={t('profile.userId')}>{caller.userId}</Descriptions.Item>
          <Descriptions.Item label={t('profile.agency')}>{caller.agencyId}</Descriptions.Item>
          <Descriptions.Item label={t('profile.roles')}>
            {caller.roles.map((role) => (
              <Tag key={role}>{t(`role.${role}`)}</Tag>
            ))}
          </Descriptions.Item>
          {caller.vendorId && <Descriptions.Item label={t('profile.vendor')}>{caller.vendorId}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card title={t('profile.sessions')}>
        <Space direction="vertical">
          <Typography.Text>
            {t('profile.thisSession')} {formatDateTime(refreshTokenExpiresAt, locale)}
          </Typography.Text>
          <Typography.Text type="secondary">{t('profile.sessionsHelp')}</Typography.Text>
          <Popconfirm title={t('profile.logoutEverywhereConfirm')} onConfirm={() => void logout().then(() => navigate('/login'))}>
            <Button danger>{t('profile.logoutEverywhere')}</Button>
          </Popconfirm>
        </Space>
      </Card>
    </Space>
  );
}
