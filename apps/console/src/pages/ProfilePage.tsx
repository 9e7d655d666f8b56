import type { LoginSessionView } from '@houqin/api-client';
import { App, Button, Card, Descriptions, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { formatDateTime } from '../app/format';
import { useI18n } from '../app/i18n';
import { showProblem } from '../app/problem';
import { useSession } from '../app/session';
import { useLoad } from '../app/use-load';
import { describeClient } from './client-description';
import { LoadState } from './common';

/**
 * Who the caller is (GET /api/v1/auth/me) and their login sessions (GET /api/v1/auth/sessions):
 * one can be revoked from another device; signing out everywhere ends every session of theirs.
 */
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
        <Space direction="vertical" style={{ width: '100%' }}>
          <LoginSessions />
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

/** The person's live sessions, this device marked; any other can be revoked (its next request lands on the login page). */
function LoginSessions() {
  const { t, locale } = useI18n();
  const { client } = useSession();
  const { message } = App.useApp();
  const [revoking, setRevoking] = useState<string>();
  const sessions = useLoad(() => client.gateway.authSessions(), [client]);

  async function revoke(session: LoginSessionView): Promise<void> {
    setRevoking(session.id);
    try {
      await client.gateway.authRevokeSession({ id: session.id });
      void message.success(t('profile.sessionRevoked'));
    } catch (error) {
      void message.error(showProblem(undefined, error));
    } finally {
      setRevoking(undefined);
      sessions.reload();
    }
  }

  return (
    <LoadState loaded={sessions} empty={(rows) => rows.length === 0}>
      {(rows) => (
        <Table<LoginSessionView>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={rows}
          data-testid="login-sessions"
          scroll={{ x: true }}
          columns={[
            {
              title: t('profile.sessionClient'),
              key: 'client',
              render: (_, session) => (
                <Space direction="vertical" size={0}>
                  <Space wrap>
                    <Typography.Text ellipsis={{ tooltip: session.userAgent }} style={{ maxWidth: 360 }}>
                      {describeClient(session.userAgent) ?? session.userAgent ?? t('profile.sessionUnknownClient')}
                    </Typography.Text>
                    {session.current && <Tag color="green">{t('profile.thisDevice')}</Tag>}
                  </Space>
                  {session.clientAddress && <Typography.Text type="secondary">{session.clientAddress}</Typography.Text>}
                </Space>
              ),
            },
            { title: t('profile.sessionBegan'), dataIndex: 'beganAt', render: (value: string) => formatDateTime(value, locale) },
            { title: t('profile.sessionLastActive'), dataIndex: 'lastActiveAt', render: (value: string) => formatDateTime(value, locale) },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, session) =>
                session.current ? null : (
                  <Popconfirm title={t('profile.revokeSessionConfirm')} onConfirm={() => void revoke(session)}>
                    <Button size="small" danger loading={revoking === session.id}>
                      {t('profile.revokeSession')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      )}
    </LoadState>
  );
}
