// The dataset the app is built from (data/*.csv), read the way a test compares
// the page with it, and the CSV parser the downloads are checked with.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
export const DATA = resolve(process.env.DATA_DIR || join(HERE, '..', '..', 'data'));

/**
 * RFC 4180: quoted fields may hold commas, CRLF/LF and doubled quotes. Throws on
 * an open quote. A leading byte-order mark is kept (as part of the first field).
 * @returns {string[][]}
 */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (quoted) throw new Error('CSV ends inside a quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  // A blank line is not a record.
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** data/<name> (without a leading byte-order mark) as an array of objects keyed by the header row. */
export function readCsv(name) {
  let text = readFileSync(join(DATA, name), 'utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const [header, ...records] = parseCsv(text);
  return records.map((record, i) => {
    assert.equal(record.length, header.length, `${name} row ${i + 2}: ${record.length} fields`);
    return Object.fromEntries(header.map((key, j) => [key, record[j]]));
  });
}
