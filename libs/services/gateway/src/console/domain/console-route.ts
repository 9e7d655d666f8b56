/**
 * Which requests the web console answers, and with what: the gateway's own paths (the API, its
 * docs, probes, metrics) are never the console's; a path naming a file of the build is that file;
 * any other page path is a deep link into the single-page app and gets its index.html, so a
 * reload of /work-orders/42 shows that page again.
 */
export type ConsoleAnswer = { kind: 'pass' } | { kind: 'file'; relativePath: string; immutable: boolean } | { kind: 'app' };

const GATEWAY_PREFIXES = ['/api', '/docs', '/health', '/metrics'];

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(relativePath: string): string {
  const dot = relativePath.lastIndexOf('.');
  return (dot >= 0 && CONTENT_TYPES[relativePath.slice(dot).toLowerCase()]) || 'application/octet-stream';
}

/** `files`: the build's files, relative paths with `/` (e.g. `assets/index-3f2a.js`). */
export function consoleAnswer(method: string, rawPath: string, files: ReadonlySet<string>): ConsoleAnswer {
  if (method !== 'GET' && method !== 'HEAD') return { kind: 'pass' };
  let path: string;
  try {
    path = decodeURIComponent(rawPath.split('?')[0] ?? '/');
  } catch {
    return { kind: 'pass' };
  }
  if (GATEWAY_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}.`))) return { kind: 'pass' };
  const relativePath = path.replace(/^\/+/, '');
  if (relativePath !== 'index.html' && files.has(relativePath)) return { kind: 'file', relativePath, immutable: relativePath.startsWith('assets/') };
  // A missing asset is a 404, not the app: a stale page asking for an old bundle must not get HTML.
  const lastSegment = relativePath.split('/').pop() ?? '';
  if (lastSegment.includes('.') && relativePath !== 'index.html') return { kind: 'pass' };
  return { kind: 'app' };
}

/** The console's pages: its own scripts and styles (Ant Design writes <style> elements), the API on the same origin. */
export const CONSOLE_CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; manifest-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
