import type { FastifyInstance } from 'fastify';
import type { SimCore } from '../core';
import { WeComApiError } from '../errors';
import { registerApi } from './api';

/** message/update_template_card (doc /94888): replaces a clicked card's buttons. */
export function registerCardRoutes(app: FastifyInstance, core: SimCore): void {
  registerApi(app, core, {
    method: 'POST',
    api: 'message/update_template_card',
    handler: (ctx) => {
      if (!ctx.app) throw new WeComApiError(48002);
      return core.cards.update(ctx.app, ctx.body);
    },
  });
}
