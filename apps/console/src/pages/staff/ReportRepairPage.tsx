import { MaintenanceReportRepairDto } from '@houqin/api-client';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Typography, Upload } from 'antd';
import { DeleteOutlined, PictureOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { fileMetadata } from '../../app/file-metadata';
import { useI18n } from '../../app/i18n';
import { useSession } from '../../app/session';
import { useSubmit } from '../../app/use-submit';

const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

/** Staff report a fault (报修): where, what, how urgent, and the metadata of their photos. */
export function ReportRepairPage() {
  const { t } = useI18n();
  const { client } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<MaintenanceReportRepairDto>();
  const navigate = useNavigate();

  const { busy, failure, submit } = useSubmit(form, async (values: MaintenanceReportRepairDto) => {
    const body: MaintenanceReportRepairDto = {
      location: { building: values.location.building, ...(values.location.floor ? { floor: values.location.floor } : {}), ...(values.location.room ? { room: values.location.room } : {}) },
      description: values.description,
      ...(values.priority ? { priority: values.priority } : {}),
      ...(values.assetCode ? { assetCode: values.assetCode } : {}),
      ...(values.attachments?.length ? { attachments: values.attachments } : {}),
    };
    const created = await client.maintenance.repairRequestsReport({ body }, { idempotencyKey: crypto.randomUUID() });
    message.success(t('report.done'));
    void navigate(`/repairs?highlight=${created.id}`);
  });

  const addPhoto = async (file: File) => {
    const attachments = form.getFieldValue('attachments') ?? [];
    form.setFieldValue('attachments', [...attachments, { ...(await fileMetadata(file)), url: '' }]);
  };

  return (
    <Space direction="vertical" style={{ width: '100%', maxWidth: 720 }}>
      <Typography.Title level={3}>{t('report.title')}</Typography.Title>
      <Card>
        {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} role="alert" />}
        <Form form={form} layout="vertical" initialValues={{ priority: 'normal', attachments: [] }} onFinish={(values) => void submit(values)}>
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item name={['location', 'building']} label={t('report.building')} rules={[{ required: true, message: t('form.required') }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item name={['location', 'floor']} label={t('report.floor')}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item name={['location', 'room']} label={t('report.room')}>
                <Input />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="description" label={t('report.description')} rules={[{ required: true, message: t('form.required') }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item name="priority" label={t('report.priority')}>
                <Select options={PRIORITIES.map((value) => ({ value, label: t(`priority.${value}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="assetCode" label={t('report.assetCode')}>
                <Input />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Text strong>{t('report.photos')}</Typography.Text>
          <Typography.Paragraph type="secondary">{t('report.photosHelp')}</Typography.Paragraph>
          <Form.List name="attachments">
            {(fields, { remove }) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                {fields.map((field) => (
                  <Card key={field.key} size="small" extra={<Button aria-label={t('common.remove')} icon={<DeleteOutlined />} onClick={() => remove(field.name)} />}>
                    <Row gutter={8}>
                      <Col xs={24} sm={12}>
                        <Form.Item name={[field.name, 'fileName']} label={t('report.fileName')} rules={[{ required: true, message: t('form.required') }]}>
                          <Input />
                        </Form.Item>
                      </Col>
                      <Col xs={12} sm={6}>
                        <Form.Item name={[field.name, 'contentType']} label={t('report.contentType')} rules={[{ required: true, message: t('form.required') }]}>
                          <Input />
                        </Form.Item>
                      </Col>
                      <Col xs={12} sm={6}>
                        <Form.Item name={[field.name, 'sizeBytes']} label={t('report.sizeBytes')} rules={[{ required: true, message: t('form.required') }]}>
                          <InputNumber style={{ width: '100%' }} />
                        </Form.Item>
                      </Col>
                      <Col span={24}>
                        <Form.Item name={[field.name, 'url']} label={t('report.url')} rules={[{ required: true, message: t('form.required') }]} extra={t('report.urlHelp')}>
                          <Input placeholder="https://files.example.gov.cn/…" />
                        </Form.Item>
                        <Form.Item name={[field.name, 'sha256']} hidden>
                          <Input />
                        </Form.Item>
                      </Col>
                    </Row>
                  </Card>
                ))}
                <Upload
                  accept="image/*"
                  multiple
                  showUploadList={false}
                  beforeUpload={(file) => {
                    void addPhoto(file);
                    return false;
                  }}
                >
                  <Button icon={<PictureOutlined />}>{t('report.addPhoto')}</Button>
                </Upload>
              </Space>
            )}
          </Form.List>
          <Button type="primary" htmlType="submit" loading={busy} style={{ marginTop: 24 }} block>
            {t('report.submit')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
