import { Alert, App, Button, Form, Input, Modal, Popover, Space, Tabs, TabsProps, Typography } from 'antd';
import { ReactNode, useState } from 'react';
import { useSearchParams } from 'react-router-dom';

import { Refusal } from '../../app/submission';
import { useSubmit } from '../../app/use-submit';

/** A command button: runs the call, says so when done, shows the API's refusal beside it. */
export function CommandButton({ label, run, onDone, primary, danger }: { label: string; run(): Promise<unknown>; onDone(): void; primary?: boolean; danger?: boolean }) {
  const { message } = App.useApp();
  const { busy, failure, submit } = useSubmit(undefined, async () => {
    await run();
    message.success(`${label} ✓`);
    onDone();
  });
  return (
    <Space direction="vertical" size={4}>
      <Button size="small" type={primary ? 'primary' : 'default'} danger={danger} loading={busy} onClick={() => void submit(undefined)}>
        {label}
      </Button>
      {failure && <Alert type="error" showIcon message={failure} style={{ maxWidth: 360 }} />}
    </Space>
  );
}

/** A command that needs a line of text (a reason, a comment) before it runs. */
export function TextCommand({ label, prompt, required, run, onDone, danger }: { label: string; prompt: string; required?: boolean; run(text: string): Promise<unknown>; onDone(): void; danger?: boolean }) {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      content={
        <Space direction="vertical" style={{ width: 280 }}>
          <Input.TextArea aria-label={prompt} placeholder={prompt} rows={2} value={text} onChange={(event) => setText(event.target.value)} />
          {(!required || text.trim()) && (
            <CommandButton
              label={label}
              primary
              danger={danger}
              run={() => run(text.trim())}
              onDone={() => {
                setOpen(false);
                setText('');
                onDone();
              }}
            />
          )}
        </Space>
      }
    >
      <Button size="small" danger={danger}>
        {label}
      </Button>
    </Popover>
  );
}

/**
 * A form in a dialog: runs the call, says so when done, shows the API's refusals beside the fields
 * they name (`refusal` first renames what the API names for what the form calls it).
 */
export function FormModal<T extends object>({ title, initialValues, run, onClose, onDone, children, refusal, width }: { title: string; initialValues?: Partial<T>; run(values: T): Promise<unknown>; onClose(): void; onDone(): void; children: ReactNode; refusal?: Refusal; width?: number }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<T>();
  const { busy, failure, submit } = useSubmit<T>(
    form,
    async (values) => {
      await run(values);
      message.success(`${title} ✓`);
      onDone();
    },
    refusal,
  );
  return (
    <Modal open title={title} width={width} onCancel={onClose} onOk={() => form.submit()} okText={title} confirmLoading={busy} destroyOnHidden>
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={(values) => void submit(values)}>
        {children}
      </Form>
    </Modal>
  );
}

export function PageTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <Space wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {children}
      </Typography.Title>
      {extra}
    </Space>
  );
}

/** Tabs whose open tab is in the address (`?tab=`), so that a deep link or a reload opens it again; the first by default. */
export function LinkedTabs({ items }: { items: NonNullable<TabsProps['items']> }) {
  const [params, setParams] = useSearchParams();
  return <Tabs activeKey={params.get('tab') ?? items[0]?.key} onChange={(key) => setParams({ tab: key }, { replace: true })} items={items} />;
}
