export { buildApp, type BuildAppOptions } from './app';
export { startServer, resolveConfig, type StartOptions, type RunningServer } from './start';
export { loadConfig, parseEnv, configFromEnv, type AppConfig } from './config';
export { openDatabase, type Database, type Db } from './db/client';
export { bootstrap } from './bootstrap';
export { AppError } from './lib/errors';
