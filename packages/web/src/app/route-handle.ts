/**
 * What a route tells the shell about its page (React Router `handle`): the breadcrumb trail as
 * i18n keys (menu group › page), and whether only tenant administrators may open it.
 */
export interface RouteHandle {
  crumbs?: readonly string[];
  adminOnly?: boolean;
}

export function handleOf(match: { handle: unknown }): RouteHandle {
  return (match.handle ?? {}) as RouteHandle;
}
