import type { ConsolePage } from '../../app/pages';
import { BudgetsPage, PurchaseOrdersPage } from './PurchasingPages';

/** Purchasing (采购执行): purchase orders from order to invoice, and the budgets they draw on. */
export const PURCHASING_PAGES: ConsolePage[] = [
  { path: '/purchase-orders', menu: 'menu.purchaseOrders', group: 'procurement', allowed: (may) => may('procurement', 'purchaseOrdersPlace'), element: <PurchaseOrdersPage /> },
  { path: '/budgets', menu: 'menu.budgets', group: 'procurement', allowed: (may) => may('procurement', 'budgetsAllocate'), element: <BudgetsPage /> },
];
