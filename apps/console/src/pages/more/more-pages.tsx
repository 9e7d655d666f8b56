import type { ConsolePage } from '../../app/pages';
import { BidsPage, ContractsPage, InventoryPage, RequisitionsPage, TendersPage } from './ProcurementPages';
import { PeoplePage } from './PeoplePage';
import { AssessmentsPage, AuditTrailPage, ComparisonPage, RectificationsPage, ScorecardsPage, Vendor360Page, VendorsPage, ViolationsPage } from './SupervisionPages';

/** The pages beyond the repair flow: procurement, supervision and evaluation, each shown to the roles the policy table lets make its main call. */
export const MORE_PAGES: ConsolePage[] = [
  { path: '/requisitions', menu: 'menu.requisitions', group: 'procurement', allowed: (may) => may('procurement', 'requisitionsApprove'), element: <RequisitionsPage /> },
  { path: '/tenders', menu: 'menu.tenders', group: 'procurement', allowed: (may) => may('procurement', 'tendersOpen') || (may('procurement', 'tendersScore') && may('procurement', 'tendersRanking') && !may('maintenance', 'repairRequestsReport')), element: <TendersPage /> },
  { path: '/bids', menu: 'menu.bids', group: 'procurement', allowed: (may) => may('procurement', 'tendersSubmitBid'), element: <BidsPage /> },
  { path: '/contracts', menu: 'menu.contracts', group: 'procurement', allowed: (may) => may('procurement', 'contractsSign'), element: <ContractsPage /> },
  { path: '/inventory', menu: 'menu.inventory', group: 'procurement', allowed: (may) => may('procurement', 'stockItemsReceive'), element: <InventoryPage /> },
  { path: '/vendors', menu: 'menu.vendors', group: 'procurement', allowed: (may) => may('procurement', 'vendorsRegister'), element: <VendorsPage /> },
  { path: '/vendors/:id', allowed: (may) => may('gateway', 'vendor360View'), element: <Vendor360Page /> },
  { path: '/rectifications', menu: 'menu.rectifications', group: 'supervision', allowed: (may) => may('evaluation', 'rectificationsList'), element: <RectificationsPage /> },
  { path: '/scorecards', menu: 'menu.scorecards', group: 'supervision', allowed: (may) => may('evaluation', 'rectificationsList') && may('evaluation', 'scorecardsList'), element: <ScorecardsPage /> },
  { path: '/assessments', menu: 'menu.assessments', group: 'supervision', allowed: (may) => may('evaluation', 'assessmentsList'), element: <AssessmentsPage /> },
  { path: '/violations', menu: 'menu.violations', group: 'supervision', allowed: (may) => may('evaluation', 'violationsList'), element: <ViolationsPage /> },
  { path: '/audit-trail', menu: 'menu.auditTrail', group: 'supervision', allowed: (may) => may('evaluation', 'auditTrailVerify'), element: <AuditTrailPage /> },
  { path: '/people', menu: 'menu.people', group: 'account', allowed: (may) => may('gateway', 'identityCreateUser'), element: <PeoplePage /> },
  { path: '/comparison', menu: 'menu.comparison', group: 'supervision', allowed: (may) => may('gateway', 'supervisionComparison'), element: <ComparisonPage /> },
];
