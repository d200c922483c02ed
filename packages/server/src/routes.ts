import type { FastifyInstance } from 'fastify';
import { registerAuthRoutes } from './modules/auth/auth.routes';
import type { Services } from './services';

export function registerRoutes(app: FastifyInstance, services: Services): void {
  registerAuthRoutes(app, services);
}
