import { defineElement } from '../shared/define.js';
import { DeliveryTimeline } from './delivery-timeline.js';

export { DeliveryTimeline };
defineElement('delivery-timeline', DeliveryTimeline);
