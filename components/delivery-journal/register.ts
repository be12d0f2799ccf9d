import { defineElement } from '../shared/define.js';
import { DeliveryJournal } from './delivery-journal.js';

export { DeliveryJournal };
defineElement('delivery-journal', DeliveryJournal);
