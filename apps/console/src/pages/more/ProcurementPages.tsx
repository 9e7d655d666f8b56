import { ProcurementTenderView } from '@houqin/api-client';
import { Card, Descriptions, Drawer, Form, InputNumber, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { formatDate, formatDateTime, formatYuan } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useLive } from '../../app/live';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/use-load';
import { LoadState, StatusTag } from '../common';
import { CommandButton, PageTitle, TextCommand } from './kit';

/** Requisitions (采购申请) waiting at a step the caller's role approves: approve with a comment, or reject with a reason. */
export function RequisitionsPage() {
  const { t, locale } = useI18n();
  const { client, caller } = useSession();
  const { tick } = useLive();
  const [filter, setFilter] = useState<'waiting' | 'all'>('waiting');
  const loaded = useLoad(() => client.procurement.requisitionsList({ limit: 200 }), [client, tick]);
  return (
    <>
      <PageTitle extra={<Segmented value={filter} onChange={setFilter} options={[{ value: 'waiting', label: t('requisitions.waiting') }, { value: 'all', label: t('common.all') }]} />}>{t('menu.requisitions')}</PageTitle>
      <LoadState loaded={loaded}>
        {(rows) => (
          <Table
            rowKey="id"
            size="small"
            scroll={{ x: true }}
            dataSource={rows.filter((row) => filter === 'all' || (row.status === 'submitted' && row.currentStep && caller?.roles.includes(row.currentStep.role)))}
            columns={[
              { title: t('common.name'), dataIndex: 'title' },
              { title: t('requisitions.category'), dataIndex: 'category', render: (value: string) => t(`procurementCategory.${value}`) },
              { title: t('common.amount'), dataIndex: 'total', align: 'right', render: (value: number) => formatYuan(value, locale) },
              { title: t('common.status'), dataIndex: 'status', render: (value: string, row) => <Space><StatusTag status={value} />{row.currentStep && <Tag>{t('requisitions.step')} {row.currentStep.step} · {t(`role.${row.currentStep.role}`)}</Tag>}</Space> },
              { title: t('requisitions.submittedAt'), dataIndex: 'submittedAt', render: (value?: string) => formatDateTime(value, locale) },
              {
                title: t('common.actions'),
                render: (_, row) =>
                  row.status === 'submitted' && row.currentStep && caller?.roles.includes(row.currentStep.role) ? (
                    <Space wrap>
                      <TextCommand label={t('action.approve')} prompt={t('common.comment')} run={(comment) => client.procurement.requisitionsApprove({ id: row.id, body: comment ? { comment } : {} })} onDone={loaded.reload} />
                      <TextCommand label={t('action.reject')} prompt={t('common.reason')} required danger run={(reason) => client.procurement.requisitionsReject({ id: row.id, body: { reason } })} onDone={loaded.reload} />
                    </Space>
                  ) : null,
              },
            ]}
          />
        )}
      </LoadState>
    </>
  );
}

