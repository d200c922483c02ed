import type { Db } from '../../db/client';
import { createBindingsRepo, type BindingsRepo } from './bindings.repo';

export { CONSENTED_KEY, type ExtMemberKey } from './bindings.repo';

/**
 * The bindings module's public file for writers: every module that binds, unbinds or refreshes a
 * WeCom member's binding, or sets or clears its 移出 marker, does it through this — in its own
 * transaction when it passes its tx (docs/decisions/0007-module-boundaries.md). Reads of the
 * bindings table for a module's own queries stay in that module's repo.
 */
export type BindingsWriter = Pick<
  BindingsRepo,
  | 'insertBinding'
  | 'reviveBinding'
  | 'storeConsented'
  | 'insertBindings'
  | 'refreshBindings'
  | 'deactivateBindings'
  | 'deactivateBindingsOfMember'
  | 'renameExtUser'
  | 'unbind'
  | 'markUnpaired'
  | 'clearUnpaired'
  | 'clearUnpairedMany'
>;

export function createBindingsWriter(db: Db): BindingsWriter {
  return createBindingsRepo(db);
}
