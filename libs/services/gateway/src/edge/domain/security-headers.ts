/** Paths that serve the Swagger UI page and its assets (scripts, styles, icons of its own). */
function isDocumentationPage(path: string): boolean {
  return path === '/docs' || path.startsWith('/docs/');
}

/** Nothing may be loaded, framed or executed from an API answer. */
const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Swagger UI loads its own scripts and stylesheet, uses an inline <style> block and data: images,
 * and fetches /openapi.json; nothing from elsewhere.
 */
const DOCS_CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const COMMON: ReadonlyArray<[string, string]> = [
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
  ['Cross-Origin-Resource-Policy', 'same-site'],
];

/** The security headers of a gateway response to `path` (without the query string). */
export function securityHeaders(path: string): Array<[string, string]> {
  return [...COMMON, ['Content-Security-Policy', isDocumentationPage(path) ? DOCS_CONTENT_SECURITY_POLICY : API_CONTENT_SECURITY_POLICY]];
}
