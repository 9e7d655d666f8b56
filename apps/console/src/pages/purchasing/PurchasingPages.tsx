import { ProblemError, ProcurementAllocateBudgetDto, ProcurementPurchaseOrderView } from '@houqin/api-client';
import { Button, Card, Form, Input, InputNumber, Progress, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { cstWallClock, fenFromYuan, formatDate, formatDateTime, formatYuan } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useLive } from '../../app/live';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/use-load';
import { LoadState } from '../common';
import { CommandButton, FormModal, PageTitle, TextCommand } from '../more/kit';
import { PartyName, useVendorNames } from '../oversight/ComplaintHandlingPages';
import { budgetUse, formLineField, orderCommands, outstanding } from './purchasing-rules';

const ORDER_STATUSES = ['draft', 'placed', 'partially-received', 'received', 'cancelled'] as const;
const ORDER_COLOURS: Record<string, string> = { draft: 'default', placed: 'blue', 'partially-received': 'gold', received: 'green', cancelled: 'default' };
const CATEGORIES = ['supplies', 'maintenance', 'catering', 'transport', 'cleaning', 'security'] as const;
/** Today in China Standard Time, YYYY-MM-DD. */
const cstToday = () => cstWallClock(Date.now()).slice(0, 10);
const showDate = (date: string, locale: 'zh-CN' | 'en') => formatDate(`${date}T00:00:00+08:00`, locale);

