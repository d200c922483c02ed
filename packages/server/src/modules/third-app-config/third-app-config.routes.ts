import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { route } from '../../lib/route';
import { auditActor } from '../audit/audit.recorder';
import type { ThirdAppConfigService } from './third-app-config.service';
import { connectorInfos } from './third-app-config.service';
import {
  ConfigViewSchema,
  ConnectorInfoSchema,
  CreateConfigBodySchema,
  DiagnosticsSchema,
  ThirdTypeQuerySchema,
  UpdateConfigBodySchema,
} from './third-app-config.schemas';
import { createConfigExamples, updateConfigExamples } from './third-app-config.examples';

const tags = ['third-app'];

export function registerThirdAppConfigRoutes(
  app: FastifyInstance,
  deps: { thirdAppConfig: ThirdAppConfigService },
): void {
  const { thirdAppConfig: svc } = deps;

  route(app, {
    method: 'GET',
    url: '/sys/thirdApp/connectors',
    operationId: 'listThirdAppConnectors',
    tags,
    access: 'admin',
    summary:
      'The connectors this server supports: thirdType, names, the config form (formItems) and capabilities',
    description:
      'The console renders a connector’s config form from `formItems`: `secret` fields are read back masked (sending the mask back keeps the stored value), `generated` ones are made by the server when omitted. POST/PUT /sys/thirdApp/config take these keys at top level.',
    result: Type.Array(ConnectorInfoSchema),
    handler: async () => connectorInfos(),
  });

  route(app, {
    method: 'GET',
    url: '/sys/thirdApp/config',
    operationId: 'getThirdAppConfig',
    tags,
    access: 'admin',
    summary: "The tenant's WeCom configuration (secrets masked), or null",
    querystring: ThirdTypeQuerySchema,
    result: Type.Union([ConfigViewSchema, Type.Null()]),
    handler: ({ tenant, query }) => svc.get(tenant, query.thirdType ?? 'wechat_enterprise'),
  });

  route(app, {
    method: 'POST',
    url: '/sys/thirdApp/config',
    operationId: 'createThirdAppConfig',
    examples: createConfigExamples,
    errors: {
      409: 'AppKey重复: the CorpID is connected to another tenant, or this tenant already has a configuration.',
    },
    tags,
    access: 'admin',
    summary:
      'Connect the tenant to a WeCom app (409 AppKey重复 when the CorpID belongs to another tenant)',
    body: CreateConfigBodySchema,
    result: ConfigViewSchema,
    handler: ({ tenant, body }) => svc.create(tenant, body),
  });

  route(app, {
    method: 'PUT',
    url: '/sys/thirdApp/config',
    operationId: 'updateThirdAppConfig',
    examples: updateConfigExamples,
    errors: {
      404: 'The tenant has no configuration yet.',
      409: 'AppKey重复: the CorpID is connected to another tenant.',
    },
    tags,
    access: 'admin',
    summary: 'Edit the WeCom configuration; omitted secrets stay unchanged',
    body: UpdateConfigBodySchema,
    result: ConfigViewSchema,
    handler: ({ tenant, body }) => svc.update(tenant, body),
  });

  route(app, {
    method: 'DELETE',
    url: '/sys/thirdApp/config',
    operationId: 'deleteThirdAppConfig',
    errors: { 404: 'The tenant has no configuration.' },
    tags,
    access: 'admin',
    summary: '取消绑定: remove the configuration; bindings stay, flagged inactive',
    querystring: ThirdTypeQuerySchema,
    result: Type.Null(),
    handler: async ({ tenant, query }) => {
      await svc.remove(tenant, query.thirdType ?? 'wechat_enterprise');
      return null;
    },
  });

  route(app, {
    method: 'POST',
    url: '/sys/thirdApp/config/test',
    operationId: 'testThirdAppConfig',
    errors: { 404: 'The tenant has no configuration.' },
    tags,
    access: 'admin',
    summary:
      'Diagnostics: each capability checked against WeCom and explained with a fix, and the egress IP WeCom sees (`egressIp`, remembered; a change is flagged)',
    querystring: ThirdTypeQuerySchema,
    result: DiagnosticsSchema,
    handler: ({ tenant, session, query, req }) =>
      svc.diagnose(tenant, query.thirdType ?? 'wechat_enterprise', {
        ...auditActor(session),
        ip: req.ip,
      }),
  });
}
