/**
 * Keep-alive agents, direct and through an egress proxy (`http://[user:pass@]host:port`): an https
 * base is reached by CONNECT (https-proxy-agent), an http base (the simulator) by absolute-form
 * requests (http-proxy-agent). Idle sockets close after 4 s, before a server's usual 5 s
 * keep-alive timeout can close one under a request. Proxy pairs are kept for the most recently
 * used proxies only, since proxy URLs come from tenants' configs.
 */
import http from 'node:http';
import https from 'node:https';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';

export interface AgentPair {
  'http:': http.Agent;
  'https:': http.Agent;
}

const AGENT_OPTIONS = { keepAlive: true, timeout: 4_000, scheduling: 'lifo' } as const;
const direct: AgentPair = {
  'http:': new http.Agent(AGENT_OPTIONS),
  'https:': new https.Agent(AGENT_OPTIONS),
};
const proxied = new Map<string, AgentPair>();
const MAX_PROXY_AGENTS = 64;

export function agentsFor(proxy: string | undefined): AgentPair {
  if (!proxy) return direct;
  let pair = proxied.get(proxy);
  if (pair) {
    proxied.delete(proxy);
  } else {
    pair = {
      'http:': new HttpProxyAgent(proxy, AGENT_OPTIONS),
      'https:': new HttpsProxyAgent(proxy, AGENT_OPTIONS),
    };
    if (proxied.size >= MAX_PROXY_AGENTS) {
      const [oldest, evicted] = proxied.entries().next().value as [string, AgentPair];
      proxied.delete(oldest);
      evicted['http:'].destroy();
      evicted['https:'].destroy();
    }
  }
  proxied.set(proxy, pair);
  return pair;
}