/** Purchase orders (采购订单): created from an approved requisition or an awarded tender, placed, received (验收) line by line, invoiced, cancelled. */
export function PurchaseOrdersPage() {
  const { t, locale } = useI18n();
  const { client, may } = useSession();
  const { tick } = useLive();
  const names = useVendorNames();
  const [status, setStatus] = useState<(typeof ORDER_STATUSES)[number] | 'all'>('all');
  const [creating, setCreating] = useState(false);
  const [receiving, setReceiving] = useState<ProcurementPurchaseOrderView>();
  const [invoicing, setInvoicing] = useState<ProcurementPurchaseOrderView>();
  const loaded = useLoad(() => client.procurement.purchaseOrdersList({ limit: 200, ...(status === 'all' ? {} : { status }) }), [client, tick, status]);
  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <Select aria-label={t('common.status')} style={{ width: 160 }} value={status} onChange={setStatus} options={[{ value: 'all', label: t('common.all') }, ...ORDER_STATUSES.map((value) => ({ value, label: t(`orderStatus.${value}`) }))]} />
            {may('procurement', 'purchaseOrdersCreate') && (
              <Button type="primary" onClick={() => setCreating(true)}>
                {t('orders.create')}
              </Button>
            )}
          </Space>
        }
      >
        {t('menu.purchaseOrders')}
      </PageTitle>
      <LoadState loaded={loaded} empty={(rows) => rows.length === 0}>
        {(rows) => (
          <Table
            rowKey="id"
            size="small"
            scroll={{ x: true }}
            dataSource={rows}
            expandable={{
              expandedRowRender: (order) => (
                <Table
                  rowKey="line"
                  size="small"
                  pagination={false}
                  dataSource={order.lines}
                  columns={[
                    { title: '#', dataIndex: 'line' },
                    { title: t('orders.item'), dataIndex: 'description' },
                    { title: t('orders.quantity'), dataIndex: 'quantity', align: 'right' },
                    { title: t('orders.unitPrice'), dataIndex: 'unitPrice', align: 'right', render: (value: number) => formatYuan(value, locale) },
                    { title: t('orders.lineTotal'), dataIndex: 'total', align: 'right', render: (value: number) => formatYuan(value, locale) },
                    { title: t('orders.expected'), dataIndex: 'expectedDeliveryDate', render: (value: string) => showDate(value, locale) },
                    { title: t('orders.accepted'), dataIndex: 'accepted', align: 'right' },
                    { title: t('orders.rejected'), dataIndex: 'rejected', align: 'right' },
                  ]}
                />
              ),
            }}
            columns={[
              { title: t('common.createdAt'), dataIndex: 'createdAt', render: (value: string) => formatDateTime(value, locale) },
              { title: t('common.vendor'), dataIndex: 'vendorId', render: (value: string) => <PartyName party={value} names={names} /> },
              { title: t('orders.category'), dataIndex: 'category', render: (value: string) => `${t(`procurementCategory.${value}`)}` },
              { title: t('orders.total'), dataIndex: 'total', align: 'right', render: (value: number) => formatYuan(value, locale) },
              { title: t('orders.committed'), dataIndex: 'committed', align: 'right', render: (value: number) => formatYuan(value, locale) },
              { title: t('orders.spent'), dataIndex: 'spent', align: 'right', render: (value: number) => formatYuan(value, locale) },
              {
                title: t('common.status'),
                dataIndex: 'status',
                render: (value: string, order) => (
                  <Space direction="vertical" size={0}>
                    <Tag color={ORDER_COLOURS[value]}>{t(`orderStatus.${value}`)}</Tag>
                    {order.cancellation && <Typography.Text type="secondary">{order.cancellation.reason}</Typography.Text>}
                    {order.budgetOverride && <Tag color="red">{`${t('orders.override')} ${formatYuan(order.budgetOverride.overspend, locale)}`}</Tag>}
                  </Space>
                ),
              },
              {
                title: t('common.actions'),
                render: (_, order) => {
                  const commands = orderCommands(order, (operation) => may('procurement', operation));
                  return (
                    <Space wrap>
                      {commands.includes('place') && <CommandButton primary label={t('orders.place')} run={() => client.procurement.purchaseOrdersPlace({ id: order.id })} onDone={loaded.reload} />}
                      {commands.includes('receive') && (
                        <Button size="small" type="primary" onClick={() => setReceiving(order)}>
                          {t('orders.receive')}
                        </Button>
                      )}
                      {commands.includes('invoice') && (
                        <Button size="small" onClick={() => setInvoicing(order)}>
                          {t('orders.invoice')}
                        </Button>
                      )}
                      {commands.includes('cancel') && <TextCommand danger required label={t('orders.cancel')} prompt={t('common.reason')} run={(reason) => client.procurement.purchaseOrdersCancel({ id: order.id, body: { reason } })} onDone={loaded.reload} />}
                    </Space>
                  );
                },
              },
            ]}
          />
        )}
      </LoadState>
      {creating && <CreateOrderModal onClose={() => setCreating(false)} onDone={() => (setCreating(false), loaded.reload())} />}
      {receiving && <ReceiptModal order={receiving} onClose={() => setReceiving(undefined)} onDone={() => (setReceiving(undefined), loaded.reload())} />}
      {invoicing && <InvoiceModal order={invoicing} onClose={() => setInvoicing(undefined)} onDone={() => (setInvoicing(undefined), loaded.reload())} />}
    </>
  );
}

interface CreateValues {
  source: 'requisition' | 'tender';
  requisitionId?: string;
  vendorId?: string;
  expectedDeliveryDate?: string;
  tenderId?: string;
  budgetOverrideReason?: string;
}

