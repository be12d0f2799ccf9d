/**
 * React wrappers of the seven elements for React 18 portals (React 19 renders the elements
 * directly: see `sendkit/types/react`), made with @lit/react: properties set as properties,
 * each event a typed `on…` prop named after it. Importing this module defines the elements.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import {
  ActionErrorEvent,
  ConfirmedEvent,
  ConfirmRequestEvent,
  ConfirmSendButton as ConfirmSendButtonElement,
  DeliveryActionEvent,
  DeliveryAlertEvent,
  DeliveryBreakdown as DeliveryBreakdownElement,
  DeliveryJournal as DeliveryJournalElement,
  DeliveryTimeline as DeliveryTimelineElement,
  DeploymentKpis as DeploymentKpisElement,
  EfsComparison as EfsComparisonElement,
  LogExportEvent,
  ProfileOpenEvent,
  SendingLogTable as SendingLogTableElement,
  StatsComputedEvent,
} from './index.js';

const onError = { onError: ActionErrorEvent.eventName as EventName<ActionErrorEvent> };

export const ConfirmSendButton = createComponent({
  react: React,
  tagName: 'confirm-send-button',
  elementClass: ConfirmSendButtonElement,
  events: {
    onConfirmRequest: ConfirmRequestEvent.eventName as EventName<ConfirmRequestEvent>,
    onConfirmed: ConfirmedEvent.eventName as EventName<ConfirmedEvent>,
    ...onError,
  },
  displayName: 'ConfirmSendButton',
});

export const DeploymentKpis = createComponent({
  react: React,
  tagName: 'deployment-kpis',
  elementClass: DeploymentKpisElement,
  events: {
    onStatsComputed: StatsComputedEvent.eventName as EventName<StatsComputedEvent>,
    onDeliveryAction: DeliveryActionEvent.eventName as EventName<DeliveryActionEvent>,
    onAlert: DeliveryAlertEvent.eventName as EventName<DeliveryAlertEvent>,
    ...onError,
  },
  displayName: 'DeploymentKpis',
});

export const SendingLogTable = createComponent({
  react: React,
  tagName: 'sending-log-table',
  elementClass: SendingLogTableElement,
  events: {
    onProfileOpen: ProfileOpenEvent.eventName as EventName<ProfileOpenEvent>,
    onExport: LogExportEvent.eventName as EventName<LogExportEvent>,
    ...onError,
  },
  displayName: 'SendingLogTable',
});

export const EfsComparison = createComponent({
  react: React,
  tagName: 'efs-comparison',
  elementClass: EfsComparisonElement,
  events: onError,
  displayName: 'EfsComparison',
});

export const DeliveryTimeline = createComponent({
  react: React,
  tagName: 'delivery-timeline',
  elementClass: DeliveryTimelineElement,
  events: onError,
  displayName: 'DeliveryTimeline',
});

export const DeliveryBreakdown = createComponent({
  react: React,
  tagName: 'delivery-breakdown',
  elementClass: DeliveryBreakdownElement,
  events: onError,
  displayName: 'DeliveryBreakdown',
});

export const DeliveryJournal = createComponent({
  react: React,
  tagName: 'delivery-journal',
  elementClass: DeliveryJournalElement,
  events: onError,
  displayName: 'DeliveryJournal',
});
