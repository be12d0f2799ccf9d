/**
 * `sendkit/feedback`: real feedback from email providers (Amazon SES, SendGrid, Mailgun,
 * Postmark) and delivery status notifications (`.eml`), as pure adapters with their mappings as
 * data, correlation tags, and the file import. Runs in browsers and in Node; no Lit, no
 * extension APIs.
 */
export { parseFeedback } from './parse.js';
export { importFeedback, type ImportOptions, type FeedbackTarget } from './import.js';
export {
  connectFeedback,
  type FeedOptions,
  type FeedPosition,
  type FeedTarget,
} from './connect-feedback.js';
export { FeedbackConnection } from './relay-feed.js';
export { FeedStatusEvent, FEED_STATES, type FeedState, type FeedStatus } from './feed-status.js';
export {
  correlationTags,
  readTag,
  TAG_DELIVERY,
  TAG_RECIPIENT,
  HEADER_DELIVERY,
  HEADER_RECIPIENT,
  type CorrelationTags,
  type Tag,
} from './correlation.js';
export { STATUS_CODE_REASONS, reasonOfStatus, statusCodeOf } from './status-codes.js';
export { detectProvider } from './detect.js';
export { SENDGRID_EVENTS, adaptSendgrid } from './providers/sendgrid.js';
export {
  MAILGUN_EVENTS,
  MAILGUN_REASONS,
  adaptMailgunWebhook,
  adaptMailgunEvent,
} from './providers/mailgun.js';
export { POSTMARK_BOUNCES, adaptPostmark } from './providers/postmark.js';
export { SES_BOUNCES, SES_DELAYS, adaptSes } from './providers/ses.js';
export { DSN_ACTIONS, adaptDsn } from './providers/dsn.js';
export { hashEventId } from '../store/event-ids.js';
export {
  PROVIDERS,
  type ProviderName,
  type ProviderEvent,
  type ProviderEventKind,
  type InputProblem,
  type ParseResult,
  type ImportReport,
  type FeedbackInput,
  type ParseOptions,
} from './types.js';
export type { Adapted, AdapterResult } from './values.js';
