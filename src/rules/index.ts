/**
 * `sendkit/rules`: the domain rules of SPEC.md as data and pure functions (message statuses and
 * precedence, the life cycle and roles, the KPI formulas, the seed's table, valid input), for
 * documentation, design systems and custom views. The store and the elements use the same ones.
 */
export {
  CHANNELS,
  ROLES,
  DELIVERY_MODES,
  DELIVERY_STATES,
  RECIPIENT_STATUSES,
  FAILURE_TYPES,
  FAILURE_REASONS,
  EXCLUSION_CAUSES,
  OUTCOME_EVENT_TYPES,
  ENGAGEMENT_EVENT_TYPES,
  FEEDBACK_EVENT_TYPES,
  RECURRENCE_PERIODS,
  AGGREGATIONS,
  CHANGE_KINDS,
  ALERT_KINDS,
  GUARD_MEASURES,
  WEEKDAYS,
} from '../types.js';
export { needsOperator, alertKindOfState, alertOfState } from './attention.js';
export { COMPLAINT_BANDS, complaintBand, type ComplaintBand } from './complaints.js';
export {
  BOUNCE_BANDS,
  bandOf,
  providerRow,
  reasonRows,
  type HealthBand,
  type ProviderRow,
  type ReasonRow,
} from './breakdown.js';
export {
  MAILBOX_PROVIDERS,
  OWN_GROUP_DOMAINS,
  providerOfDomain,
  groupDomains,
  domainOf,
  type MailboxProvider,
  type ProviderGroup,
  type Grouping,
} from './providers.js';
export {
  INTERVAL_MS,
  TIMELINE_SERIES,
  intervalOf,
  seriesColumns,
  type TimelineSeries,
} from './timeline.js';
export {
  DEFAULT_GUARD,
  GUARD_MARGIN_POINTS,
  COMPLAINT_MARGIN_POINTS,
  guardTrip,
  guardRates,
  guardDetail,
  type GuardCounts,
} from './guard.js';
export {
  OUTCOME_RULES,
  ENGAGEMENT_RULES,
  BOUNCE_DEFINITION,
  EXCLUSION_REASONS,
  precedenceOf,
  type OutcomeRule,
} from './feedback-rules.js';
export {
  TRANSITIONS,
  JOURNAL_DECISIONS,
  actedByUser,
  carriesDetail,
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
} from './lifecycle.js';
export {
  STATE_LABELS,
  RETRYING_LABEL,
  STATUS_LABELS,
  FAILURE_TYPE_LABELS,
  stateLabel,
  type StateTexts,
} from './labels.js';
export {
  FEEDBACK_CLOCK_SKEW_MS,
  MAX_TIME,
  isValidTime,
  readOptions,
  readUser,
} from './valid-input.js';
export {
  computeIndicators,
  indicatorsOf,
  percent,
  CHANNEL_RATES,
  ENGAGEMENT_REFRESH_MS,
  type Tally,
  type EngagementSnapshot,
} from './indicators.js';
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
} from './seed-steps.js';
export { MAX_VALIDITY_HOURS, VALIDITY_WARNING_MS, validityEndingSoon } from './validity.js';
export {
  dueBy,
  dueAt,
  rateAt,
  nextWindowOpening,
  paceProgress,
  sendingPeriods,
  spreadOverSending,
  windowSpans,
  PACE_HORIZON_MS,
  type PacedDelivery,
  type Span,
} from './pace.js';
export { readPace, MAX_PACE_PER_HOUR } from './pace-input.js';
