import { defineElement } from '../shared/define.js';
import { SendingLogTable } from './sending-log-table.js';

export { SendingLogTable };
defineElement('sending-log-table', SendingLogTable);
