import type { ConsolePage } from '../../app/pages';
import { AccountabilityPage } from './AccountabilityPage';
import { ComplaintCasePage, ComplaintHandlingPage } from './ComplaintHandlingPages';
import { InternalAuditPage } from './InternalAuditPage';
import { QualificationsPage } from './QualificationsPage';
import { SanctionsPage } from './SanctionsPage';

/** Oversight (监督问责): complaint handling, sanctions, accountability, internal audit, qualifications — each shown to the roles the policy table lets make its main call. */
export const OVERSIGHT_PAGES: ConsolePage[] = [
  { path: '/complaint-handling', menu: 'menu.complaintHandling', group: 'supervision', allowed: (may) => may('evaluation', 'complaintsTriage'), element: <ComplaintHandlingPage /> },
  { path: '/complaint-handling/:id', allowed: (may) => may('evaluation', 'complaintsTriage'), element: <ComplaintCasePage /> },
  { path: '/sanctions', menu: 'menu.sanctions', group: 'supervision', allowed: (may) => may('evaluation', 'sanctionsProposals'), element: <SanctionsPage /> },
  { path: '/accountability', menu: 'menu.accountability', group: 'supervision', allowed: (may) => may('evaluation', 'accountabilityList'), element: <AccountabilityPage /> },
  { path: '/internal-audit', menu: 'menu.internalAudit', group: 'supervision', allowed: (may) => may('evaluation', 'internalAuditFindings'), element: <InternalAuditPage /> },
  { path: '/qualifications', menu: 'menu.qualifications', group: 'supervision', allowed: (may) => may('evaluation', 'qualificationsList'), element: <QualificationsPage /> },
];
