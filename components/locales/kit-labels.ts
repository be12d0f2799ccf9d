/**
 * The kit's label sets, one per language, each complete (TypeScript checks every key of every
 * element, test/components/locales.test.ts every nested one and every placeholder): English (the
 * product's own words, each element's defaults), French and German. An element takes the set of
 * its locale's language; the scope's `labels` and its own `labels` override key by key.
 */
import {
  CONFIRM_SEND_LABELS,
  type ConfirmSendLabels,
} from '../confirm-send-button/confirm-send-button.labels.js';
import {
  DEPLOYMENT_LABELS,
  type DeploymentLabels,
} from '../deployment-kpis/deployment-kpis.labels.js';
import {
  COMPARISON_LABELS,
  type ComparisonLabels,
} from '../efs-comparison/efs-comparison.labels.js';
import {
  LOG_TABLE_LABELS,
  type LogTableLabels,
} from '../sending-log-table/sending-log-table.labels.js';
import {
  BREAKDOWN_LABELS,
  type BreakdownLabels,
} from '../delivery-breakdown/delivery-breakdown.labels.js';
import { JOURNAL_LABELS, type JournalLabels } from '../delivery-journal/delivery-journal.labels.js';
import {
  TIMELINE_LABELS,
  type TimelineLabels,
} from '../delivery-timeline/delivery-timeline.labels.js';
import type { LabelOverrides } from '../shared/labels.js';
import { DE } from './de.js';
import { FR } from './fr.js';

/** Every text of every element, by tag. */
export interface KitLabels {
  'confirm-send-button': ConfirmSendLabels;
  'deployment-kpis': DeploymentLabels;
  'sending-log-table': LogTableLabels;
  'efs-comparison': ComparisonLabels;
  'delivery-timeline': TimelineLabels;
  'delivery-breakdown': BreakdownLabels;
  'delivery-journal': JournalLabels;
}

export type ElementTag = keyof KitLabels;

/** A page's overrides for the elements below a provider, by tag (provideSendkit's `labels`). */
export type PageLabels = { readonly [Tag in ElementTag]?: LabelOverrides<KitLabels[Tag]> };

export const EN: KitLabels = {
  'confirm-send-button': CONFIRM_SEND_LABELS,
  'deployment-kpis': DEPLOYMENT_LABELS,
  'sending-log-table': LOG_TABLE_LABELS,
  'efs-comparison': COMPARISON_LABELS,
  'delivery-timeline': TIMELINE_LABELS,
  'delivery-breakdown': BREAKDOWN_LABELS,
  'delivery-journal': JOURNAL_LABELS,
};

/** The languages shipped, by primary language subtag. */
export const LABEL_SETS: Readonly<Record<string, KitLabels>> = { en: EN, fr: FR, de: DE };

/** The set for a locale's language (`fr-CA` → French); English for any other. */
export function labelSetOf(locale: string | undefined): KitLabels {
  const language = locale?.split('-')[0]?.toLowerCase() ?? 'en';
  return LABEL_SETS[language] ?? EN;
}
