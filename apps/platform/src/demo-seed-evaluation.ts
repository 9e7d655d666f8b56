import type { Logger } from 'pino';
import { platformEvents } from '@houqin/contracts';
import { businessMonth } from '@houqin/domain';
import { INTERNAL_TEAM, ScenarioEvent, ScenarioPace, kpiScenario, seededRandom } from '@houqin/evaluation';
import { InProcessBroker } from '@houqin/messaging';
import { Caller } from '@houqin/observability';

/** Replayed events carry this correlation id prefix (then the work order or purchase order id): the audit trail shows them as demo history. */
export const DEMO_HISTORY_CORRELATION = 'demo-history';

/** The same history on every first start (the event ids included). */
const SEED = 13;
const WORK_ORDERS = 240;
const RECEIPTS = 40;
/** Events of different aggregates are replayed side by side, each aggregate's in order (as Kafka's partitions would deliver them). */
const LANES = 8;
/** Commands sent at once (surveys answered, scorecards of one period published). */
const CONCURRENT_CALLS = 6;
/** Share of the surveys answered; the rest stay pending on the first start, for the visitor to answer. */
const ANSWERED = 0.85;

export interface EvaluationHistoryPeople {
  /**
   * The logistics manager (also staff): reports the replayed repairs and verifies them, so is sent
   * their surveys — the person of the printed demo token, who finds the unanswered ones pending —
   * and publishes the scorecards.
   */
  manager: Caller;
}

export interface EvaluationHistoryResult {
  months: string[];
  pivot: string;
  events: number;
  surveysAnswered: number;
  scorecardsPublished: number;
  correctedScorecard: string;
}

type Api = (caller: Caller, method: string, path: string, body?: unknown) => Promise<unknown>;

/**
 * A year of evaluation history for the demo agency, ending last month, so KPIs, surveys,
 * scorecards and the reform-effect report have something to show on the first start.
 *
 * Maintenance and procurement stamp their commands with the present, so the past year cannot be
 * entered through them: it is replayed as events instead — work orders and purchase-order receipts
 * from `kpiScenario`, built and validated by their contracts (`platformEvents`), published on
 * their own topics on the process's bus, where evaluation's inbox and handlers take them like any
 * other (audit trail, KPIs, surveys). The story they tell: the internal team (内部后勤班组) did the
 * repairs until the pivot, six months ago, when the buildings' maintenance was outsourced to the
 * contracted vendor; slower work, more reopened repairs and higher cost before, better after.
 * Only work under a contract runs SLA clocks, so SLA compliance before the pivot is the on-call
 * vendor's alone: the internal team's work is measured by cost, reopenings and satisfaction.
 * The rest goes through the commands, as the agency's people would: the person who reported the
 * repairs (the demo token's logistics manager, also staff) answers most of the surveys sent, the agency sets its scorecard weights,
 * engages an evaluator organisation whose assessments of last quarter are submitted, and the
 * logistics manager publishes every past month's scorecards, then corrects one when a late
 * assessment arrives.
 */
