import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Content, GenerateContentResponse, Part } from '@google/genai';

/** What the fake server received for one generateContent call. */
export interface GeminiRequest {
  path: string;
  body: { contents: Content[]; tools?: unknown[]; [key: string]: unknown };
}

/**
 * A stand-in for the Gemini API on 127.0.0.1 for the real `@google/genai` client
 * (`httpOptions.baseUrl`): it answers each generateContent call with the next scripted model
 * turn and records the requests, so tests see exactly what the SDK sent.
 */
export async function startFakeGemini(turns: Part[][]) {
  const requests: GeminiRequest[] = [];
  const server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    if (req.method !== 'POST' || !req.url?.includes(':generateContent')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":404,"message":"not found","status":"NOT_FOUND"}}');
      return;
    }
    requests.push({ path: req.url, body: JSON.parse(raw) });
    const parts = turns[requests.length - 1] ?? [{ text: 'No more scripted turns.' }];
    const answer: Partial<GenerateContentResponse> = { candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP' as never, index: 0 }] };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
