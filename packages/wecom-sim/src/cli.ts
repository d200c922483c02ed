import { parseArgs } from 'node:util';
import { commonSimOptions, stopOnSignals } from '@orgbridge/provider-kit/sim';
import { startSimulator } from './server';
import type { SimOptions } from './types';

const { values } = parseArgs({
  options: {
    ...commonSimOptions(4100),
    'concurrency-limit': { type: 'string' },
    'freq-limit': { type: 'string' },
    secret: { type: 'string' },
    'contact-secret': { type: 'string' },
    'trusted-domain': { type: 'string', default: 'localhost' },
    'trusted-ips': { type: 'string' },
    'legacy-app': { type: 'boolean', default: false },
  },
  strict: true,
});

if (values.help) {
  console.log(`Usage: npm run wecom-sim -- [--port 4100] [--users 2000] [--departments 200] [--seed 1] [--latency-ms 0]
  [--corp-id ww…] [--agent-id 1000002] [--secret …] [--contact-secret …] [--trusted-domain localhost]
  [--trusted-ips 1.2.3.4;5.6.7.8] [--home-url http://localhost:3000/…] [--concurrency-limit 5] [--freq-limit 10000]
  [--legacy-app]   (app created before 2022-06-20: sensitive user fields are returned)`);
  process.exit(0);
}

const int = (name: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`);
  return n;
};

const options: SimOptions = {
  port: int('port', values.port),
  host: values.host,
  users: int('users', values.users),
  departments: int('departments', values.departments),
  seed: int('seed', values.seed),
  latencyMs: int('latency-ms', values['latency-ms']),
  concurrencyLimit: int('concurrency-limit', values['concurrency-limit']),
  freqLimitPerMinute: int('freq-limit', values['freq-limit']),
  corpId: values['corp-id'],
  agentId: int('agent-id', values['agent-id']),
  secret: values.secret,
  contactSecret: values['contact-secret'],
  trustedDomain: values['trusted-domain'],
  // WeCom's console separates trusted IPs with ';' — accept ',' too.
  trustedIps: values['trusted-ips']
    ? values['trusted-ips']
        .split(/[;,]/)
        .map((s) => s.trim())
        .filter(Boolean)
    : null,
  homeUrl: values['home-url'],
  createdAfter20220620: !values['legacy-app'],
};

const started = performance.now();
const sim = await startSimulator(options);
const { corpId, agentId, secret, contactSecret } = sim.credentials;
console.log(`WeCom simulator listening on ${sim.url} (ready in ${Math.round(performance.now() - started)} ms)
  CorpID          ${corpId}
  AgentId         ${agentId}
  Secret          ${secret}
  Contact secret  ${contactSecret}
  Members page    ${sim.url}/sim/
  Admin API       ${sim.url}/sim/admin/
  Use as WECOM_API_BASE, WECOM_OAUTH_BASE and WECOM_LOGIN_BASE: ${sim.url}`);

stopOnSignals(sim);
