import { Alert, Button, Card, Form, Input, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { Locale } from '../app/format';
import { useI18n } from '../app/i18n';
import { showProblem } from '../app/problem';
import { useSession } from '../app/session';

interface LoginForm {
  username: string;
  password: string;
  agencyCode?: string;
}

/** Password login against the gateway (POST /api/v1/auth/login). */
export function LoginPage() {
  const { t, locale, setLocale } = useI18n();
  const { login } = useSession();
  const [form] = Form.useForm<LoginForm>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (values: LoginForm) => {
    setBusy(true);
    setFailure(undefined);
    try {
      // Signed in, the app's routes take over and send the person on (see AfterLogin).
      await login({ username: values.username.trim(), password: values.password, ...(values.agencyCode?.trim() ? { agencyCode: values.agencyCode.trim() } : {}) });
    } catch (error) {
      setFailure(showProblem(form, error));
    } finally {
      setBusy(false);
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
        </Space>
      </Card>
    </div>
  );
}
