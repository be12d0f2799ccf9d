// The kit's elements, by tag: what the end-to-end tests expect every build to define.
export const TAGS = [
  'confirm-send-button',
  'deployment-kpis',
  'sending-log-table',
  'efs-comparison',
  'delivery-timeline',
  'delivery-breakdown',
  'delivery-journal',
];
