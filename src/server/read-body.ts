/**
 * Reads a request body as UTF-8 text under a byte limit, without buffering an oversize body: a
 * declared `Content-Length` over the limit is refused before reading; otherwise bytes are counted
 * as the stream is read, and reading stops (the stream is cancelled) as soon as the count passes
 * the limit. Both give 413 with `input.too-large`.
 * @module
 */
import { httpProblem } from './http-problem.js';

/** The body of a request. */
export interface BodyText {
  readonly text: string;
  /** The raw bytes (for the payload hash of a submission). */
  readonly bytes: Uint8Array;
}

const tooLarge = (limit: number) =>
  httpProblem(413, 'input.too-large', { limit }, { Connection: 'close' });

/**
 * Reads the body bytes of `request` (at most `maxBytes`); the pipeline decodes them. Throws
 * {@link HttpProblem} 413. A body of declared length within the limit is read whole (on Node, the
 * server library reads it straight from the socket, without building a web stream); a body of
 * unknown length is counted as it streams.
 */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared)) {
    if (Number(declared) > maxBytes) throw tooLarge(maxBytes);
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.byteLength > maxBytes) throw tooLarge(maxBytes);
    return bytes;
  }
  return request.body ? await readLimited(request.body, maxBytes) : new Uint8Array(0);
}

/** Reads the body of `request` (at most `maxBytes`) as text. Throws {@link HttpProblem} 413 or 400 (invalid UTF-8). */
export async function readBody(request: Request, maxBytes: number): Promise<BodyText> {
  const bytes = await readBodyBytes(request, maxBytes);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw httpProblem(400, 'input.invalid-utf8');
  }
  return { text, bytes };
}

async function readLimited(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return concat(chunks, total);
}

/** A body read up to a limit: whole (`bytes`), or past the limit (`overflow`: the whole body again, as a stream). */
export type BodyHead =
  | { readonly bytes: Uint8Array }
  | { readonly overflow: ReadableStream<Uint8Array>; readonly read: number };

/**
 * Reads `body` until it ends or passes `limit` bytes. A body within the limit comes back whole; past
 * it, the chunks read so far and the unread rest come back as one stream (nothing is lost or read
 * twice), for a chunked upload of unknown size that must continue as a job.
 */
export async function readUpTo(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<BodyHead> {
  if (!body) return { bytes: new Uint8Array(0) };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
    if (total > limit) {
      const overflow = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const head = chunks.shift();
          if (head) return controller.enqueue(head);
          const next = await reader.read();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        },
        cancel: (reason) => reader.cancel(reason),
      });
      return { overflow, read: total };
    }
  }
  return { bytes: concat(chunks, total) };
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';', 1)[0]!.trim().toLowerCase();
}

/** 415 unless the request's media type is one of `accepted`. Returns the media type. */
export function requireMediaType(header: string | undefined, accepted: readonly string[]): string {
  const type = mediaType(header);
  if (!accepted.includes(type)) {
    throw httpProblem(
      415,
      'http.unsupported-media-type',
      { contentType: type || '(none)', accepted: accepted.join(', ') },
      { Accept: accepted.join(', ') },
    );
  }
  return type;
}