export async function seedEvaluationHistory(
  gatewayUrl: string,
  tokenFor: (caller: Caller) => string,
  broker: InProcessBroker,
  people: EvaluationHistoryPeople,
  logger: Logger,
  now = new Date(),
): Promise<EvaluationHistoryResult> {
  const api: Api = async (caller, method, path, body) => {
    const response = await fetch(`${gatewayUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${tokenFor(caller)}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    return text ? (JSON.parse(text) as unknown) : {};
  };
  const { manager } = people;
  const agencyId = manager.agencyId;

  // The parties: the vendor under the maintenance contract, another maintenance vendor called in
  // now and then, a supplier of goods; and the internal team.
  const contracts = (await api(manager, 'GET', '/maintenance/vendor-contracts')) as Array<{ vendorId: string }>;
  const vendors = (await api(manager, 'GET', '/procurement/vendors?limit=50')) as Array<{ id: string; categories: string[] }>;
  const contracted = contracts[0]?.vendorId;
  if (!contracted) throw new Error('the demo agency has no maintenance contract to outsource to');
  const onCall = vendors.find((vendor) => vendor.id !== contracted && vendor.categories.includes('maintenance'))?.id ?? contracted;
  const supplier = vendors.find((vendor) => vendor.categories.includes('supplies'))?.id ?? contracted;

  const { window, pivot, history } = demoHistory({ agencyId, contracted, onCall, supplier, reportedBy: manager.userId, now });
  const started = Date.now();
  const lanes: ScenarioEvent[][] = Array.from({ length: LANES }, () => []);
  for (const event of history) lanes[laneOf(event.subject)]!.push(event);
  await Promise.all(lanes.map(async (lane) => {
    for (const event of lane) await replay(broker, event);
  }));
  logger.info({ events: history.length, ms: Date.now() - started, from: window.months[0], to: window.months[11] }, 'demo history replayed as events');

  const answering = Date.now();
  const surveysAnswered = await answerSurveys(api, manager, new Set(history.map((event) => event.subject)), contracted);
  logger.info({ surveysAnswered, ms: Date.now() - answering }, 'demo surveys answered');
  const scoring = Date.now();

  // The agency's own weighting: KPIs from the events 60, satisfaction 25, third-party 15.
  await api(manager, 'PUT', '/evaluation/scorecards/policies/maintenance', { weights: { kpi: 60, survey: 25, thirdParty: 15 }, thresholds: { excellent: 90, good: 75, warning: 60 } });

  // A third-party evaluator (第三方评估机构) engaged for the year assesses last quarter's maintenance.
  const quarter = lastQuarter(now);
  const evaluator: Caller = { agencyId, userId: 'demo-evaluator-wu', roles: ['evaluator'] };
  await api(manager, 'POST', '/evaluation/evaluator-organisations', {
    name: '福建省公共机构后勤绩效评估中心',
    creditCode: '12350000MB0123456X',
    accounts: [evaluator.userId],
    from: window.start.toISOString(),
    until: new Date(window.end.getTime() + 366 * 24 * 3600_000).toISOString(),
  });
  const assess = async (vendorId: string, scores: [number, number, number, number], summary: string) =>
    (await api(evaluator, 'POST', '/evaluation/assessments', {
      vendorId,
      serviceType: 'maintenance',
      period: quarter,
      scores: [
        { code: 'workmanship', score: scores[0] },
        { code: 'safety', score: scores[1] },
        { code: 'records', score: scores[2] },
        { code: 'conduct', score: scores[3] },
      ],
      evidence: [{ fileName: `site-inspection-${quarter}.pdf`, contentType: 'application/pdf', sizeBytes: 482_133, url: `https://files.demo.houqin.example/assessments/${vendorId}/${quarter}.pdf` }],
      summary,
    })) as { id: string };
  const onCallAssessment = await assess(onCall, [82, 88, 70, 85], '抽查 6 单维修: 工艺合格, 维修记录不全 (records incomplete on 2 of 6 jobs)');
  await api(evaluator, 'POST', `/evaluation/assessments/${onCallAssessment.id}/submit`);
  const contractedAssessment = await assess(contracted, [93, 95, 88, 92], '抽查 12 单维修及驻场值班记录: 响应及时, 台账完整 (prompt, well documented)');

  // The logistics manager publishes each past month's scorecards in order (so each trend compares
  // with published ones), then the quarters that ended within the year.
  let published = 0;
  const publishPeriod = async (serviceType: string, period: string): Promise<Array<{ id: string; party: string }>> => {
    const standings = (await api(manager, 'GET', `/evaluation/scorecards/drafts?serviceType=${serviceType}&period=${period}`)) as Array<{ party: string; score: number | null }>;
    const scored = standings.filter((entry) => entry.score !== null);
    published += scored.length;
    return inBatches(scored, CONCURRENT_CALLS, async (draft) => (await api(manager, 'POST', '/evaluation/scorecards', { party: draft.party, serviceType, period })) as { id: string; party: string });
  };
  for (const month of window.months) await Promise.all([publishPeriod('maintenance', month), publishPeriod('procurement', month)]);
  let lastQuarterCards: Array<{ id: string; party: string }> = [];
  for (const key of window.quarters) {
    const [cards] = await Promise.all([publishPeriod('maintenance', key), publishPeriod('procurement', key)]);
    if (key === quarter) lastQuarterCards = cards;
  }

  // The contracted vendor's assessment came in after its quarter was published: a correction
  // (更正) — a new version with the reason, the first kept, superseded.
  await api(evaluator, 'POST', `/evaluation/assessments/${contractedAssessment.id}/submit`);
  const toCorrect = lastQuarterCards.find((card) => card.party === contracted);
  if (!toCorrect) throw new Error(`no ${quarter} scorecard was published for the contracted vendor`);
  const correction = (await api(manager, 'POST', `/evaluation/scorecards/${toCorrect.id}/corrections`, {
    reason: `第三方评估报告 (${quarter}) 迟交, 现计入 — the third-party assessment submitted late now counts`,
  })) as { id: string };

  logger.info({ published, ms: Date.now() - scoring }, 'demo scorecards published, one corrected');
  return { months: window.months, pivot, events: history.length, surveysAnswered, scorecardsPublished: published, correctedScorecard: correction.id };
}

