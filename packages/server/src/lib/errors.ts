/**
 * The one application error. `code` is stable (`area.snake_case`) and doubles as the console's
 * i18n key; `message` is a sentence a person can act on (what failed, why, what to do).
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, code = `${what}.not_found`) =>
  new AppError(code, 404, `${capitalise(what.replace(/s$/, ''))} not found in the current tenant.`);

export const forbidden = (code: string, message: string) => new AppError(code, 403, message);

export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new AppError(code, 409, message, details);

export const badRequest = (code: string, message: string, details?: Record<string, unknown>) =>
  new AppError(code, 400, message, details);

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
