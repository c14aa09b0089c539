import type { ToolsHost } from '@onbehalf/core';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { createToolServer, type ToolSelection } from './tool-server.ts';

export interface ServeMcpStdioOptions extends ToolSelection {
  /** The one person this process acts for (a desktop client runs one server per user). */
  identifier: string;
  name?: string;
  onError?: (error: Error) => void;
}

/**
 * Serves the onbehalf tools of one identifier over stdio, for desktop clients that start the
 * server as a child process. The identifier is fixed for the process: whoever can start it
 * already holds the database and the encryption key, so there is no token to check.
 */
export function serveMcpStdio(ob: ToolsHost, options: ServeMcpStdioOptions): { close(): Promise<void> } {
  const { identifier, name, onError, ...selection } = options;
  if (typeof identifier !== 'string' || identifier === '') throw new TypeError('serveMcpStdio needs the identifier of the user the tools act for.');
  return serveStdio(({ era }) => createToolServer(ob, { ...selection, identifier, era, serverInfo: { name: name ?? 'onbehalf', version: '0.1.0' } }), {
    ...(onError ? { onerror: onError } : {}),
  });
}