function TenderDetail({ tender, onChange }: { tender: ProcurementTenderView; onChange(): void }) {
  const { t, locale } = useI18n();
  const { client, caller, may } = useSession();
  const bids = useLoad(() => client.procurement.tendersListBids({ id: tender.id }), [client, tender.id, tender.status]);
  const ranking = useLoad(async () => (['scored', 'award-proposed', 'award-suspended', 'awarded'].includes(tender.status) && may('procurement', 'tendersRanking') ? client.procurement.tendersRanking({ id: tender.id }) : []), [client, tender.id, tender.status]);
  const member = tender.committee.some((seat) => seat.userId === caller?.userId);
  const [form] = Form.useForm<{ scores: Record<string, { technical: number; service: number }> }>();
  const technical = tender.criteria.technical.filter((criterion) => criterion.kind !== 'past-performance').map((criterion) => criterion.name);
  const service = tender.criteria.service.filter((criterion) => criterion.kind !== 'past-performance').map((criterion) => criterion.name);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('common.status')}><StatusTag status={tender.status} /></Descriptions.Item>
        <Descriptions.Item label={t('tenders.ceiling')}>{formatYuan(tender.budgetCeiling, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('tenders.deadline')}>{formatDateTime(tender.bidDeadline, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('tenders.opening')}>{formatDateTime(tender.openingAt, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('tenders.committee')}>{tender.committee.map((seat) => seat.userId).join('、') || '—'}</Descriptions.Item>
        {tender.award && <Descriptions.Item label={t('tenders.award')}>{tender.award.vendorId} · {formatYuan(tender.award.price, locale)} · {tender.award.total}</Descriptions.Item>}
      </Descriptions>
      <Space wrap>
        {tender.status === 'published' && may('procurement', 'tendersOpen') && <CommandButton primary label={t('action.openBids')} run={() => client.procurement.tendersOpen({ id: tender.id })} onDone={onChange} />}
        {tender.status === 'scored' && may('procurement', 'tendersProposeAward') && <CommandButton primary label={t('action.proposeAward')} run={() => client.procurement.tendersProposeAward({ id: tender.id })} onDone={onChange} />}
        {tender.status === 'award-proposed' && may('procurement', 'tendersFinaliseAward') && <CommandButton primary label={t('action.finaliseAward')} run={() => client.procurement.tendersFinaliseAward({ id: tender.id })} onDone={onChange} />}
      </Space>
      <Typography.Title level={5}>{t('tenders.bids')}</Typography.Title>
      <LoadState loaded={bids} empty={(rows) => rows.length === 0}>
        {(rows) => (
          <Form form={form} component={false}>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: true }}
              dataSource={rows}
              columns={[
                { title: t('common.vendor'), dataIndex: 'vendorId', render: (value: string) => <Link to={`/vendors/${value}`}>{value.slice(0, 8)}</Link> },
                { title: t('tenders.price'), dataIndex: 'price', render: (value?: number, row?) => (row?.contentVisible ? formatYuan(value, locale) : t('tenders.sealed')) },
                { title: t('tenders.submittedAt'), dataIndex: 'submittedAt', render: (value: string) => formatDateTime(value, locale) },
                ...(member && tender.status === 'opened'
                  ? [
                      {
                        title: t('tenders.score'),
                        render: (_: unknown, row: { id: string }) => (
                          <Space wrap>
                            {[...technical.map((name) => ['technical', name] as const), ...service.map((name) => ['service', name] as const)].map(([kind, name]) => (
                              <Form.Item key={`${kind}.${name}`} name={['scores', row.id, kind, name]} noStyle>
                                <InputNumber size="small" min={0} placeholder={name} aria-label={name} style={{ width: 90 }} />
                              </Form.Item>
                            ))}
                            <CommandButton
                              label={t('action.score')}
                              run={() => {
                                const values = form.getFieldValue(['scores', row.id]) as { technical?: Record<string, number>; service?: Record<string, number> } | undefined;
                                return client.procurement.tendersScore({ id: tender.id, body: { bidId: row.id, technical: values?.technical ?? {}, service: values?.service ?? {} } });
                              }}
                              onDone={onChange}
                            />
                          </Space>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Form>
        )}
      </LoadState>
      {(ranking.data?.length ?? 0) > 0 && (
        <>
          <Typography.Title level={5}>{t('tenders.ranking')}</Typography.Title>
          <Table
            rowKey="bidId"
            size="small"
            pagination={false}
            dataSource={ranking.data}
            columns={[
              { title: '#', dataIndex: 'rank' },
              { title: t('common.vendor'), dataIndex: 'vendorId', render: (value: string) => value.slice(0, 8) },
              { title: t('tenders.price'), dataIndex: 'price', render: (value: number) => formatYuan(value, locale) },
              { title: t('tenders.total'), dataIndex: 'total' },
            ]}
          />
        </>
      )}
    </Space>
  );
}

/** Tenders (招标): bid opening, the committee's scoring, the award. */
export function TendersPage() {
  const { t, locale } = useI18n();
  const { client } = useSession();
  const { tick } = useLive();
  const [selected, setSelected] = useState<string>();
  const loaded = useLoad(() => client.procurement.tendersList({ limit: 100 }), [client, tick]);
  const tender = loaded.data?.find((row) => row.id === selected);
  return (
    <>
      <PageTitle>{t('menu.tenders')}</PageTitle>
      <LoadState loaded={loaded} empty={(rows) => rows.length === 0}>
        {(rows) => (
          <Table
            rowKey="id"
            size="small"
            scroll={{ x: true }}
            dataSource={rows}
            onRow={(row) => ({ onClick: () => setSelected(row.id), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('common.name'), dataIndex: 'title', render: (value: string) => <Typography.Link>{value}</Typography.Link> },
              { title: t('tenders.method'), dataIndex: 'method', render: (value: string) => t(`tenderMethod.${value}`) },
              { title: t('tenders.ceiling'), dataIndex: 'budgetCeiling', align: 'right', render: (value: number) => formatYuan(value, locale) },
              { title: t('common.status'), dataIndex: 'status', render: (value: string) => <StatusTag status={value} /> },
              { title: t('tenders.opening'), dataIndex: 'openingAt', render: (value: string) => formatDateTime(value, locale) },
            ]}
          />
        )}
      </LoadState>
      <Drawer open={!!tender} onClose={() => setSelected(undefined)} width={Math.min(720, window.innerWidth)} title={tender?.title}>
        {tender && <TenderDetail tender={tender} onChange={loaded.reload} />}
      </Drawer>
    </>
  );
}

/** A vendor's bids: the tenders open for bidding, and a sealed bid (price, technical proposal) on one. */
export function BidsPage() {
  const { t, locale } = useI18n();
  const { client } = useSession();
  const { tick } = useLive();
  const loaded = useLoad(() => client.procurement.tendersList({ limit: 100 }), [client, tick]);
  const [form] = Form.useForm<Record<string, { price?: number; proposal?: string }>>();
  return (
    <>
      <PageTitle>{t('menu.bids')}</PageTitle>
      <LoadState loaded={loaded} empty={(rows) => rows.length === 0}>
        {(rows) => (
          <Form form={form} component={false}>
            <Space direction="vertical" style={{ width: '100%' }}>
              {rows.map((tender) => (
                <Card key={tender.id} size="small" title={tender.title} extra={<StatusTag status={tender.status} />}>
                  <Typography.Paragraph type="secondary">
                    {t('tenders.ceiling')} {formatYuan(tender.budgetCeiling, locale)} · {t('tenders.deadline')} {formatDateTime(tender.bidDeadline, locale)}
                  </Typography.Paragraph>
                  {tender.status === 'published' && new Date(tender.bidDeadline) > new Date() && (
                    <Space wrap align="start">
                      <Form.Item name={[tender.id, 'price']} noStyle>
                        <InputNumber min={0} step={100} addonBefore="¥" placeholder={t('tenders.price')} aria-label={t('tenders.price')} style={{ width: 200 }} />
                      </Form.Item>
                      <TextCommand
                        label={t('action.submitBid')}
                        prompt={t('tenders.proposal')}
                        required
                        run={(proposal) => client.procurement.tendersSubmitBid({ id: tender.id, body: { price: Math.round(Number(form.getFieldValue([tender.id, 'price']) ?? 0) * 100), technicalProposal: proposal } }, { idempotencyKey: crypto.randomUUID() })}
                        onDone={loaded.reload}
                      />
                    </Space>
                  )}
                </Card>
              ))}
            </Space>
          </Form>
        )}
      </LoadState>
    </>
  );
}

/** Contracts (合同): drafts to sign, those in force, what ended and why. */
export function ContractsPage() {
  const { t, locale } = useI18n();
  const { client, may } = useSession();
  const { tick } = useLive();
  const loaded = useLoad(() => client.procurement.contractsList({ limit: 200 }), [client, tick]);
  return (
    <>
      <PageTitle>{t('menu.contracts')}</PageTitle>
      <LoadState loaded={loaded} empty={(rows) => rows.length === 0}>
        {(rows) => (
          <Table
            rowKey="id"
            size="small"
            scroll={{ x: true }}
            dataSource={rows}
            columns={[
              { title: t('common.name'), dataIndex: 'title' },
              { title: t('common.vendor'), dataIndex: 'vendorName', render: (value: string, row) => <Link to={`/vendors/${row.vendorId}`}>{value}</Link> },
              { title: t('contracts.service'), dataIndex: 'serviceType', render: (value: string) => t(`procurementCategory.${value}`) },
              { title: t('contracts.validity'), render: (_, row) => `${formatDate(row.validFrom, locale)} – ${formatDate(row.validTo, locale)}` },
              { title: t('common.status'), dataIndex: 'status', render: (value: string, row) => <Space><StatusTag status={value} />{row.inForce && <Tag color="green">{t('contracts.inForce')}</Tag>}</Space> },
              {
                title: t('common.actions'),
                render: (_, row) => (
                  <Space wrap>
                    {row.status === 'draft' && may('procurement', 'contractsSign') && <CommandButton primary label={t('action.sign')} run={() => client.procurement.contractsSign({ id: row.id })} onDone={loaded.reload} />}
                    {row.status === 'signed' && may('procurement', 'contractsTerminate') && (
                      <TextCommand danger required label={t('action.terminate')} prompt={t('common.reason')} run={(reason) => client.procurement.contractsTerminate({ id: row.id, body: { reason } })} onDone={loaded.reload} />
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </LoadState>
    </>
  );
}

/** Inventory (库存): stock on hand per item, what runs low, the last unit cost. */
export function InventoryPage() {
  const { t, locale } = useI18n();
  const { client } = useSession();
  const { tick } = useLive();
  const loaded = useLoad(() => client.procurement.stockItemsList({ limit: 200 }), [client, tick]);
  return (
    <>
      <PageTitle>{t('menu.inventory')}</PageTitle>
      <LoadState loaded={loaded} empty={(rows) => rows.length === 0}>
        {(rows) => (
          <Table
            rowKey="id"
            size="small"
            scroll={{ x: true }}
            dataSource={rows}
            columns={[
              { title: t('inventory.code'), dataIndex: 'code' },
              { title: t('common.name'), dataIndex: 'name' },
              { title: t('inventory.onHand'), dataIndex: 'onHand', align: 'right', render: (value: number, row) => <Space>{value} {row.unitOfMeasure}{row.low && <Tag color="red">{t('inventory.low')}</Tag>}</Space> },
              { title: t('inventory.threshold'), dataIndex: 'lowStockThreshold', align: 'right' },
              { title: t('inventory.unitCost'), dataIndex: 'lastUnitCostFen', align: 'right', render: (value?: number) => formatYuan(value, locale) },
            ]}
          />
        )}
      </LoadState>
    </>
  );
}
