/**
 * All seven sendkit elements, registered (safe to load twice), with their events and the context
 * helper. Per-element entry points are `components/<tag>/register.ts`.
 */
export { ConfirmSendButton } from './confirm-send-button/register.js';
export { DeploymentKpis } from './deployment-kpis/register.js';
export { SendingLogTable } from './sending-log-table/register.js';
export { EfsComparison } from './efs-comparison/register.js';
export { DeliveryTimeline } from './delivery-timeline/register.js';
export { DeliveryBreakdown } from './delivery-breakdown/register.js';
export { DeliveryJournal } from './delivery-journal/register.js';
export * from './shared/events.js';
export {
  provideSendkit,
  storeContext,
  deliveryIdContext,
  userContext,
  localeContext,
  labelsContext,
  type SendkitScope,
  type SendkitProvider,
} from './shared/context.js';
export { defineElement } from './shared/define.js';
export type { SendkitElement } from './shared/sendkit-element.js';
export {
  CONFIRM_SEND_LABELS,
  type ConfirmSendLabels,
} from './confirm-send-button/confirm-send-button.labels.js';
export {
  DEPLOYMENT_LABELS,
  type DeploymentLabels,
} from './deployment-kpis/deployment-kpis.labels.js';
export {
  LOG_TABLE_LABELS,
  type LogTableLabels,
  type LogView,
} from './sending-log-table/sending-log-table.labels.js';
export {
  COMPARISON_LABELS,
  type ComparisonLabels,
} from './efs-comparison/efs-comparison.labels.js';
export {
  TIMELINE_LABELS,
  type TimelineLabels,
} from './delivery-timeline/delivery-timeline.labels.js';
export {
  BREAKDOWN_LABELS,
  type BreakdownLabels,
} from './delivery-breakdown/delivery-breakdown.labels.js';
export { JOURNAL_LABELS, type JournalLabels } from './delivery-journal/delivery-journal.labels.js';
export { COMMON_LABELS, type CommonLabels, type LabelOverrides } from './shared/labels.js';
export {
  EN,
  LABEL_SETS,
  labelSetOf,
  type KitLabels,
  type PageLabels,
  type ElementTag,
} from './locales/kit-labels.js';
export { FR } from './locales/fr.js';
export { DE } from './locales/de.js';
export type { CsvExport } from './sending-log-table/csv.js';