/**
 * The replayed year: work orders reported over the twelve months before `now`'s, by the internal
 * team until the pivot (the seventh month's first day), by the contracted vendor after it (the
 * on-call vendor now and then throughout), reported and verified by `reportedBy`; receipts of
 * goods from the supplier.
 */
export function demoHistory(input: { agencyId: string; contracted: string; onCall: string; supplier: string; reportedBy: string; now: Date }): {
  window: ReturnType<typeof pastYear>;
  pivot: string;
  pivotAt: Date;
  history: ScenarioEvent[];
} {
  const { contracted, onCall } = input;
  const window = pastYear(input.now);
  const pivotAt = window.starts[6]!;
  const history = kpiScenario({
    agencyId: input.agencyId,
    seed: SEED,
    vendors: [contracted, onCall],
    suppliers: [input.supplier],
    workOrders: WORK_ORDERS,
    receipts: RECEIPTS,
    year: window.start.getUTCFullYear(),
    window: { start: window.start, end: window.end },
    // Long enough for the slowest work to be verified and closed before the month ends.
    quietDays: 12,
    reportedBy: input.reportedBy,
    partyFor: (reportedAt, random) => {
      const draw = random();
      if (reportedAt < pivotAt) return draw < 0.88 ? INTERNAL_TEAM : onCall;
      return draw < 0.76 ? contracted : draw < 0.93 ? onCall : INTERNAL_TEAM;
    },
    pace: (party) => PACE[party === INTERNAL_TEAM ? 'internal' : party === contracted ? 'contracted' : 'onCall'],
  });
  return { window, pivot: window.months[6]!, pivotAt, history };
}

/** The internal team before the pivot: slower, more repeat visits, dearer; the contracted vendor after it: faster and cheaper. */
const PACE: Record<'internal' | 'contracted' | 'onCall', ScenarioPace> = {
  internal: { acceptMinutes: [20, 600], workMinutes: [240, 4_000], costLineFen: [8_000, 90_000], reopenChance: 0.22 },
  contracted: { acceptMinutes: [5, 200], workMinutes: [30, 1_800], costLineFen: [3_000, 45_000], reopenChance: 0.07 },
  onCall: { acceptMinutes: [10, 300], workMinutes: [60, 2_400], costLineFen: [5_000, 60_000], reopenChance: 0.1 },
};

/** One event onto its topic, as its producer's relay would publish it; resolves once every consumer took it. */
async function replay(broker: InProcessBroker, event: ScenarioEvent): Promise<void> {
  const contract = platformEvents.get(event.type);
  const envelope = contract.create({
    subject: event.subject,
    id: event.id,
    time: new Date(event.time),
    data: event.data,
    origin: { agencyId: event.agencyId, correlationId: `${DEMO_HISTORY_CORRELATION}:${event.subject}` },
  });
  await broker.publish(contract.topic, event.subject, Buffer.from(JSON.stringify(envelope)));
}

function laneOf(subject: string): number {
  let hash = 0;
  for (const char of subject) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % LANES;
}