/** An order from an approved requisition (direct purchase or quotation, the vendor chosen) or from an awarded tender (its vendor and price). */
function CreateOrderModal({ onClose, onDone }: { onClose(): void; onDone(): void }) {
  const { t, locale } = useI18n();
  const { client, may } = useSession();
  const names = useVendorNames();
  const requisitions = useLoad(async () => (may('procurement', 'requisitionsList') ? (await client.procurement.requisitionsList({ status: 'approved', limit: 200 })).filter((requisition) => requisition.procurementMethod !== 'open-tender') : []), [client]);
  const tenders = useLoad(async () => (may('procurement', 'tendersList') ? (await client.procurement.tendersList({ limit: 200 })).filter((tender) => tender.status === 'awarded') : []), [client]);
  return (
    <FormModal<CreateValues>
      width={720}
      title={t('orders.create')}
      initialValues={{ source: 'requisition' }}
      run={(values) =>
        client.procurement.purchaseOrdersCreate({
          body:
            values.source === 'tender'
              ? { tenderId: values.tenderId!, ...(values.budgetOverrideReason?.trim() ? { budgetOverrideReason: values.budgetOverrideReason.trim() } : {}) }
              : { requisitionId: values.requisitionId!, vendorId: values.vendorId!, expectedDeliveryDate: values.expectedDeliveryDate!, ...(values.budgetOverrideReason?.trim() ? { budgetOverrideReason: values.budgetOverrideReason.trim() } : {}) },
        })
      }
      onClose={onClose}
      onDone={onDone}
    >
      <Form.Item name="source" label={t('orders.source')}>
        <Radio.Group
          options={[
            { value: 'requisition', label: t('orders.fromRequisition') },
            { value: 'tender', label: t('orders.fromTender') },
          ]}
        />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(before: CreateValues, after: CreateValues) => before.source !== after.source}>
        {({ getFieldValue }) =>
          getFieldValue('source') === 'tender' ? (
            <Form.Item name="tenderId" label={t('orders.tender')} rules={[{ required: true, message: t('form.required') }]}>
              <Select loading={tenders.loading} options={(tenders.data ?? []).map((tender) => ({ value: tender.id, label: `${tender.title} · ${formatYuan(tender.budgetCeiling, locale)}` }))} />
            </Form.Item>
          ) : (
            <>
              <Form.Item name="requisitionId" label={t('orders.requisition')} rules={[{ required: true, message: t('form.required') }]}>
                <Select loading={requisitions.loading} options={(requisitions.data ?? []).map((requisition) => ({ value: requisition.id, label: `${requisition.title} · ${formatYuan(requisition.total, locale)}` }))} />
              </Form.Item>
              <Form.Item name="vendorId" label={t('common.vendor')} rules={[{ required: true, message: t('form.required') }]}>
                <Select showSearch optionFilterProp="label" options={Object.entries(names).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
              <Form.Item name="expectedDeliveryDate" label={t('orders.expected')} rules={[{ required: true, message: t('form.required') }]}>
                <Input type="date" />
              </Form.Item>
            </>
          )
        }
      </Form.Item>
      {may('procurement', 'budgetsAllocate') && (
        <Form.Item name="budgetOverrideReason" label={t('orders.overrideReason')} extra={t('orders.overrideHelp')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      )}
    </FormModal>
  );
}

interface ReceiptValues {
  receivedDate: string;
  storeRoomId?: string;
  /** One per order line still to come, in `rows`' order. */
  lines: Array<{ accepted: number; rejected: number; inspectionNotes?: string }>;
}

/** Goods received (验收): per line still to come, the units accepted and rejected (with why); lines with nothing this time are left out. */
function ReceiptModal({ order, onClose, onDone }: { order: ProcurementPurchaseOrderView; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { client, may } = useSession();
  const rows = order.lines.filter((line) => outstanding(line) > 0);
  const stocked = rows.some((line) => line.stockItemId);
  const storeRooms = useLoad(async () => (stocked && may('procurement', 'storeRoomsList') ? client.procurement.storeRoomsList({}) : []), [client, stocked]);
  // Which form rows the last receipt sent, to place the API's refusals on their rows.
  const sent = useRef<number[]>([]);
  return (
    <FormModal<ReceiptValues>
      width={720}
      title={t('orders.receive')}
      initialValues={{ receivedDate: cstToday(), lines: rows.map((line) => ({ accepted: outstanding(line), rejected: 0 })) }}
      run={(values) => {
        const received = values.lines.flatMap((line, index) => (line.accepted + line.rejected > 0 ? [index] : []));
        // Nothing received at all: every line is sent, and the refusal names each.
        sent.current = received.length > 0 ? received : values.lines.map((_, index) => index);
        const lines = sent.current.map((index) => {
          const line = values.lines[index]!;
          return { line: rows[index]!.line, accepted: line.accepted, rejected: line.rejected, ...(line.inspectionNotes?.trim() ? { inspectionNotes: line.inspectionNotes.trim() } : {}) };
        });
        return client.procurement.purchaseOrdersReceive({ id: order.id, body: { receivedDate: values.receivedDate, ...(values.storeRoomId ? { storeRoomId: values.storeRoomId } : {}), lines } });
      }}
      refusal={(error) =>
        error instanceof ProblemError && Array.isArray(error.problem['errors'])
          ? new ProblemError(error.status, { ...error.problem, errors: error.fieldErrors.map((field) => ({ ...field, field: formLineField(field.field, sent.current) })) }, error.method, error.path)
          : error
      }
      onClose={onClose}
      onDone={onDone}
    >
      <Space wrap>
        <Form.Item name="receivedDate" label={t('orders.receivedDate')} rules={[{ required: true, message: t('form.required') }]}>
          <Input type="date" />
        </Form.Item>
        {stocked && (
          <Form.Item name="storeRoomId" label={t('orders.storeRoom')}>
            <Select style={{ width: 220 }} options={(storeRooms.data ?? []).map((room) => ({ value: room.id, label: room.name }))} />
          </Form.Item>
        )}
      </Space>
      <Form.List name="lines">
        {(fields) =>
          fields.map((field, index) => {
            const line = rows[index]!;
            return (
              <Card key={field.key} size="small" title={`${line.line}. ${line.description}（${t('orders.outstanding')} ${outstanding(line)}）`} style={{ marginBottom: 8 }}>
                <Space wrap align="start">
                  <Form.Item name={[field.name, 'accepted']} label={t('orders.accepted')} rules={[{ required: true, message: t('form.required') }]}>
                    <InputNumber min={0} precision={0} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'rejected']} label={t('orders.rejected')} rules={[{ required: true, message: t('form.required') }]}>
                    <InputNumber min={0} precision={0} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'inspectionNotes']} label={t('orders.inspectionNotes')}>
                    <Input style={{ width: 260 }} />
                  </Form.Item>
                </Space>
              </Card>
            );
          })
        }
      </Form.List>
    </FormModal>
  );
}

