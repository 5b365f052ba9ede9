export * from './reference';
export * from './auth';
export * from './audit';
