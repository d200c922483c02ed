/** JSON mirror of SimAdmin under /sim/admin (documented in README.md). */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SimAdmin } from '../admin';
import { SimAdminError } from '../org-store';

const UserBody = Type.Object({
  userid: Type.String({ minLength: 1 }),
  name: Type.String({ minLength: 1 }),
  deptIds: Type.Array(Type.Integer(), { minItems: 1 }),
  mobile: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  title: Type.Optional(Type.String()),
});
const UserPatch = Type.Partial(
  Type.Object({
    name: Type.String({ minLength: 1 }),
    deptIds: Type.Array(Type.Integer(), { minItems: 1 }),
    mobile: Type.String(),
    email: Type.String(),
    title: Type.String(),
    active: Type.Boolean(),
  }),
  { additionalProperties: false },
);
const DeptBody = Type.Object({
  name: Type.String({ minLength: 1 }),
  parentId: Type.Integer(),
  deptId: Type.Optional(Type.Integer()),
});
const DeptPatch = Type.Partial(
  Type.Object({
    name: Type.String({ minLength: 1 }),
    parentId: Type.Integer(),
    order: Type.Integer(),
  }),
  {
    additionalProperties: false,
  },
);
const FaultBody = Type.Object({
  api: Type.Optional(Type.String()),
  kind: Type.Optional(
    Type.Union([
      Type.Literal('errcode'),
      Type.Literal('timeout'),
      Type.Literal('reset'),
      Type.Literal('malformed'),
    ]),
  ),
  errcode: Type.Optional(Type.Integer()),
  subCode: Type.Optional(Type.String()),
  rate: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  times: Type.Optional(Type.Integer({ minimum: 1 })),
});
const LimitsBody = Type.Object({
  qps: Type.Optional(Type.Integer({ minimum: 0 })),
  perMinute: Type.Optional(Type.Integer({ minimum: 0 })),
});
const CallbackBody = Type.Object({
  url: Type.String({ minLength: 1 }),
  token: Type.String({ minLength: 1 }),
  aesKey: Type.String({ minLength: 43, maxLength: 43 }),
  ownerKey: Type.Optional(Type.String()),
});
const UseridBody = Type.Object({ userid: Type.String({ minLength: 1 }) });
const Ms = Type.Object({ ms: Type.Number({ minimum: 0 }) });

/** Validates `value` against `schema`; the first problem becomes a 400 that says what to fix. */
function parse<T extends TSchema>(schema: T, value: unknown): Static<T> {
  const first = Value.Errors(schema, value).First();
  if (first) throw new SimAdminError(`${first.path || 'body'}: ${first.message}`);
  return value as Static<T>;
}

function refuse(reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof SimAdminError)
    return reply.code(error.status).send({ error: error.message });
  return reply.code(400).send({ error: error instanceof Error ? error.message : String(error) });
}

export function registerAdminRoutes(
  app: FastifyInstance,
  admin: SimAdmin,
  credentials: object,
): void {
  const route = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    fn: (req: { body: unknown; params: Record<string, string> }) => unknown,
  ) =>
    app.route({
      method,
      url: `/sim/admin${url}`,
      handler: async (request, reply) => {
        try {
          const out = await fn({
            body: request.body ?? {},
            params: request.params as Record<string, string>,
          });
          return reply.send(out ?? { ok: true });
        } catch (err) {
          return refuse(reply, err);
        }
      },
    });
  const intParam = (v: string | undefined) => {
    const n = Number(v);
    if (!Number.isInteger(n)) throw new SimAdminError('department id must be an integer');
    return n;
  };
  route('GET', '/state', () => ({
    credentials,
    limits: admin.limits(),
    counts: admin.counts(),
    faults: admin.faults(),
    tokensIssued: admin.tokensIssued(),
  }));
  route('GET', '/users', () => admin.listUsers());
  route('POST', '/users', ({ body }) => admin.addUser(parse(UserBody, body)));
  route('PATCH', '/users/:userid', ({ body, params }) =>
    admin.updateUser(params.userid ?? '', parse(UserPatch, body)),
  );
  route('DELETE', '/users/:userid', ({ params }) => admin.removeUser(params.userid ?? ''));
  route('GET', '/departments', () => admin.listDepartments());
  route('POST', '/departments', ({ body }) => admin.addDepartment(parse(DeptBody, body)));
  route('PATCH', '/departments/:id', ({ body, params }) =>
    admin.updateDepartment(intParam(params.id), parse(DeptPatch, body)),
  );
  route('DELETE', '/departments/:id', ({ params }) => admin.removeDepartment(intParam(params.id)));
  route('GET', '/faults', () => admin.faults());
  route('POST', '/faults', ({ body }) => admin.injectFault(parse(FaultBody, body)));
  route('DELETE', '/faults', () => admin.clearFaults());
  route('PUT', '/limits', ({ body }) => admin.setLimits(parse(LimitsBody, body)));
  route('PUT', '/callback', async ({ body }) => {
    const check = await admin.configureCallback(parse(CallbackBody, body));
    if (!check.ok) throw new SimAdminError(`check_url failed: ${check.error ?? 'unknown'}`, 422);
    return check;
  });
  route('GET', '/callback/deliveries', () => admin.deliveries());
  route('POST', '/auth-code', ({ body }) => ({
    code: admin.issueAuthCode(parse(UseridBody, body).userid),
  }));
  route('POST', '/qr-code', ({ body }) => ({
    authCode: admin.issueQrCode(parse(UseridBody, body).userid),
  }));
  route('GET', '/inbox/:userid', ({ params }) => admin.inbox(params.userid ?? ''));
  route('POST', '/clock/advance', ({ body }) => admin.advanceClock(parse(Ms, body).ms));
  route('POST', '/reset', () => admin.reset());
}
