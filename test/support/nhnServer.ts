// The NHN test server lives under src/ because the bench uses it too (bench code may not import test/).
export * from '../../src/main/gateways/testServers/nhn';