interface PendingSurvey {
  id: string;
  instanceId: string;
  party: string;
  questions: Array<{ code: string }>;
}

/** The person served answers most surveys: mostly satisfied with the contracted vendor, less so before it; low scores open follow-ups. */
async function answerSurveys(api: Api, respondent: Caller, replayed: Set<string>, contracted: string): Promise<number> {
  const random = seededRandom(SEED + 1);
  const pending = ((await api(respondent, 'GET', '/evaluation/surveys/pending')) as PendingSurvey[]).filter((survey) => replayed.has(survey.instanceId));
  pending.sort((a, b) => a.instanceId.localeCompare(b.instanceId));
  const answers: Array<{ id: string; body: unknown }> = [];
  for (const survey of pending) {
    if (random() >= ANSWERED) continue;
    const spread = survey.party === contracted ? SATISFACTION.contracted : survey.party === INTERNAL_TEAM ? SATISFACTION.internal : SATISFACTION.onCall;
    const overall = drawScore(spread, random());
    const scores = Object.fromEntries(survey.questions.map((question) => [question.code, question.code === 'overall' ? overall : clamp(overall + Math.round(random() * 2 - 1))]));
    const comment = overall <= 2 ? LOW_COMMENTS[Math.floor(random() * LOW_COMMENTS.length)] : overall === 5 && random() < 0.3 ? '师傅很快就修好了, 很满意。' : undefined;
    answers.push({ id: survey.id, body: { scores, ...(comment ? { comment } : {}) } });
  }
  await inBatches(answers, CONCURRENT_CALLS, (answer) => api(respondent, 'POST', `/evaluation/surveys/${answer.id}/answer`, answer.body));
  return answers.length;
}

async function inBatches<T, R>(items: readonly T[], size: number, call: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let index = 0; index < items.length; index += size) results.push(...(await Promise.all(items.slice(index, index + size).map(call))));
  return results;
}

/** Shares of the overall scores 5, 4, 3, 2, 1. */
const SATISFACTION = {
  internal: [0.14, 0.36, 0.3, 0.14, 0.06],
  onCall: [0.32, 0.42, 0.16, 0.08, 0.02],
  contracted: [0.56, 0.33, 0.07, 0.03, 0.01],
};

const LOW_COMMENTS = ['等了两天才有人来 (waited two days for anyone to come)', '修过一次又坏了 (broke again after the repair)', '维修后现场没有清理 (left the site dirty)'];

/** The overall score a draw in [0, 1) falls on, given the shares of 5, 4, 3, 2, 1. */
function drawScore(shares: readonly number[], draw: number): number {
  let upTo = 0;
  for (const [index, share] of shares.entries()) {
    upTo += share;
    if (draw < upTo) return 5 - index;
  }
  return 1;
}

function clamp(score: number): number {
  return Math.min(5, Math.max(1, score));
}

/** The twelve months before the current one (China Standard Time), and the quarters wholly inside them. */
export function pastYear(now: Date): { start: Date; end: Date; months: string[]; starts: Date[]; quarters: string[] } {
  const current = businessMonth(now);
  const starts: Date[] = [];
  let cursor = current.start;
  for (let index = 0; index < 12; index += 1) {
    cursor = businessMonth(new Date(cursor.getTime() - 1)).start;
    starts.unshift(cursor);
  }
  const months = starts.map((start) => businessMonth(start).month);
  const quarters = months
    .filter((month, index) => ['03', '06', '09', '12'].includes(month.slice(5)) && index >= 2)
    .map((month) => `${month.slice(0, 4)}-Q${Number(month.slice(5)) / 3}`);
  return { start: starts[0]!, end: current.start, months, starts, quarters };
}

/** The last quarter that has ended, e.g. '2026-Q3' in November. */
export function lastQuarter(now: Date): string {
  const month = businessMonth(now).month;
  const year = Number(month.slice(0, 4));
  const quarter = Math.floor((Number(month.slice(5)) - 1) / 3);
  return quarter === 0 ? `${year - 1}-Q4` : `${year}-Q${quarter}`;
}
