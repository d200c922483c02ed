export { startSimulator, type Simulator } from './server';
export { createSimAdmin, type SimAdmin } from './admin';
export { generateOrg, type GenerateOrgOptions } from './generator';
export { createRng, type Rng } from './rng';
export {
  SimAdminError,
  type OrgChange,
  type NewUser,
  type UserPatch,
  type NewDepartment,
} from './org-store';
export type { FaultSpec, FaultKind } from './faults';
export type { CallbackConfig, CallbackDelivery } from './callbacks';
export type { InboxEntry } from './messages';
export type { Credentials } from './core';
export type { SimOptions, SimDepartment, SimUser, SimOrg } from './types';
