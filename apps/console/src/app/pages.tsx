import { ReactNode } from 'react';
import { ProfilePage } from '../pages/ProfilePage';
import { ReportRepairPage } from '../pages/staff/ReportRepairPage';
import { MyRepairsPage } from '../pages/staff/MyRepairsPage';
import { SurveysPage } from '../pages/staff/SurveysPage';
import { ComplaintsPage } from '../pages/staff/ComplaintsPage';
import { DashboardPage } from '../pages/manager/DashboardPage';
import { WorkOrdersPage } from '../pages/manager/WorkOrdersPage';
import { WorkOrderPage } from '../pages/WorkOrderPage';
import { QueuePage } from '../pages/vendor/QueuePage';
import { MORE_PAGES } from '../pages/more/more-pages';
import { TRANSPORT_PAGES } from '../pages/transport/transport-pages';
import { CATERING_PAGES } from '../pages/catering/catering-pages';
import { OVERSIGHT_PAGES } from '../pages/oversight/oversight-pages';
import { PURCHASING_PAGES } from '../pages/purchasing/purchasing-pages';
import { useSession } from './session';

type May = ReturnType<typeof useSession>['may'];

/** One page of the console: shown (route and menu entry) only when the caller's roles allow its main call. */
export interface ConsolePage {
  path: string;
  /** Message key of its menu entry; none: reached by links only. */
  menu?: string;
  /** The menu's section; none: the first, unnamed one. */
  group?: 'transport' | 'catering' | 'procurement' | 'supervision' | 'account';
  allowed(may: May): boolean;
  element: ReactNode;
}

export const PAGES: ConsolePage[] = [
  { path: '/dashboard', menu: 'menu.dashboard', allowed: (may) => may('evaluation', 'analyticsReformEffect') && may('maintenance', 'dashboardFigures'), element: <DashboardPage /> },
  { path: '/work-orders', menu: 'menu.workOrders', allowed: (may) => may('maintenance', 'workOrdersAssign'), element: <WorkOrdersPage /> },
  { path: '/queue', menu: 'menu.queue', allowed: (may) => may('maintenance', 'workOrdersAccept') && !may('maintenance', 'workOrdersAssign'), element: <QueuePage /> },
  { path: '/repairs', menu: 'menu.repairs', allowed: (may) => may('maintenance', 'repairRequestsReport'), element: <MyRepairsPage /> },
  { path: '/repairs/new', menu: 'menu.report', allowed: (may) => may('maintenance', 'repairRequestsReport'), element: <ReportRepairPage /> },
  { path: '/surveys', menu: 'menu.surveys', allowed: (may) => may('evaluation', 'surveysPending'), element: <SurveysPage /> },
  { path: '/complaints', menu: 'menu.complaints', allowed: (may) => may('evaluation', 'complaintsList'), element: <ComplaintsPage /> },
  { path: '/work-orders/:id', allowed: (may) => may('maintenance', 'workOrdersGet'), element: <WorkOrderPage /> },
  ...TRANSPORT_PAGES,
  ...CATERING_PAGES,
  ...MORE_PAGES,
  ...PURCHASING_PAGES,
  ...OVERSIGHT_PAGES,
  { path: '/profile', menu: 'menu.profile', group: 'account', allowed: () => true, element: <ProfilePage /> },
];

/** Where a person lands after logging in: the first page of their menu. */
export function homeOf(pages: ConsolePage[]): string {
  return pages.find((page) => page.menu)?.path ?? '/profile';
}
