import type { NextFunction, Request, Response } from 'express';
import { FieldProblem, RequestValidationError } from './problem-details';
import { forbiddenCharacterIn, isSingleLineProperty } from './input-characters';

/**
 * How deep arrays and objects may nest in a request body. No form of the platform nests beyond a
 * handful of levels; the limit is checked on the raw text, before anything walks the body, so a
 * body 20,000 levels deep is a 400 naming the limit instead of a stack overflow in whatever walks it.
 */
export const MAX_BODY_DEPTH = 32;

/** Keys that reach an object's prototype: refused like any property a form does not accept. */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** The deepest nesting of the JSON text, stopping as soon as it exceeds `max`; linear, never recursive. */
export function nestingDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > max) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return false;
}

function childField(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  const name = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
  return parent ? `${parent}.${name}` : name;
}

/**
 * What the edge refuses in a parsed body (depth already bounded): prototype keys, and characters
 * no text of the platform carries (U+0000 above all, which PostgreSQL cannot store).
 */
export function bodyProblems(value: unknown, field = '', singleLine = false): FieldProblem[] {
  if (typeof value === 'string') {
    const found = forbiddenCharacterIn(value, { singleLine });
    return found ? [{ field: field || 'body', rule: 'noControlCharacters', message: `${field || 'body'} must not contain ${found}` }] : [];
  }
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((item, index) => bodyProblems(item, childField(field, index), singleLine));
  return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => {
    const path = childField(field, key);
    if (PROTOTYPE_KEYS.has(key)) return [{ field: path, rule: 'unknown-property', message: `${path} is not an accepted property` }];
    const inKey = forbiddenCharacterIn(key, { singleLine: true });
    if (inKey) return [{ field: path, rule: 'noControlCharacters', message: `a property name must not contain ${inKey}` }];
    return bodyProblems(item, path, isSingleLineProperty(key));
  });
}

/** Parses a JSON body as the platform accepts it; throws a SyntaxError or a RequestValidationError. */
export function parseJsonBody(text: string): unknown {
  // Like body-parser's strict mode: an empty body is an empty object, anything else an object or array.
  if (text.trim() === '') return {};
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') throw new SyntaxError('JSON body must be an object or an array');
  if (nestingDepthExceeds(text, MAX_BODY_DEPTH)) {
    throw new RequestValidationError([
      { field: 'body', rule: 'maxDepth', message: `body nests arrays and objects more than ${MAX_BODY_DEPTH} levels deep (the limit is ${MAX_BODY_DEPTH})` },
    ]);
  }
  const value: unknown = JSON.parse(text);
  const problems = bodyProblems(value);
  if (problems.length > 0) throw new RequestValidationError(problems);
  return value;
}

/**
 * Runs after the text body parser (which reads `application/json` within HTTP_BODY_LIMIT): turns
 * the text into the body, or refuses it as a 400 problem before any route, pipe or proxy sees it.
 */
export function jsonBodyMiddleware() {
  return (request: Request, _response: Response, next: NextFunction): void => {
    if (typeof request.body !== 'string') return next();
    try {
      request.body = parseJsonBody(request.body);
      next();
    } catch (error) {
      request.body = undefined;
      // Malformed JSON is answered as the JSON body parser's own refusal was: 400 "not valid JSON".
      next(error instanceof SyntaxError ? Object.assign(error, { status: 400, type: 'entity.parse.failed' }) : error);
    }
  };
}
