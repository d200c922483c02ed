export { startSimulator, type Simulator } from './server';
export { createSimAdmin, type SimAdmin, type NewApp } from './admin';
export { generateOrg, type GenerateOrgOptions } from './generator';
export { createRng, type Rng } from './rng';
export {
  SimAdminError,
  type OrgChange,
  type NewUser,
  type UserPatch,
  type NewDepartment,
  type DepartmentPatch,
} from './org-store';
export type { FaultSpec, FaultKind } from './faults';
export type { CallbackConfig, CallbackDelivery } from './callbacks';
export type { SentMessage, InboxEntry, DropReason } from './messages';
export type { Credentials } from './core';
export type {
  SimOptions,
  SimApp,
  SimDepartment,
  SimUser,
  SimOrg,
  UserStatus,
  VisibleRange,
} from './types';
