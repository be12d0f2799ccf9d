import { defineElement } from '../shared/define.js';
import { DeliveryBreakdown } from './delivery-breakdown.js';

export { DeliveryBreakdown };
defineElement('delivery-breakdown', DeliveryBreakdown);
