import { defineElement } from '../shared/define.js';
import { EfsComparison } from './efs-comparison.js';

export { EfsComparison };
defineElement('efs-comparison', EfsComparison);
