/**
 * Who acted (操作人) in a recorded event. The envelope carries no user (its extensions are the
 * agency, the correlation and the trace), so the actor is read from the event's data, where every
 * contract names it `<something>By`: the field named after the event's action first
 * (`triagedBy` in work-order.triaged, `voidedBy` in violation.voided), else the only one there is,
 * else the first of the usual deciders. Events a machine raised (a breached SLA clock) have none.
 */
const NOT_ACTORS = new Set(['supersededBy', 'answerableBy']);
const USUAL_ACTORS = ['decidedBy', 'recordedBy', 'approvedBy', 'changedBy', 'updatedBy', 'createdBy'];

/** The action of an event type `houqin.<service>.<aggregate>.<action>.v<n>`, in camel case (`head-published` → `headPublished`). */
function actionOf(eventType: string): string | undefined {
  const action = eventType.split('.')[3];
  return action?.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}

export function actorOf(eventType: string, payload: unknown): string | undefined {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
  const fields = payload as Record<string, unknown>;
  const candidates = Object.keys(fields).filter((key) => key.endsWith('By') && !NOT_ACTORS.has(key) && typeof fields[key] === 'string' && fields[key] !== '');
  if (candidates.length === 0) return undefined;
  const action = actionOf(eventType);
  const chosen =
    candidates.find((key) => action !== undefined && key === `${action}By`) ??
    (candidates.length === 1 ? candidates[0] : undefined) ??
    USUAL_ACTORS.find((key) => candidates.includes(key)) ??
    [...candidates].sort()[0];
  return chosen === undefined ? undefined : (fields[chosen] as string).slice(0, 128);
}
