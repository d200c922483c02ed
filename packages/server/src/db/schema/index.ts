export * from './tenants';
export * from './users';
export * from './memberships';
export * from './departments';
export * from './sessions';
export * from './audit';
export * from './third-apps';
export * from './messages';
