import { BusinessRuleViolation } from '@houqin/domain';
import { ANSWERABLE_KINDS, Answerable } from './violation';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The party itself as answerable: its vendor (with its name when known), or the internal team. */
export function partyAnswerable(party: string, vendorName: string | undefined, role: string): Answerable {
  if (party === 'internal-team') return { kind: 'internal-team', name: 'Internal team (内部后勤班组)', role };
  return { kind: 'vendor', vendorId: party, ...(vendorName ? { name: vendorName } : {}), role };
}

/**
 * Checks who a recorder names as answerable: each entry names whom it means (a vendor its id, a
 * manager or person a user id or a name, a department its id), a vendor only the violation's own
 * party; at most 10. The field of the first wrong entry is named (answerable[i].field).
 */
export function checkAnswerable(answerable: readonly Answerable[], party: string): Answerable[] {
  if (answerable.length > 10) throw new BusinessRuleViolation('too-many-answerable', 'at most 10 answerable parties', 'answerable');
  return answerable.map((entry, index) => {
    const at = `answerable[${index}]`;
    if (!ANSWERABLE_KINDS.includes(entry.kind)) throw new BusinessRuleViolation('invalid-answerable', `${at}.kind must be one of ${ANSWERABLE_KINDS.join(', ')}`, `${at}.kind`);
    if (entry.kind === 'vendor' && (!entry.vendorId || !UUID.test(entry.vendorId) || entry.vendorId.toLowerCase() !== party)) {
      throw new BusinessRuleViolation('invalid-answerable', `${at}.vendorId must be the violation's party`, `${at}.vendorId`);
    }
    if (entry.kind === 'internal-team' && party !== 'internal-team') {
      throw new BusinessRuleViolation('invalid-answerable', `${at}: the internal team answers only for its own violations`, `${at}.kind`);
    }
    if ((entry.kind === 'approving-manager' || entry.kind === 'person') && !entry.userId && !entry.name) {
      throw new BusinessRuleViolation('invalid-answerable', `${at} names a user id or a name`, `${at}.userId`);
    }
    if (entry.kind === 'department' && (!entry.departmentId || !UUID.test(entry.departmentId))) {
      throw new BusinessRuleViolation('invalid-answerable', `${at}.departmentId must be a department id`, `${at}.departmentId`);
    }
    return { ...entry, ...(entry.vendorId ? { vendorId: entry.vendorId.toLowerCase() } : {}) };
  });
}
