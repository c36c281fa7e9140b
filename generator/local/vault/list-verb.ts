/**
 * Vault accepts the non-standard HTTP verb `LIST`; Node's HTTP parser (llhttp) rejects it with HPE_INVALID_METHOD,
 * even with `insecureHTTPParser` (verified on Node 20). So the emulator listens on a plain TCP server and hands each
 * connection to the HTTP server through this rewriter, which follows HTTP/1.1 framing (request head, then a
 * Content-Length body or chunked body) and rewrites the request line `LIST <target>` to `GET <target>` plus the
 * header `x-emulator-original-method: LIST`. Every other byte passes through unchanged; bodies are never inspected,
 * so a body containing "LIST " is not touched. Pipelined and keep-alive requests work.
 */
import { Duplex } from 'node:stream';
import type { Socket } from 'node:net';

export const ORIGINAL_METHOD_HEADER = 'x-emulator-original-method';

/** Request heads larger than this are passed through untouched (the HTTP server will reject them itself). */
const MAX_HEAD_BYTES = 64 * 1024;

type FramingState =
  | { type: 'head'; buffered: Buffer }
  | { type: 'body'; remaining: number }
  | { type: 'chunk-size'; line: Buffer }
  | { type: 'chunk-data'; remaining: number } // includes the CRLF after the chunk
  | { type: 'trailers'; line: Buffer }
  | { type: 'passthrough' };

/** Stateful byte rewriter for one connection's inbound stream; exported for unit tests. */
export function createListVerbRewriter(): (chunk: Buffer) => Buffer {
  let state: FramingState = { type: 'head', buffered: EMPTY };
  return function rewrite(chunk: Buffer): Buffer {
    const out: Buffer[] = [];
    let input = chunk;
    while (input.length > 0) ({ state, input } = step(state, input, out));
    return Buffer.concat(out);
  };
}

const EMPTY = Buffer.alloc(0);

/** Where the framing stands after one step, and the input it has not consumed yet. */
interface Step {
  readonly state: FramingState;
  readonly input: Buffer;
}

/** Consumes some of `input` in `state`, pushing what passes on to `out`. */
function step(state: FramingState, input: Buffer, out: Buffer[]): Step {
  switch (state.type) {
    case 'passthrough':
      out.push(input);
      return { state, input: EMPTY };
    case 'head':
      return stepHead(state.buffered, input, out);
    case 'body':
    case 'chunk-data':
      return stepCounted(state, input, out);
    case 'chunk-size':
    case 'trailers':
      return stepLine(state, input, out);
  }
}

function stepHead(before: Buffer, input: Buffer, out: Buffer[]): Step {
  const buffered = Buffer.concat([before, input]);
  const end = buffered.indexOf('\r\n\r\n');
  if (end < 0) {
    if (buffered.length <= MAX_HEAD_BYTES) return { state: { type: 'head', buffered }, input: EMPTY };
    out.push(buffered);
    return { state: { type: 'passthrough' }, input: EMPTY };
  }
  const head = buffered.subarray(0, end + 4).toString('latin1');
  out.push(Buffer.from(rewriteHead(head), 'latin1'));
  return { state: nextAfterHead(head), input: buffered.subarray(end + 4) };
}

/** Counted bytes pass through untouched; then the next head, or the next chunk-size line. */
function stepCounted(
  state: Extract<FramingState, { type: 'body' | 'chunk-data' }>,
  input: Buffer,
  out: Buffer[],
): Step {
  const take = Math.min(state.remaining, input.length);
  out.push(input.subarray(0, take));
  const remaining = state.remaining - take;
  const rest = input.subarray(take);
  if (remaining > 0) return { state: { type: state.type, remaining }, input: rest };
  if (state.type === 'body') return { state: { type: 'head', buffered: EMPTY }, input: rest };
  return { state: { type: 'chunk-size', line: EMPTY }, input: rest };
}

