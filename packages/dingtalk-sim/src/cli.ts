import { parseArgs } from 'node:util';
import { commonSimOptions, stopOnSignals } from '@orgbridge/provider-kit/sim';
import { startSimulator } from './server';
import type { SimOptions } from './types';

const { values } = parseArgs({
  options: {
    ...commonSimOptions(4200),
    'large-department': { type: 'string' },
    leavers: { type: 'string' },
    qps: { type: 'string' },
    'per-minute': { type: 'string' },
    'app-key': { type: 'string' },
    'app-secret': { type: 'string' },
    'no-mobile': { type: 'boolean', default: false },
    'send-processing-ms': { type: 'string' },
  },
  strict: true,
});

if (values.help) {
  console.log(`Usage: npm run dingtalk-sim -- [--port 4200] [--users 2000] [--departments 200] [--large-department 130]
  [--leavers N] [--seed 1] [--qps 20] [--per-minute 1500] [--latency-ms 0] [--corp-id ding…] [--app-key …]
  [--app-secret …] [--agent-id 3000000001] [--home-url http://localhost:3000/…] [--no-mobile]
  [--send-processing-ms 0]`);
  process.exit(0);
}

const int = (name: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a non-negative integer, got ${JSON.stringify(value)}`);
    process.exit(2);
  }
  return n;
};

const options: SimOptions = {
  port: int('port', values.port),
  host: values.host,
  users: int('users', values.users),
  departments: int('departments', values.departments),
  largeDepartment: int('large-department', values['large-department']),
  leavers: int('leavers', values.leavers),
  seed: int('seed', values.seed),
  qps: int('qps', values.qps),
  perMinute: int('per-minute', values['per-minute']),
  latencyMs: int('latency-ms', values['latency-ms']),
  corpId: values['corp-id'],
  appKey: values['app-key'],
  appSecret: values['app-secret'],
  agentId: int('agent-id', values['agent-id']),
  homeUrl: values['home-url'],
  mobilePermission: !values['no-mobile'],
  sendProcessingMs: int('send-processing-ms', values['send-processing-ms']),
};

const started = performance.now();
const sim = await startSimulator(options);
const { corpId, appKey, appSecret, agentId } = sim.credentials;
console.log(`DingTalk simulator listening on ${sim.url} (ready in ${Math.round(performance.now() - started)} ms)
  CorpId              ${corpId}
  AppKey (Client ID)  ${appKey}
  AppSecret           ${appSecret}
  AgentId             ${agentId}
  Members page        ${sim.url}/sim/
  Admin API           ${sim.url}/sim/admin/state
  Use as DINGTALK_API_BASE, DINGTALK_OAPI_BASE and DINGTALK_LOGIN_BASE: ${sim.url}`);

stopOnSignals(sim);
