export * from './crypto/index';
