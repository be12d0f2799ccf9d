/** sendkit: the delivery model. No Lit, no extension APIs: components and the sidebar build on it. */
export * from './types.js';
export * from './errors.js';
export { systemClock, ManualClock, ScaledClock, HOUR_MS, DAY_MS, type Clock } from './clock.js';
export { openStore, DeliveryStore, type StoreOptions } from './store/delivery-store.js';
export type { ChangeListener } from './store/changes.js';
export { SCHEMA_VERSION } from './store/connection.js';
export { WORKFLOW_USER } from './store/scheduler.js';
export { OUTCOME_RULES, BOUNCE_DEFINITION, type OutcomeRule } from './rules/feedback-rules.js';
export {
  TRANSITIONS,
  STATE_LABELS,
  RETRYING_LABEL,
  FINAL_STATES,
  FEEDBACK_STATES,
  UNPREPARED_STATES,
  stateLabel,
  type StateTexts,
  allowedActions,
  type Transition,
  type LifecycleAction,
  type UserAction,
} from './rules/lifecycle.js';
export {
  computeIndicators,
  percent,
  CHANNEL_RATES,
  ENGAGEMENT_REFRESH_MS,
  type Tally,
  type EngagementSnapshot,
} from './rules/indicators.js';
export {
  SEED_STEPS,
  STORIES,
  stepOutcome,
  traceStory,
  type Story,
  type StoryPoint,
  type SeedStep,
  type StepOutcome,
  type IndicatorChange,
  type Direction,
} from './rules/seed-steps.js';
export { EXCLUSION_REASONS } from './rules/event-codes.js';
