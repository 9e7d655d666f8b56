import { Page } from 'playwright-core';
import { HouqinClient } from '@houqin/api-client';
import { waitFor } from '@houqin/testing';
import { DESKTOP, PASSWORD, useConsoleBrowser } from './console-browser';

/**
 * Oversight (监督问责) in the console, in a real browser against `npm start`'s platform: a complaint
 * from the staff member through triage, evidence and the decision to their appeal and its decision
 * by another operator; a sanction proposal confirmed by the manager and lifted early by the agency
 * admin; an internal-audit finding answered by its responsible person and closed by the auditor; a
 * qualification registered (the API's refusal of an expiry before the issue beside that field) and
 * shown with its expiry; each role's menu; English.
 */

/** Ant Design spaces two-character Chinese button labels (申 诉). */
const button = (text: string) => new RegExp(`^${[...text].join('\\s?')}$`);
/** A calendar day in China Standard Time, `offset` days from today. */
const cstDay = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

async function choose(page: Page, scope: ReturnType<Page['locator']> | Page, label: string, option: string | RegExp): Promise<void> {
  await scope.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

describe('oversight in the web console (npm start, in chromium)', () => {
  const session = useConsoleBrowser('console-oversight');
  const { pageAs, shoot } = session;
  const run = Date.now().toString(36);
  const people = { staff: `lin.staff.${run}`, manager: `zheng.manager.${run}`, auditor: `sun.auditor.${run}`, vendor: `xu.vendor.${run}`, approver: `qian.approver.${run}` };
  const repair = `二楼档案室空调漏水 ${run}`;
  const requirement = `食堂进货台账齐全 ${run}`;
  const ids = { staff: '', manager: '', admin: '' };
  let contracted: { vendorId: string; vendorName: string };
  let sanctioned: { id: string; name: string };
  let findingId: string;
  let violationId: string;
  const response = `经核实投诉属实，已责成供应商返修并扣减当月考核分 ${run}`;
  let admin: HouqinClient;

  beforeAll(async () => {
    admin = session.admin;
    ids.admin = (await admin.gateway.authMe()).userId;
    const contract = await waitFor(async () => (await admin.maintenance.vendorContractsList()).find((known) => known.assignable), { description: "the demo's contracted vendor" });
    contracted = { vendorId: contract.vendorId, vendorName: contract.vendorName };
    const create = (username: string, displayName: string, role: 'staff' | 'logistics-manager' | 'auditor' | 'vendor' | 'approver') =>
      admin.gateway.identityCreateUser({ body: { username, displayName, roles: [role], password: PASSWORD, ...(role === 'vendor' ? { vendorId: contracted.vendorId } : {}) } });
    ids.staff = (await create(people.staff, '林静', 'staff')).id;
    ids.manager = (await create(people.manager, '郑伟', 'logistics-manager')).id;
    const auditorId = (await create(people.auditor, '孙审计', 'auditor')).id;
    await create(people.vendor, '许经理', 'vendor');
    await create(people.approver, '钱处长', 'approver');

    // A sanction needs an offence the rules count: one penalty point proposes a suspension, and a
    // violation is recorded against a vendor under no sanction.
    await admin.evaluation.sanctionsSetRules({ body: { rules: [{ offence: 'penalty-points', threshold: 1, windowDays: 30, measure: 'suspension', suspensionDays: 7 }], ladder: { windowDays: 1, suspensionDays: 7 }, automatic: false } });
    const inForce = new Set((await admin.evaluation.sanctionsList({ status: 'active', limit: 200 })).map((sanction) => sanction.vendorId));
    const vendor = (await admin.procurement.vendorsList({ limit: 200 })).find((known) => known.status === 'active' && known.id !== contracted.vendorId && !inForce.has(known.id))!;
    sanctioned = { id: vendor.id, name: vendor.name };
    violationId = (await admin.evaluation.violationsRecord({ body: { party: vendor.id, serviceType: 'maintenance', severity: 'major', description: `保洁人员未按合同到岗 ${run}`, occurredAt: new Date(Date.now() - 60_000).toISOString() } })).id;

    // The staff member's repair, assigned to the contracted vendor: the work order complained about.
    const staff = await session.clientAs(people.staff);
    const request = await staff.maintenance.repairRequestsReport({ body: { location: { building: '办公楼 A座', floor: '2' }, description: repair } });
    const workOrder = await admin.maintenance.workOrdersTriage({ id: request.id, body: { category: 'hvac' } });
    await admin.maintenance.workOrdersAssign({ id: workOrder.id, body: { vendorId: contracted.vendorId } });

    // The auditor's self-check of a department finds a failing item; the staff member answers for it.
    const auditor = await session.clientAs(people.auditor);
    const department = await admin.gateway.identityCreateDepartment({ id: (await admin.gateway.authMe()).agencyId, body: { name: `机关服务中心 ${run}` } });
    const plan = await auditor.evaluation.internalAuditCreatePlan({ body: { name: `2026年度后勤内部审计 ${run}`, period: '2026', scope: '食堂采购与台账' } });
    const task = await auditor.evaluation.internalAuditAssignTask({ id: plan.id, body: { kind: 'self-check', checkedDepartmentId: department.id, assignees: [auditorId], dueOn: cstDay(7), checklist: [{ requirement }] } });
    const finding = await auditor.evaluation.internalAuditRecordFinding({
      id: task.id,
      body: { itemId: task.checklist[0]!.id, result: 'fail', description: `缺少11月进货票据 ${run}`, severity: 'minor', rectification: { responsibleUserId: ids.staff, deadline: cstDay(7) } },
    });
    findingId = finding.id;
  }, 60_000);

  it('takes a complaint from the staff member through triage, evidence and the decision to the appeal, decided by another operator', async () => {
    const grievance = `维修后当天再次漏水，师傅未试机 ${run}`;
    const staff = await pageAs(people.staff, DESKTOP, '/complaints');
    await choose(staff, staff, '投诉的工单', repair);
    await choose(staff, staff, '投诉类别', '服务质量');
    await staff.getByLabel('投诉内容').fill(grievance);
    await staff.getByRole('button', { name: '提交投诉' }).click();
    const mine = staff.locator('.ant-table-row').filter({ hasText: grievance });
    await mine.getByRole('button', { name: button('撤回') }).waitFor();
    expect(await mine.getByRole('button', { name: button('申诉') }).count()).toBe(0);

    // The manager finds it among the filed ones and opens it.
    const manager = await pageAs(people.manager, DESKTOP, '/complaint-handling');
    await choose(manager, manager, '状态', '已受理');
    await manager.locator('.ant-table-row').filter({ hasText: grievance }).getByRole('link', { name: grievance }).click();
    await manager.waitForURL(/\/complaint-handling\/[0-9a-f-]{36}$/);
    const complaintId = manager.url().split('/').pop()!;
    const triage = manager.getByTestId('complaint-triage');
    await choose(manager, triage, '严重程度', '较重');
    await choose(manager, triage, '被投诉方', contracted.vendorName);
    await triage.getByRole('button', { name: '受理调查' }).click();
    await manager.locator('.ant-tag').filter({ hasText: '调查中' }).waitFor();
    expect(await manager.getByTestId('complaint-triage').count()).toBe(0);

    const evidence = `维修记录：师傅离场前未试机 ${run}`;
    const evidenceForm = manager.getByTestId('complaint-add-evidence');
    await evidenceForm.getByLabel('证据说明').fill(evidence);
    await evidenceForm.getByRole('button', { name: '补充证据' }).click();
    await manager.getByTestId('complaint-evidence').getByText(evidence).waitFor();

    const decide = manager.getByTestId('complaint-decide');
    await decide.getByText('投诉成立').click();
    await decide.getByLabel('理由（即对投诉人的答复）').fill(response);
    await decide.getByRole('button', { name: '作出处理决定' }).click();
    await manager.locator('.ant-tag').filter({ hasText: '已处理' }).waitFor();
    expect(await manager.getByTestId('complaint-decide').count()).toBe(0);
    await shoot(manager, 'complaint-case.zh-CN.desktop');

    // The staff member reads the response and appeals (once); withdrawal is no longer offered.
    await staff.reload();
    await mine.getByText(response).waitFor();
    expect(await mine.getByRole('button', { name: button('撤回') }).count()).toBe(0);
    await mine.getByRole('button', { name: button('申诉') }).click();
    await staff.locator('.ant-popover').getByLabel('申诉理由（对处理结果有何异议）').fill('返修后仍漏水，处理不到位');
    await staff.locator('.ant-popover').getByRole('button', { name: button('申诉') }).click();
    await mine.locator('.ant-tag').filter({ hasText: '申诉中' }).waitFor();
    expect(await mine.getByRole('button', { name: button('申诉') }).count()).toBe(0);
    await shoot(staff, 'complaints-appealed.zh-CN.desktop');

    // The manager who decided may not decide the appeal: the form is not offered, the reason is.
    await manager.reload();
    await manager.getByText('申诉须由作出原处理决定以外的人员处理').waitFor();
    expect(await manager.getByTestId('complaint-decide-appeal').count()).toBe(0);

    // The agency admin decides it.
    const { username: adminName, password: adminPassword } = session.adminLogin;
    const adminPage = await pageAs(adminName, DESKTOP, `/complaint-handling/${complaintId}`, adminPassword);
    const appealResponse = `申诉成立部分，责成供应商三日内更换排水管 ${run}`;
    const decideAppeal = adminPage.getByTestId('complaint-decide-appeal');
    await decideAppeal.getByText('投诉成立').click();
    await decideAppeal.getByLabel('理由（即对投诉人的答复）').fill(appealResponse);
    await decideAppeal.getByRole('button', { name: '作出申诉决定' }).click();
    await adminPage.locator('.ant-tag').filter({ hasText: '申诉已处理' }).waitFor();
    await staff.reload();
    await mine.getByText(appealResponse).waitFor();

    const decided = await admin.evaluation.complaintsGet({ id: complaintId });
    expect(decided).toMatchObject({ status: 'appeal-decided', party: contracted.vendorId, triage: { severity: 'major', investigatorId: ids.manager }, decision: { outcome: 'upheld', decidedBy: ids.manager, reasons: response }, appeal: { decision: { outcome: 'upheld', decidedBy: ids.admin } } });
    expect(decided.evidence.map((item) => item.description)).toEqual([evidence]);
  }, 90_000);

  it('has the manager confirm a sanction proposal and the agency admin lift it early; the auditor closes a finding its responsible person answered', async () => {
    const proposal = await waitFor(async () => (await admin.evaluation.sanctionsProposals({ vendorId: sanctioned.id, status: 'open' }))[0], { timeoutMs: 20_000, description: 'the proposal the violation raised' });
    const manager = await pageAs(people.manager, DESKTOP, '/sanctions');
    const row = manager.locator(`tr[data-row-key="${proposal.id}"]`);
    await row.getByText(sanctioned.name).waitFor();
    await shoot(manager, 'sanction-proposals.zh-CN.desktop');
    await row.getByRole('button', { name: '确认处罚' }).click();
    await manager.locator('.ant-popover').getByRole('button', { name: '确认处罚' }).click();
    await row.waitFor({ state: 'detached' });
    const { sanctionId } = await admin.evaluation.sanctionsProposal({ id: proposal.id });
    expect(sanctionId).toBeDefined();

    // In force; only the agency admin may lift it.
    await manager.getByRole('tab', { name: '处罚记录' }).click();
    const managersView = manager.locator(`tr[data-row-key="${sanctionId}"]`);
    await managersView.locator('.ant-tag').filter({ hasText: '执行中' }).waitFor();
    expect(await managersView.getByRole('button', { name: '提前解除' }).count()).toBe(0);
    const { username: adminName, password: adminPassword } = session.adminLogin;
    const adminPage = await pageAs(adminName, DESKTOP, '/sanctions?tab=sanctions', adminPassword);
    const sanction = adminPage.locator(`tr[data-row-key="${sanctionId}"]`);
    await sanction.getByRole('button', { name: '提前解除' }).click();
    await adminPage.locator('.ant-popover').getByLabel('理由').fill('供应商已完成整改并通过复查');
    await adminPage.locator('.ant-popover').getByRole('button', { name: '提前解除' }).click();
    await sanction.locator('.ant-tag').filter({ hasText: '已解除' }).waitFor();
    expect(await sanction.getByRole('button', { name: '提前解除' }).count()).toBe(0);
    await shoot(adminPage, 'sanctions.zh-CN.desktop');
    expect(await admin.evaluation.sanctionsGet({ id: sanctionId! })).toMatchObject({ status: 'lifted', liftedBy: ids.admin });

    // The internal-audit finding: the responsible staff member answers; the auditor closes it.
    const staff = await pageAs(people.staff, DESKTOP, '/internal-audit');
    const toAnswer = staff.locator(`tr[data-row-key="${findingId}"]`);
    await toAnswer.locator('.ant-tag').filter({ hasText: '整改中' }).waitFor();
    await toAnswer.getByRole('button', { name: '提交整改' }).click();
    await staff.locator('.ant-popover').getByLabel('整改情况说明').fill('已补齐11月票据并建立月度核对');
    await staff.locator('.ant-popover').getByRole('button', { name: '提交整改' }).click();
    await toAnswer.locator('.ant-tag').filter({ hasText: '待验证' }).waitFor();
    expect(await toAnswer.getByRole('button', { name: '提交整改' }).count()).toBe(0);
    expect(await toAnswer.getByRole('button', { name: '验证销号' }).count()).toBe(0);

    const auditor = await pageAs(people.auditor, DESKTOP, '/internal-audit');
    const toClose = auditor.locator(`tr[data-row-key="${findingId}"]`);
    await toClose.getByText(requirement).waitFor();
    // Who answers for it, by name.
    await toClose.getByText('林静', { exact: true }).waitFor();
    await toClose.getByRole('button', { name: button('退回') }).waitFor();
    await toClose.getByRole('button', { name: '验证销号' }).click();
    await auditor.locator('.ant-popover').getByLabel('验证意见').fill('抽查票据齐全');
    await auditor.locator('.ant-popover').getByRole('button', { name: '验证销号' }).click();
    await toClose.locator('.ant-tag').filter({ hasText: '已销号' }).waitFor();
    await shoot(auditor, 'internal-audit.zh-CN.desktop');
    expect((await admin.evaluation.internalAuditFinding({ id: findingId })).steps.map((step) => step.step)).toEqual(['answered', 'closed']);
  }, 90_000);

  it('registers a qualification (an expiry before the issue refused beside the field) and shows it expiring, allocates a budget in yuan, voids a violation, and shows each role its pages only, in English too', async () => {
    const manager = await pageAs(people.manager, DESKTOP, '/qualifications');
    await manager.getByRole('button', { name: '登记资质' }).click();
    const dialog = manager.getByRole('dialog');
    await dialog.getByLabel('姓名').fill('张电工');
    await dialog.getByLabel('用户ID').fill(ids.staff);
    await choose(manager, dialog, '证书类型', '电工证');
    const number = `T3501${run}`.toUpperCase();
    await dialog.getByLabel('证书编号').fill(number);
    await dialog.getByLabel('发证日期').fill(cstDay(-700));
    await dialog.getByLabel('有效期至').fill(cstDay(-800));
    await dialog.getByRole('button', { name: '登记资质' }).click();
    const expiryItem = dialog.locator('.ant-form-item').filter({ has: manager.getByLabel('有效期至') });
    await expiryItem.locator('.ant-form-item-explain-error').filter({ hasText: 'expiresOn must be after issuedOn' }).waitFor();
    await shoot(manager, 'qualification-field-error.zh-CN.desktop');
    await dialog.getByLabel('有效期至').fill(cstDay(20));
    await dialog.getByRole('button', { name: '登记资质' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = manager.locator('.ant-table-row').filter({ hasText: number });
    await row.locator('.ant-tag').filter({ hasText: '20 天后到期' }).waitFor();
    await shoot(manager, 'qualifications.zh-CN.desktop');
    expect((await admin.evaluation.qualificationsList({ holder: ids.staff })).find((known) => known.certificateNumber === number)).toMatchObject({ status: 'expiring', expiresOn: cstDay(20) });

    // Next year's security budget allocated in yuan, stored in fen, shown with nothing used yet.
    const nextYear = Number(cstDay(0).slice(0, 4)) + 1;
    await manager.goto(`${session.url}/budgets`);
    await choose(manager, manager, '预算年度', String(nextYear));
    await manager.getByRole('button', { name: '下达预算' }).click();
    const allocation = manager.getByRole('dialog');
    await choose(manager, allocation, '品目', '安保');
    await allocation.getByLabel('预算额（元）').fill('12345.67');
    await allocation.getByRole('button', { name: '下达预算' }).click();
    await allocation.waitFor({ state: 'detached' });
    const budget = manager.locator('.ant-table-row').filter({ hasText: '安保' });
    await budget.getByText('¥12,345.67').first().waitFor();
    await budget.getByText('0%').waitFor();
    await shoot(manager, 'budgets.zh-CN.desktop');
    expect((await admin.procurement.budgetsList({ fiscalYear: nextYear })).find((known) => known.category === 'security')).toMatchObject({ allocated: 1_234_567, available: 1_234_567 });

    // Accountability: the upheld complaint answered by its vendor; the violation recorded by hand voided.
    await manager.goto(`${session.url}/accountability`);
    await manager.locator('.ant-table-row').filter({ hasText: response }).filter({ hasText: '投诉成立' }).filter({ hasText: contracted.vendorName }).first().waitFor();
    const violation = manager.locator('.ant-table-row').filter({ hasText: `保洁人员未按合同到岗 ${run}` });
    await violation.getByRole('button', { name: button('作废') }).click();
    await manager.locator('.ant-popover').getByLabel('理由').fill('重复登记，已另案处理');
    await manager.locator('.ant-popover').getByRole('button', { name: button('作废') }).click();
    await violation.waitFor({ state: 'detached' });
    await shoot(manager, 'accountability.zh-CN.desktop');
    expect(await admin.evaluation.violationsGet({ id: violationId })).toMatchObject({ status: 'voided', voidReason: '重复登记，已另案处理' });

    const menuOf = (page: Page) => page.locator('.ant-layout-sider .ant-menu-item').allInnerTexts();
    const OVERSIGHT = ['投诉处理', '处罚管理', '问责记录', '内部审计', '资质与培训'];
    expect(await menuOf(manager)).toEqual(expect.arrayContaining([...OVERSIGHT, '采购订单', '预算']));
    const staff = await pageAs(people.staff, DESKTOP, '/sanctions');
    await staff.waitForURL(/\/repairs$/);
    expect((await menuOf(staff)).filter((entry) => OVERSIGHT.includes(entry))).toEqual(['内部审计']);
    expect(await menuOf(staff)).not.toEqual(expect.arrayContaining(['采购订单']));
    const auditor = await pageAs(people.auditor, DESKTOP, '/complaint-handling');
    await auditor.waitForURL((url) => !url.pathname.startsWith('/complaint-handling'));
    expect((await menuOf(auditor)).filter((entry) => OVERSIGHT.includes(entry))).toEqual(['处罚管理', '问责记录', '内部审计', '资质与培训']);
    const vendor = await pageAs(people.vendor, DESKTOP, '/queue');
    expect((await menuOf(vendor)).filter((entry) => OVERSIGHT.includes(entry))).toEqual(['问责记录', '资质与培训']);

    // In English, the same page's labels.
    await manager.goto(`${session.url}/qualifications`);
    await manager.getByText('English', { exact: true }).click();
    await manager.getByRole('heading', { name: 'Qualifications & training' }).waitFor();
    await manager.getByRole('menuitem', { name: 'Complaint handling' }).waitFor();
    await row.locator('.ant-tag').filter({ hasText: '20 days to expiry' }).waitFor();
    await manager.getByRole('button', { name: 'Register a qualification' }).waitFor();
    await shoot(manager, 'qualifications.en.desktop');
  }, 60_000);
  it('orders a direct purchase from an approved requisition, places it and receives part of it, the budget charged what was accepted', async () => {
    const year = Number(cstDay(0).slice(0, 4));
    if (!(await admin.procurement.budgetsList({ fiscalYear: year })).some((known) => known.category === 'supplies')) {
      await admin.procurement.budgetsAllocate({ body: { fiscalYear: year, category: 'supplies', allocated: 50_000_00 } });
    }
    const title = `A4复印纸（5箱） ${run}`;
    const staff = await session.clientAs(people.staff);
    const raised = await staff.procurement.requisitionsRaise({ body: { title, category: 'supplies', fiscalYear: year, lines: [{ description: 'A4复印纸 70g', quantity: 5, estimatedUnitPrice: 120_00 }] } });
    let requisition = await staff.procurement.requisitionsSubmit({ id: raised.id });
    const approvers = { approver: await session.clientAs(people.approver), 'logistics-manager': await session.clientAs(people.manager), 'agency-admin': admin };
    while (requisition.status === 'submitted' && requisition.currentStep) requisition = await approvers[requisition.currentStep.role].procurement.requisitionsApprove({ id: raised.id, body: {} });
    expect(requisition).toMatchObject({ status: 'approved', procurementMethod: 'direct-purchase' });

    const manager = await pageAs(people.manager, DESKTOP, '/purchase-orders');
    await manager.getByRole('button', { name: '新建订单' }).click();
    const dialog = manager.getByRole('dialog');
    await choose(manager, dialog, '采购申请', title);
    await choose(manager, dialog, '供应商', contracted.vendorName);
    await dialog.getByLabel('要求到货日期').fill(cstDay(10));
    await dialog.getByRole('button', { name: '新建订单' }).click();
    await dialog.waitFor({ state: 'detached' });
    const order = (await admin.procurement.purchaseOrdersList({ limit: 200 })).find((known) => known.requisitionId === raised.id)!;
    const row = manager.locator(`tr[data-row-key="${order.id}"]`);
    await row.locator('.ant-tag').filter({ hasText: '草稿' }).waitFor();
    await row.getByText('¥600.00').first().waitFor();
    expect(await row.getByRole('button', { name: '到货验收' }).count()).toBe(0);
    await row.getByRole('button', { name: button('下达') }).click();
    await row.locator('.ant-tag').filter({ hasText: '已下达' }).waitFor();

    // Three boxes accepted, one returned; the returned one needs a word of why — refused beside its field first.
    await row.getByRole('button', { name: '到货验收' }).click();
    const receipt = manager.getByRole('dialog');
    await receipt.getByLabel('验收合格', { exact: true }).fill('3');
    await receipt.getByLabel('退货', { exact: true }).fill('1');
    await receipt.getByRole('button', { name: '到货验收' }).click();
    const notesItem = receipt.locator('.ant-form-item').filter({ has: manager.getByLabel('验收说明（退货时必填）') });
    await notesItem.locator('.ant-form-item-explain-error').filter({ hasText: 'rejected' }).waitFor();
    await shoot(manager, 'purchase-order-receipt-field-error.zh-CN.desktop');
    await receipt.getByLabel('验收说明（退货时必填）').fill('一箱外包装受潮');
    await receipt.getByRole('button', { name: '到货验收' }).click();
    await receipt.waitFor({ state: 'detached' });
    await row.locator('.ant-tag').filter({ hasText: '部分到货' }).waitFor();
    await shoot(manager, 'purchase-orders.zh-CN.desktop');
    expect(await admin.procurement.purchaseOrdersGet({ id: order.id })).toMatchObject({ status: 'partially-received', spent: 360_00, lines: [{ quantity: 5, accepted: 3, rejected: 1 }] });
  }, 60_000);
});
