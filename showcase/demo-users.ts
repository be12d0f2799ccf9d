/**
 * The showcase's demo users, one per role it offers: who acts when a role is picked, and whom
 * the stand-in backend (backend.ts) signs a credential for when a relay runs beside it.
 */
import type { Role, User } from '../src/index.js';

export const DEMO_USERS: Readonly<Record<string, User>> = {
  'Start deliveries': { name: 'ana', roles: ['start-deliveries'] as Role[] },
  'Prepare deliveries': { name: 'paul', roles: ['prepare-deliveries'] as Role[] },
  Workflow: { name: 'workflow-bot', roles: ['workflow'] as Role[] },
};
