/**
 * One test world for the server tests, the browser journeys (e2e/) and the bench: the same
 * tenants, WeCom connections, simulator and processes whichever of the three arranges them.
 */
export { freePort } from './ports';
export {
  httpCaller,
  ok,
  platformOf,
  signIn,
  type Answer,
  type CallAs,
  type Caller,
  type Envelope,
  type Method,
  type Platform,
} from './api';
export {
  DEFAULT_PASSWORD,
  THIRD_TYPE,
  connectWeCom,
  createMember,
  createTenant,
  ensureWeCom,
  madeUpCorp,
  updateWeCom,
  uniq,
  weComConfigBody,
  withTenant,
  withWeComTenant,
  type ConnectOptions,
  type HasCredentials,
  type Tenancy,
  type TestTenant,
  type TestUser,
  type WeComCredentials,
} from './tenants';
export { simEndpoints, withSimulator } from './simulator';
export {
  peakRssMb,
  processCpuMs,
  repoRoot,
  spawnServer,
  spawnSimulator,
  spawnStack,
  startNode,
  waitUntilServing,
  type Child,
  type OutputLine,
  type ServerProcess,
  type ServerProcessOptions,
  type SimProcess,
  type SimProcessOptions,
  type Stack,
} from './processes';
export { WAIT, present } from './present';
export {
  dingtalkSimEndpoints,
  dingtalkSimSettings,
  withDingTalkSimulator,
  type DingTalkSimulator,
} from './dingtalk';
