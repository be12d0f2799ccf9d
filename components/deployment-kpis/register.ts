import { defineElement } from '../shared/define.js';
import { DeploymentKpis } from './deployment-kpis.js';

export { DeploymentKpis };
defineElement('deployment-kpis', DeploymentKpis);
