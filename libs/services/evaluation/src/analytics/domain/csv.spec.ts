import { UTF8_BOM, csvCell, toCsv } from './csv';

describe('CSV exports', () => {
  it('starts with a byte-order mark and ends every line with CRLF, so spreadsheets read Chinese names', () => {
    const csv = toCsv(['vendor', 'score'], [['北京城市物业服务有限公司', 91.5]]);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv.slice(1)).toBe('vendor,score\r\n北京城市物业服务有限公司,91.5\r\n');
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('quotes fields holding commas, quotes or line breaks, doubling the quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
  });

  it('keeps a text cell from running as a spreadsheet formula', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-5)).toBe('-5');
  });

  it('writes an absent value as an empty cell, never as "null"', () => {
    expect(toCsv(['a', 'b'], [[null, undefined]]).slice(1)).toBe('a,b\r\n,\r\n');
  });
});