function stepLine(
  state: Extract<FramingState, { type: 'chunk-size' | 'trailers' }>,
  input: Buffer,
  out: Buffer[],
): Step {
  const line = Buffer.concat([state.line, input]);
  const end = line.indexOf('\r\n');
  if (end < 0) return { state: { ...state, line }, input: EMPTY };
  out.push(line.subarray(0, end + 2));
  const rest = line.subarray(end + 2);
  const text = line.subarray(0, end).toString('latin1');
  return { state: state.type === 'trailers' ? afterTrailer(text) : afterChunkSize(text), input: rest };
}

function afterTrailer(text: string): FramingState {
  return text === '' ? { type: 'head', buffered: EMPTY } : { type: 'trailers', line: EMPTY };
}

function afterChunkSize(text: string): FramingState {
  const size = Number.parseInt(text.split(';')[0]!.trim(), 16);
  if (Number.isNaN(size)) return { type: 'passthrough' };
  if (size === 0) return { type: 'trailers', line: EMPTY };
  return { type: 'chunk-data', remaining: size + 2 };
}

function rewriteHead(head: string): string {
  // Leading empty lines before a request line are allowed by RFC 9112; keep them.
  const match = /^((?:\r\n)*)LIST (\S+ HTTP\/1\.[01])\r\n/.exec(head);
  if (!match) return head;
  return `${match[1]}GET ${match[2]}\r\n${ORIGINAL_METHOD_HEADER}: LIST\r\n${head.slice(match[0].length)}`;
}

function nextAfterHead(head: string): FramingState {
  const lines = head.split('\r\n');
  let contentLength = 0;
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line
      .slice(colon + 1)
      .trim()
      .toLowerCase();
    if (
      name === 'transfer-encoding' &&
      value
        .split(',')
        .map((v) => v.trim())
        .includes('chunked')
    ) {
      return { type: 'chunk-size', line: Buffer.alloc(0) };
    }
    if (name === 'content-length') contentLength = Number.parseInt(value, 10);
  }
  if (Number.isNaN(contentLength) || contentLength < 0) return { type: 'passthrough' };
  return contentLength > 0 ? { type: 'body', remaining: contentLength } : { type: 'head', buffered: Buffer.alloc(0) };
}

/**
 * Wrap a TCP socket so the HTTP server reads rewritten bytes and writes straight to the socket.
 * Hand the result to `httpServer.emit('connection', wrapped)`.
 */
export function wrapSocketForListVerb(socket: Socket): Duplex {
  const rewrite = createListVerbRewriter();
  // Responses go out as head + body writes; without this, Nagle + delayed ACK add ~40 ms per request.
  socket.setNoDelay(true);
  const wrapped = new Duplex({
    read() {
      socket.resume();
    },
    write(chunk: Buffer, _encoding, callback) {
      socket.write(chunk, callback);
    },
    final(callback) {
      socket.end(callback);
    },
    destroy(error, callback) {
      socket.destroy(error ?? undefined);
      callback(error);
    },
  });
  socket.on('data', (chunk: Buffer) => {
    if (!wrapped.push(rewrite(chunk))) socket.pause();
  });
  socket.on('end', () => wrapped.push(null));
  socket.on('error', (error) => wrapped.destroy(error));
  socket.on('close', () => wrapped.destroy());
  // The HTTP server reads these from its "socket".
  Object.assign(wrapped, {
    remoteAddress: socket.remoteAddress,
    remotePort: socket.remotePort,
    setTimeout: (ms: number, cb?: () => void) => {
      socket.setTimeout(ms, cb);
      return wrapped;
    },
    setNoDelay: (noDelay?: boolean) => {
      socket.setNoDelay(noDelay);
      return wrapped;
    },
    setKeepAlive: (enable?: boolean, delay?: number) => {
      socket.setKeepAlive(enable, delay);
      return wrapped;
    },
  });
  return wrapped;
}
