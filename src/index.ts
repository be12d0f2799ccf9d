/** sendkit: the delivery model. No Lit, no extension APIs: components and the sidebar build on it. */
export * from './types.js';
export * from './errors.js';
export { systemClock, ManualClock, ScaledClock, HOUR_MS, DAY_MS, type Clock } from './clock.js';
export type { SendkitStore, DeliverySnapshot, ChangeListener } from './sendkit-store.js';
export { STORE_READS, STORE_ACTIONS } from './sendkit-store.js';
export { openStore, DeliveryStore, type StoreOptions } from './store/delivery-store.js';
export { SCHEMA_VERSION } from './store/connection.js';
export { changeChannelName } from './store/changes.js';
export { WORKFLOW_USER } from './store/scheduler.js';
export { fillTemplate } from './text.js';
export {
  OUTCOME_RULES,
  ENGAGEMENT_RULES,
  BOUNCE_DEFINITION,
  EXCLUSION_REASONS,
  precedenceOf,
  type OutcomeRule,
} from './rules/feedback-rules.js';
export {
  TRANSITIONS,
  USER_ACTIONS,
  FINAL_STATES,
  FEEDBACK_STATES,
  UNPREPARED_STATES,
  acceptsFeedback,
  allowedActions,
  rolesAllow,
  type Transition,
  type LifecycleAction,
  type UserAction,
} from './rules/lifecycle.js';
export {
  STATE_LABELS,
  RETRYING_LABEL,
  STATUS_LABELS,
  FAILURE_TYPE_LABELS,
  stateLabel,
  type StateTexts,
} from './rules/labels.js';
export { FEEDBACK_CLOCK_SKEW_MS, MAX_TIME, isValidTime, readUser } from './rules/valid-input.js';
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
