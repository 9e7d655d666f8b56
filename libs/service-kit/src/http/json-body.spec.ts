import { RequestValidationError } from './problem-details';
import { MAX_BODY_DEPTH, nestingDepthExceeds, parseJsonBody } from './json-body';

function refusal(text: string): RequestValidationError {
  try {
    parseJsonBody(text);
  } catch (error) {
    if (error instanceof RequestValidationError) return error;
    throw error;
  }
  throw new Error(`accepted ${text.slice(0, 60)}`);
}

describe('the JSON body the edge accepts', () => {
  it('parses an ordinary form, and an empty body as an empty object', () => {
    expect(parseJsonBody('{"title":"漏水","location":{"building":"A 栋","room":"301"},"tags":["水","电"]}')).toEqual({
      title: '漏水',
      location: { building: 'A 栋', room: '301' },
      tags: ['水', '电'],
    });
    expect(parseJsonBody('  ')).toEqual({});
  });

  it(`accepts nesting up to ${MAX_BODY_DEPTH} levels and refuses one more, naming the limit`, () => {
    const nested = (levels: number) => '{"a":'.repeat(levels - 1) + '[1]' + '}'.repeat(levels - 1);
    expect(() => parseJsonBody(nested(MAX_BODY_DEPTH))).not.toThrow();
    const error = refusal(nested(MAX_BODY_DEPTH + 1));
    expect(error.errors).toEqual([{ field: 'body', rule: 'maxDepth', message: expect.stringContaining(`(the limit is ${MAX_BODY_DEPTH})`) }]);
  });

  it('refuses an array nested 20,000 deep and an object nested 5,000 deep without walking them', () => {
    expect(refusal('['.repeat(20_000) + ']'.repeat(20_000)).errors[0]).toMatchObject({ field: 'body', rule: 'maxDepth' });
    expect(refusal('{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000)).errors[0]).toMatchObject({ field: 'body', rule: 'maxDepth' });
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ note: '[[[[{{{{'.repeat(100), quoted: 'say \\"[[[[\\" ' + '['.repeat(100) });
    expect(nestingDepthExceeds(text, 2)).toBe(false);
    expect(() => parseJsonBody(text)).not.toThrow();
  });

  it('refuses U+0000 in any string, naming the field by its path', () => {
    expect(refusal(JSON.stringify({ location: { building: 'A\u0000' } })).errors).toEqual([
      { field: 'location.building', rule: 'noControlCharacters', message: 'location.building must not contain the control character U+0000' },
    ]);
    expect(refusal(JSON.stringify({ lines: [{ note: 'ok' }, { note: '\u0000' }] })).errors[0]!.field).toBe('lines[1].note');
  });

  it('refuses a lone surrogate (PostgreSQL refuses it in jsonb) but keeps a paired one, an emoji', () => {
    expect(refusal('{"description":"\\ud800"}').errors).toEqual([
      { field: 'description', rule: 'noControlCharacters', message: 'description must not contain the unpaired surrogate U+D800' },
    ]);
    expect(refusal('{"description":"x\\udc00y"}').errors[0]!.field).toBe('description');
    expect(refusal('{"lines":[{"note":"\\udbff"}]}').errors[0]!.field).toBe('lines[0].note');
    expect(parseJsonBody('{"description":"\\ud83d\\udd27 修好了"}')).toEqual({ description: '🔧 修好了' });
  });

  it('keeps tab, line feed and carriage return in free text, but not in names and codes', () => {
    expect(parseJsonBody(JSON.stringify({ description: '第一行\n第二行\r\n\t缩进' }))).toEqual({ description: '第一行\n第二行\r\n\t缩进' });
    for (const field of ['name', 'code', 'username', 'vendorName', 'assetCode']) {
      expect(refusal(JSON.stringify({ [field]: 'A\nB' })).errors[0]).toMatchObject({ field, rule: 'noControlCharacters' });
    }
  });

  it('refuses the other control characters and DEL in free text', () => {
    for (const character of ['\u0001', '\u0007', '\u001b', '\u001f', '\u007f']) {
      expect(refusal(JSON.stringify({ description: `x${character}` })).errors[0]).toMatchObject({ field: 'description', rule: 'noControlCharacters' });
    }
  });

  it('refuses prototype keys at any depth as properties the form does not accept', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      expect(refusal(`{"title":"x","location":{"${key}":{"polluted":true}}}`).errors).toEqual([
        { field: `location.${key}`, rule: 'unknown-property', message: `location.${key} is not an accepted property` },
      ]);
    }
  });

  it('leaves malformed JSON and top-level scalars to the syntax error', () => {
    expect(() => parseJsonBody('{"a":')).toThrow(SyntaxError);
    expect(() => parseJsonBody('"text"')).toThrow(SyntaxError);
  });
});
