import type { OidcProviderView } from '@houqin/api-client';
import { Alert, Button, Card, Divider, Form, Input, Segmented, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Locale } from '../app/format';
import { useI18n } from '../app/i18n';
import { useSession } from '../app/session';
import { useSubmit } from '../app/use-submit';
import { beginSignIn } from './oidc-sign-in';

interface LoginForm {
  username: string;
  password: string;
  agencyCode?: string;
}

/**
 * Password login against the gateway (POST /api/v1/auth/login) and, where the gateway names one
 * (GET /api/v1/auth/providers), a button to sign in at the agency's identity provider.
 */
export function LoginPage() {
  const { t, locale, setLocale } = useI18n();
  const { login, client } = useSession();
  const [params] = useSearchParams();
  const [form] = Form.useForm<LoginForm>();
  const [provider, setProvider] = useState<OidcProviderView>();
  const [leaving, setLeaving] = useState(false);
  useEffect(() => {
    let current = true;
    // No provider, or one that cannot be reached: password login only.
    client.gateway.authProviders().then(
      (providers) => current && setProvider(providers.oidc ?? undefined),
      () => current && setProvider(undefined),
    );
    return () => {
      current = false;
    };
  }, [client]);
  // Signed in, the app's routes take over and send the person on (see AfterLogin).
  const { busy, failure, setFailure, submit } = useSubmit(form, async (values: LoginForm) => {
    await login({ username: values.username.trim(), password: values.password, ...(values.agencyCode?.trim() ? { agencyCode: values.agencyCode.trim() } : {}) });
  });
  const signInAtProvider = async (oidc: OidcProviderView) => {
    setLeaving(true);
    try {
      window.location.assign(await beginSignIn(oidc, window.location.origin, params.get('next'), sessionStorage));
    } catch (error) {
      setLeaving(false);
      setFailure(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f3f5f9', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Space style={{ width: '100%', justifyContent: 'space-between' }}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('app.title')}
            </Typography.Title>
            <Segmented<Locale>
              aria-label={t('app.language')}
              value={locale}
              options={[
                { label: '中文', value: 'zh-CN' },
                { label: 'English', value: 'en' },
              ]}
              onChange={(value) => setLocale(value)}
            />
          </Space>
          <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
          {failure && <Alert type="error" showIcon message={failure} role="alert" />}
          <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false}>
            <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('form.required') }]}>
              <Input autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('form.required') }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Form.Item name="agencyCode" label={t('login.agencyCode')} extra={t('login.agencyCodeHelp')}>
              <Input />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('login.submit')}
            </Button>
          </Form>
          {provider && (
            <>
              <Divider plain style={{ margin: 0 }}>
                {t('login.or')}
              </Divider>
              <Button block loading={leaving} data-testid="oidc-sign-in" onClick={() => void signInAtProvider(provider)}>
                {t('login.oidc')}
              </Button>
            </>
          )}
        </Space>
      </Card>
    </div>
  );
}
