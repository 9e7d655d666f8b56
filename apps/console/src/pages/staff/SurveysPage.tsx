import { EvaluationSurveyView } from '@houqin/api-client';
import { Alert, App, Button, Card, Form, Input, Rate, Space, Typography } from 'antd';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useLive } from '../../app/live';
import { useSession } from '../../app/session';
import { useSubmit } from '../../app/use-submit';
import { useLoad } from '../../app/use-load';
import { LoadState } from '../common';

function SurveyCard({ survey, onAnswered }: { survey: EvaluationSurveyView; onAnswered(): void }) {
  const { t, locale } = useI18n();
  const { client } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ scores: Record<string, number>; comment?: string }>();
  const { busy, failure, submit } = useSubmit(form, async (values: { scores: Record<string, number>; comment?: string }) => {
    await client.evaluation.surveysAnswer({ id: survey.id, body: { scores: values.scores, ...(values.comment ? { comment: values.comment } : {}) } });
    message.success(t('surveys.thanks'));
    onAnswered();
  });
  return (
    <Card title={`${t(`service.${survey.serviceType}`)} · ${formatDateTime(survey.completedAt, locale)}`} data-testid={`survey-${survey.instanceId}`}>
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
        {survey.questions.map((question) => (
          <Form.Item key={question.code} name={['scores', question.code]} label={question.text} rules={[{ required: true, message: t('form.required') }]}>
            <Rate aria-label={question.text} />
          </Form.Item>
        ))}
        <Form.Item name="comment" label={t('surveys.comment')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('surveys.expires')} {formatDateTime(survey.expiresAt, locale)}</Typography.Paragraph>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('surveys.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** The satisfaction surveys (满意度调查) waiting for the caller's answer. */
export function SurveysPage() {
  const { t } = useI18n();
  const { client } = useSession();
  const { tick } = useLive();
  const loaded = useLoad(() => client.evaluation.surveysPending(), [client, tick]);
  return (
    <Space direction="vertical" style={{ width: '100%', maxWidth: 720 }}>
      <Typography.Title level={3}>{t('surveys.title')}</Typography.Title>
      <LoadState loaded={loaded} empty={(surveys) => surveys.length === 0}>
        {(surveys) => (
          <Space direction="vertical" style={{ width: '100%' }}>
            {surveys.map((survey) => (
              <SurveyCard key={survey.id} survey={survey} onAnswered={loaded.reload} />
            ))}
          </Space>
        )}
      </LoadState>
    </Space>
  );
}
