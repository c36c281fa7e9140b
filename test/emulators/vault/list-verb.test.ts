import { describe, expect, it } from 'vitest';
import { createListVerbRewriter, ORIGINAL_METHOD_HEADER } from '../../../generator/local/vault/list-verb.js';

/** Feed the stream in pieces of `size` bytes, as TCP may deliver it. */
function rewriteInPieces(input: string, size: number): string {
  const rewrite = createListVerbRewriter();
  const bytes = Buffer.from(input, 'latin1');
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(rewrite(bytes.subarray(i, i + size)));
  return Buffer.concat(out).toString('latin1');
}

const LIST_REQUEST = 'LIST /v1/secret/metadata/a HTTP/1.1\r\nHost: x\r\n\r\n';
const LIST_AS_GET = `GET /v1/secret/metadata/a HTTP/1.1\r\n${ORIGINAL_METHOD_HEADER}: LIST\r\nHost: x\r\n\r\n`;

describe('LIST verb rewriter', () => {
  it.each([1, 3, 7, 1000])('rewrites LIST to GET + marker header, whatever the piece size (%i)', (size) => {
    expect(rewriteInPieces(LIST_REQUEST, size)).toBe(LIST_AS_GET);
  });

  it('leaves other verbs and Content-Length bodies alone, even a body that looks like a LIST request', () => {
    const body = 'LIST /v1/x HTTP/1.1\r\n\r\n';
    const post = `POST /v1/secret/data/a HTTP/1.1\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    expect(rewriteInPieces(post + LIST_REQUEST, 5)).toBe(post + LIST_AS_GET);
  });

  it('follows chunked bodies, including chunk extensions and trailers', () => {
    const chunked =
      'POST /v1/a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nLIST \r\n3\r\n/v1\r\n0\r\nX-Trailer: 1\r\n\r\n';
    expect(rewriteInPieces(chunked + LIST_REQUEST, 2)).toBe(chunked + LIST_AS_GET);
  });

  it('handles pipelined requests in one piece', () => {
    expect(rewriteInPieces(LIST_REQUEST + LIST_REQUEST, 10_000)).toBe(LIST_AS_GET + LIST_AS_GET);
  });

  it('does not touch a verb that merely starts with LIST', () => {
    const listen = 'LISTEN /v1/a HTTP/1.1\r\n\r\n';
    expect(rewriteInPieces(listen, 4)).toBe(listen);
  });
});