/** The vendor's invoice (发票), matched three ways against the order and what was received. */
function InvoiceModal({ order, onClose, onDone }: { order: ProcurementPurchaseOrderView; onClose(): void; onDone(): void }) {
  const { t, locale } = useI18n();
  const { client } = useSession();
  return (
    <FormModal<{ invoiceNumber: string; amountYuan: number; invoiceDate: string }>
      width={720}
      title={t('orders.invoice')}
      initialValues={{ invoiceDate: cstToday() }}
      run={(values) => client.procurement.purchaseOrdersInvoice({ id: order.id, body: { invoiceNumber: values.invoiceNumber.trim(), amount: fenFromYuan(values.amountYuan) ?? 0, invoiceDate: values.invoiceDate } })}
      onClose={onClose}
      onDone={onDone}
    >
      <Typography.Paragraph type="secondary">{`${t('orders.total')} ${formatYuan(order.total, locale)} · ${t('orders.spent')} ${formatYuan(order.spent, locale)}`}</Typography.Paragraph>
      <Form.Item name="invoiceNumber" label={t('orders.invoiceNumber')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
        <Input />
      </Form.Item>
      <Space wrap>
        <Form.Item name="amountYuan" label={t('orders.invoiceAmount')} rules={[{ required: true, message: t('form.required') }]}>
          <InputNumber min={0.01} precision={2} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="invoiceDate" label={t('orders.invoiceDate')} rules={[{ required: true, message: t('form.required') }]}>
          <Input type="date" />
        </Form.Item>
      </Space>
    </FormModal>
  );
}

/** Budgets (预算) per fiscal year and category: allocated, held by requisitions and orders, spent, what is left. */
export function BudgetsPage() {
  const { t, locale } = useI18n();
  const { client, may } = useSession();
  const { tick } = useLive();
  const thisYear = Number(cstToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [allocating, setAllocating] = useState(false);
  const loaded = useLoad(() => client.procurement.budgetsList({ fiscalYear: year }), [client, tick, year]);
  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <Select aria-label={t('budgets.fiscalYear')} style={{ width: 120 }} value={year} onChange={setYear} options={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((value) => ({ value, label: String(value) }))} />
            {may('procurement', 'budgetsAllocate') && (
              <Button type="primary" onClick={() => setAllocating(true)}>
                {t('budgets.allocate')}
              </Button>
            )}
          </Space>
        }
      >
        {t('menu.budgets')}
      </PageTitle>
      <LoadState loaded={loaded} empty={(rows) => rows.length === 0}>
        {(rows) => (
          <Table
            rowKey="id"
            size="small"
            scroll={{ x: true }}
            pagination={false}
            dataSource={rows}
            columns={[
              { title: t('orders.category'), dataIndex: 'category', render: (value: string) => t(`procurementCategory.${value}`) },
              { title: t('budgets.allocated'), dataIndex: 'allocated', align: 'right', render: (value: number) => formatYuan(value, locale) },
              { title: t('budgets.committed'), dataIndex: 'committed', align: 'right', render: (value: number) => formatYuan(value, locale) },
              { title: t('orders.spent'), dataIndex: 'spent', align: 'right', render: (value: number) => formatYuan(value, locale) },
              { title: t('budgets.available'), dataIndex: 'available', align: 'right', render: (value: number) => <Typography.Text type={value < 0 ? 'danger' : undefined}>{formatYuan(value, locale)}</Typography.Text> },
              { title: t('budgets.use'), render: (_, row) => <Progress style={{ width: 160 }} size="small" percent={Math.min(100, budgetUse(row))} status={budgetUse(row) > 100 ? 'exception' : 'normal'} format={() => `${budgetUse(row)}%`} /> },
              { title: t('budgets.allocatedBy'), render: (_, row) => `${row.allocatedBy} · ${formatDateTime(row.allocatedAt, locale)}` },
            ]}
          />
        )}
      </LoadState>
      {allocating && (
        <FormModal<Omit<ProcurementAllocateBudgetDto, 'allocated'> & { allocatedYuan: number }>
          width={720}
          title={t('budgets.allocate')}
          initialValues={{ fiscalYear: year }}
          run={(values) => client.procurement.budgetsAllocate({ body: { fiscalYear: values.fiscalYear, category: values.category, allocated: fenFromYuan(values.allocatedYuan) ?? 0 } })}
          onClose={() => setAllocating(false)}
          onDone={() => (setAllocating(false), loaded.reload())}
        >
          <Space wrap>
            <Form.Item name="fiscalYear" label={t('budgets.fiscalYear')} rules={[{ required: true, message: t('form.required') }]}>
              <InputNumber min={2000} max={2100} precision={0} />
            </Form.Item>
            <Form.Item name="category" label={t('orders.category')} rules={[{ required: true, message: t('form.required') }]}>
              <Select style={{ width: 160 }} options={CATEGORIES.map((value) => ({ value, label: t(`procurementCategory.${value}`) }))} />
            </Form.Item>
            <Form.Item name="allocatedYuan" label={t('budgets.amountYuan')} rules={[{ required: true, message: t('form.required') }]}>
              <InputNumber min={0} precision={2} style={{ width: 200 }} />
            </Form.Item>
          </Space>
        </FormModal>
      )}
    </>
  );
}
