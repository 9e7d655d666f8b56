import { CreateUserDto, UserView } from '@houqin/api-client';
import { Alert, App, Button, Card, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useSession } from '../../app/session';
import { useSubmit } from '../../app/use-submit';
import { useLoad } from '../../app/use-load';
import { PageTitle } from './kit';

const AGENCY_ROLES = ['staff', 'logistics-manager', 'approver', 'vendor', 'evaluator', 'auditor', 'agency-admin'] as const;

/** The agency admin opens accounts for the agency's people — staff, managers, a vendor's account — who then log in here. */
export function PeoplePage() {
  const { t, locale } = useI18n();
  const { client, may } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateUserDto>();
  const [created, setCreated] = useState<UserView[]>([]);
  const roles = Form.useWatch('roles', form) ?? [];
  const vendors = useLoad(async () => (may('procurement', 'vendorsList') ? client.procurement.vendorsList({ limit: 200 }) : []), [client]);
  const { busy, failure, submit } = useSubmit(form, async (values: CreateUserDto) => {
    const user = await client.gateway.identityCreateUser({ body: values });
    message.success(t('people.created'));
    setCreated((previous) => [user, ...previous]);
    form.resetFields();
  });
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle>{t('menu.people')}</PageTitle>
      <Card title={t('people.new')} style={{ maxWidth: 640 }}>
        {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
          <Form.Item name="displayName" label={t('people.displayName')} rules={[{ required: true, message: t('form.required') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('form.required') }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="roles" label={t('profile.roles')} rules={[{ required: true, message: t('form.required') }]}>
            <Select mode="multiple" options={AGENCY_ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))} />
          </Form.Item>
          {roles.includes('vendor') && (
            <Form.Item name="vendorId" label={t('profile.vendor')} rules={[{ required: true, message: t('form.required') }]}>
              <Select loading={vendors.loading} options={(vendors.data ?? []).map((vendor) => ({ value: vendor.id, label: vendor.name }))} />
            </Form.Item>
          )}
          <Form.Item name="password" label={t('people.password')} rules={[{ required: true, message: t('form.required') }]} extra={t('people.passwordHelp')}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('people.create')}
          </Button>
        </Form>
      </Card>
      {created.length > 0 && (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={created}
          columns={[
            { title: t('people.displayName'), dataIndex: 'displayName' },
            { title: t('login.username'), dataIndex: 'username' },
            { title: t('profile.roles'), dataIndex: 'roles', render: (values: string[]) => values.map((role) => <Tag key={role}>{t(`role.${role}`)}</Tag>) },
            { title: t('common.createdAt'), dataIndex: 'createdAt', render: (value: string) => formatDateTime(value, locale) },
          ]}
        />
      )}
    </Space>
  );
}
