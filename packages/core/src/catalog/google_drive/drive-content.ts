import { providerApiError } from '../../api-client/index.ts';
import { OnBehalfError } from '../../errors.ts';
import type { ToolContext } from '../../tools/index.ts';

/**
 * Reads at most `maxBytes` of a text answer and stops the download there: an exported Doc can
 * be megabytes, and the model gets a bounded excerpt anyway.
 */
async function readBounded(response: Response, maxBytes: number): Promise<{ text: string; complete: boolean }> {
  const reader = response.body?.getReader();
  if (!reader) return { text: '', complete: true };
  const chunks: Uint8Array[] = [];
  let size = 0;
  let complete = true;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size >= maxBytes) {
      complete = false;
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  const bytes = Buffer.concat(chunks).subarray(0, maxBytes);
  // A multi-byte character cut at the limit decodes to U+FFFD: drop it.
  const text = new TextDecoder('utf-8').decode(bytes);
  return { text: complete ? text : text.replace(/\uFFFD$/, ''), complete };
}

/** GET a Drive content URL (export or alt=media) as text, Drive's errors as PROVIDER_API_ERROR. */
export async function fetchDriveText(ctx: ToolContext, target: string, maxBytes: number): Promise<{ text: string; complete: boolean }> {
  const response = await ctx.fetch(target, { method: 'GET', headers: { accept: 'text/plain, text/csv, text/*;q=0.9, */*;q=0.1' } });
  if (!response.ok) throw await providerApiError({ provider: ctx.provider, response, method: 'GET', url: new URL(response.url || target, 'http://unknown.invalid'), redact: ctx.redact });
  return readBounded(response, maxBytes);
}

export function notReadable(name: string | undefined, mimeType: string | undefined): OnBehalfError {
  return new OnBehalfError('TOOL_INPUT_INVALID', `"${name ?? 'This file'}" (${mimeType ?? 'unknown type'}) is not a text file, Google Doc, Sheet or Slides deck: its content cannot be read as text. Share its link instead.`, {
    details: { mimeType: mimeType ?? null },
  });
}
