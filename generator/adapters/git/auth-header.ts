/** `Authorization` header value git sends for a GitHub token (installation tokens included). */
export function basicAuthHeader(token: string): string {
  return `Authorization: Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
}
