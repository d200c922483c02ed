import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SimAdmin } from '../admin';
import { SimAdminError } from '../org-store';

const UserBody = Type.Object(
  {
    userid: Type.String({ minLength: 1 }),
    name: Type.String({ minLength: 1 }),
    department: Type.Array(Type.Integer()),
  },
  { additionalProperties: true },
);
const DepartmentBody = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    parentid: Type.Integer(),
    id: Type.Optional(Type.Integer()),
  },
  { additionalProperties: true },
);
const Patch = Type.Record(Type.String(), Type.Unknown());
const FaultBody = Type.Object({
  api: Type.Optional(Type.String()),
  errcode: Type.Optional(Type.Integer()),
  kind: Type.Optional(
    Type.Union(['errcode', 'timeout', 'reset', 'malformed'].map((k) => Type.Literal(k))),
  ),
  rate: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  times: Type.Optional(Type.Integer({ minimum: 1 })),
});
const CallbackBody = Type.Object({
  url: Type.String(),
  token: Type.String(),
  encodingAesKey: Type.String(),
  reduced: Type.Optional(Type.Boolean()),
});
const Ms = Type.Object({ ms: Type.Number({ minimum: 0 }) });
const Ips = Type.Object({ ips: Type.Union([Type.Array(Type.String()), Type.Null()]) });
const Range = Type.Object({
  departments: Type.Optional(Type.Array(Type.Integer())),
  users: Type.Optional(Type.Array(Type.String())),
});
const LookupBudget = Type.Object({
  budget: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
  seatLimit: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
});
const UserParam = Type.Object({ userid: Type.String() });
const IdParam = Type.Object({ id: Type.Integer() });

function refuse(reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof SimAdminError)
    return reply.code(error.status).send({ error: error.message, errcode: error.errcode });
  return reply.code(400).send({ error: error instanceof Error ? error.message : String(error) });
}

/** JSON mirror of SimAdmin (documented in README.md). */
export function registerAdminRoutes(
  app: FastifyInstance,
  admin: SimAdmin,
  credentials: object,
): void {
  const run = async (reply: FastifyReply, fn: () => unknown): Promise<FastifyReply> => {
    try {
      const result = await fn();
      return reply.send(result ?? { ok: true });
    } catch (error) {
      return refuse(reply, error);
    }
  };
  app.get('/sim/admin/credentials', async () => credentials);
  app.get('/sim/admin/users', async (req) => {
    const q = req.query as { offset?: string; limit?: string };
    const users = admin.listUsers();
    const offset = Number(q.offset ?? 0);
    return { total: users.length, users: users.slice(offset, offset + Number(q.limit ?? 100)) };
  });
  app.get<{ Params: Static<typeof UserParam> }>(
    '/sim/admin/users/:userid',
    { schema: { params: UserParam } },
    async (req, reply) => {
      const user = admin.getUser(req.params.userid);
      return user ?? reply.code(404).send({ error: 'not found' });
    },
  );
  app.post<{ Body: Static<typeof UserBody> }>(
    '/sim/admin/users',
    { schema: { body: UserBody } },
    (req, reply) => run(reply, () => admin.addUser(req.body)),
  );
  app.patch<{ Params: Static<typeof UserParam>; Body: Static<typeof Patch> }>(
    '/sim/admin/users/:userid',
    { schema: { body: Patch } },
    (req, reply) => run(reply, () => admin.updateUser(req.params.userid, req.body)),
  );
  app.delete<{ Params: Static<typeof UserParam> }>('/sim/admin/users/:userid', (req, reply) =>
    run(reply, () => admin.deleteUser(req.params.userid)),
  );
  app.get('/sim/admin/departments', async () => admin.listDepartments());
  app.post<{ Body: Static<typeof DepartmentBody> }>(
    '/sim/admin/departments',
    { schema: { body: DepartmentBody } },
    (req, reply) => run(reply, () => admin.addDepartment(req.body)),
  );
  app.patch<{ Params: Static<typeof IdParam>; Body: Static<typeof Patch> }>(
    '/sim/admin/departments/:id',
    { schema: { params: IdParam, body: Patch } },
    (req, reply) => run(reply, () => admin.updateDepartment(req.params.id, req.body)),
  );
  app.delete<{ Params: Static<typeof IdParam> }>(
    '/sim/admin/departments/:id',
    { schema: { params: IdParam } },
    (req, reply) => run(reply, () => admin.deleteDepartment(req.params.id)),
  );
  registerKnobs(app, admin, run);
}

