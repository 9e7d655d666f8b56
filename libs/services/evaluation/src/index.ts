export * from './evaluation.service';
export { evaluationEnvironment } from './evaluation.config';
/** A reproducible, contract-valid history of the events KPIs read: the demo agency's past year is replayed from it. */
export { DEFAULT_PACE, kpiScenario, seededRandom } from './kpis/kpi-scenario';
export type { ScenarioEvent, ScenarioOptions, ScenarioPace } from './kpis/kpi-scenario';
export { INTERNAL_TEAM } from './kpis/domain/evaluated-party';
export { AUDITED_EVENT_TYPES } from './audit-trail/audit-trail.handlers';
