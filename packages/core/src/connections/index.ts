export { createConnectionService } from './connection-service.ts';
export type { ConnectionService } from './connection-service.ts';
export type { Connection, ConnectionEndpoints, ConnectionInput } from './connection-types.ts';