type Run = (reply: FastifyReply, fn: () => unknown) => Promise<FastifyReply>;

function registerKnobs(app: FastifyInstance, admin: SimAdmin, run: Run): void {
  app.get('/sim/admin/messages', async (req) => {
    const { userid } = req.query as { userid?: string };
    return userid ? admin.messagesFor(userid) : admin.allMessages();
  });
  app.get('/sim/admin/counts', async () => admin.counts());
  app.delete('/sim/admin/counts', (_req, reply) => run(reply, () => admin.resetCounts()));
  app.get('/sim/admin/peak-in-flight', async (req) => {
    const { api } = req.query as { api?: string };
    return { api: api ?? 'message/send', peak: admin.peakInFlight(api ?? 'message/send') };
  });
  app.delete('/sim/admin/peak-in-flight', (_req, reply) =>
    run(reply, () => admin.resetPeakInFlight()),
  );
  app.put<{ Body: Static<typeof Ms> }>(
    '/sim/admin/latency',
    { schema: { body: Ms } },
    (req, reply) => run(reply, () => admin.setLatency(req.body.ms)),
  );
  app.post('/sim/admin/tokens/expire', (req, reply) =>
    run(reply, () => ({
      expired: admin.expireTokens((req.body as { errcode?: 42001 | 40014 } | undefined)?.errcode),
    })),
  );
  app.get('/sim/admin/faults', async () => admin.listFaults());
  app.post<{ Body: Static<typeof FaultBody> }>(
    '/sim/admin/faults',
    { schema: { body: FaultBody } },
    (req, reply) =>
      run(reply, () => admin.injectFaults(req.body as Parameters<SimAdmin['injectFaults']>[0])),
  );
  app.delete('/sim/admin/faults', (_req, reply) => run(reply, () => admin.clearFaults()));
  app.post<{ Body: Static<typeof CallbackBody> }>(
    '/sim/admin/callback',
    { schema: { body: CallbackBody } },
    (req, reply) => run(reply, () => admin.configureCallback(req.body)),
  );
  app.get('/sim/admin/callback/deliveries', async () => admin.callbackDeliveries());
  app.put<{ Body: Static<typeof Ips> }>(
    '/sim/admin/trusted-ips',
    { schema: { body: Ips } },
    (req, reply) => run(reply, () => admin.setTrustedIps(req.body.ips)),
  );
  app.put<{ Body: Static<typeof Range> }>(
    '/sim/admin/visible-range',
    { schema: { body: Range } },
    (req, reply) => run(reply, () => admin.setVisibleRange(req.body)),
  );
  app.put<{ Body: Static<typeof LookupBudget> }>(
    '/sim/admin/lookup-budget',
    { schema: { body: LookupBudget } },
    (req, reply) =>
      run(reply, () => admin.setLookupErrorBudget(req.body.budget, req.body.seatLimit)),
  );
  app.get('/sim/admin/lookup-budget', async () => ({
    budget: admin.lookupErrorBudget(),
    errorsToday: admin.lookupErrors(),
  }));
  app.put('/sim/admin/home-url', (req, reply) =>
    run(reply, () =>
      admin.setHomeUrl((req.body as { url?: string | null } | undefined)?.url ?? null),
    ),
  );
  app.post<{ Body: Static<typeof Ms> }>(
    '/sim/admin/clock/advance',
    { schema: { body: Ms } },
    (req, reply) => run(reply, () => admin.advanceClock(req.body.ms)),
  );
  app.post('/sim/admin/reset', (_req, reply) => run(reply, () => admin.reset()));
}
