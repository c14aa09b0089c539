export { createConnectionService, toConnectionsApi } from './connection-service.ts';
export type { ConnectionService, ConnectionsSnapshot } from './connection-service.ts';
export type { Connection, ConnectionEndpoints, ConnectionInput, ConnectionsApi } from './connection-types.ts';
