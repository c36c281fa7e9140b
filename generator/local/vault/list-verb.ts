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
  let state: FramingState = { type: 'head', buffered: Buffer.alloc(0) };

  return function rewrite(chunk: Buffer): Buffer {
    const out: Buffer[] = [];
    let input = chunk;
    while (input.length > 0) {
      switch (state.type) {
        case 'passthrough':
          out.push(input);
          input = Buffer.alloc(0);
          break;
        case 'head': {
          const buffered = Buffer.concat([state.buffered, input]);
          const end = buffered.indexOf('\r\n\r\n');
          if (end < 0) {
            if (buffered.length > MAX_HEAD_BYTES) {
              out.push(buffered);
              state = { type: 'passthrough' };
            } else {
              state = { type: 'head', buffered };
            }
            input = Buffer.alloc(0);
            break;
          }
          const head = buffered.subarray(0, end + 4).toString('latin1');
          input = buffered.subarray(end + 4);
          out.push(Buffer.from(rewriteHead(head), 'latin1'));
          state = nextAfterHead(head);
          break;
        }
        case 'body':
        case 'chunk-data': {
          // Counted bytes pass through untouched; then the next head, or the next chunk-size line.
          const take = Math.min(state.remaining, input.length);
          out.push(input.subarray(0, take));
          input = input.subarray(take);
          const remaining = state.remaining - take;
          if (remaining > 0) state = { type: state.type, remaining };
          else
            state =
              state.type === 'body'
                ? { type: 'head', buffered: Buffer.alloc(0) }
                : { type: 'chunk-size', line: Buffer.alloc(0) };
          break;
        }
        case 'chunk-size':
        case 'trailers': {
          const line = Buffer.concat([state.line, input]);
          const end = line.indexOf('\r\n');
          if (end < 0) {
            state = { ...state, line };
            input = Buffer.alloc(0);
            break;
          }
          out.push(line.subarray(0, end + 2));
          input = line.subarray(end + 2);
          const text = line.subarray(0, end).toString('latin1');
          if (state.type === 'trailers') {
            state =
              text === '' ? { type: 'head', buffered: Buffer.alloc(0) } : { type: 'trailers', line: Buffer.alloc(0) };
          } else {
            const size = Number.parseInt(text.split(';')[0]!.trim(), 16);
            if (Number.isNaN(size)) state = { type: 'passthrough' };
            else if (size === 0) state = { type: 'trailers', line: Buffer.alloc(0) };
            else state = { type: 'chunk-data', remaining: size + 2 };
          }
          break;
        }
      }
    }
    return Buffer.concat(out);
  };
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
