/**
 * The characters the edge refuses in request input, by one rule for every route:
 * - U+0000 anywhere (PostgreSQL cannot store it in text), and the other C0 controls and U+007F
 *   that no text of the platform carries;
 * - a lone UTF-16 surrogate (a \ud800 escape without its pair), which is no character at all and
 *   which PostgreSQL refuses in jsonb;
 * - tab, line feed and carriage return only where text is free (descriptions, notes, reasons):
 *   path parameters, query parameters, property names, and names and codes (`name`, `code`,
 *   `username`, `…Name`, `…Code`) are single-line.
 */

// eslint-disable-next-line no-control-regex
const NEVER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const NOT_ON_ONE_LINE = /[\u0000-\u001f\u007f]/;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Properties whose text is a name or a code: one line, no control characters at all. */
export function isSingleLineProperty(key: string): boolean {
  return /^(name|code|username)$|[a-z](Name|Code)$/.test(key);
}

/** The first refused character of `value`, described for a problem message (`U+0000`), or undefined. */
export function forbiddenCharacterIn(value: string, options: { singleLine: boolean }): string | undefined {
  const lone = LONE_SURROGATE.exec(value);
  if (lone) return `the unpaired surrogate U+${lone[0].charCodeAt(0).toString(16).toUpperCase()}`;
  const match = (options.singleLine ? NOT_ON_ONE_LINE : NEVER).exec(value);
  if (!match) return undefined;
  return `the control character U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}
