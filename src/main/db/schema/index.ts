export * from './reference';
export * from './auth';
export * from './audit';
export * from './registry';
export * from './jobs';
