import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { copyField, endWithin, recordRowLine, type RowToStore } from './copy-rows';

/** COPY text format, written field by field: what PostgreSQL reads back as the values. */
function plainLine(r: RowToStore): string {
  return `${[
    r.uploadId,
    r.rowNo,
    r.operation,
    r.certNo,
    r.recipientName,
    r.outcome,
    JSON.stringify(r.errors),
    JSON.stringify(r.fields),
    r.aadhaarVaultId,
    r.change,
  ]
    .map(copyField)
    .join('\t')}\n`;
}

describe('recordRowLine', () => {
  const base: RowToStore = {
    uploadId: '7e7c225a-6a1f-46e2-9f99-80885299a76e',
    rowNo: 12,
    operation: 'ADD',
    certNo: 'C/1',
    recipientName: 'सुरेश दास',
    outcome: 'accepted',
    errors: [],
    fields: { CERT_NO: 'C/1', CNAME: 'सुरेश दास' },
    aadhaarVaultId: null,
    change: 'new',
  };

  it('escapes what COPY needs escaped, in every column that can hold it', () => {
    const rows: RowToStore[] = [
      base,
      {
        ...base,
        certNo: 'a\\b\tc',
        recipientName: 'line\nbreak\r',
        outcome: 'rejected',
        errors: [{ column: 'CNAME', value: 'x\\y\t"z"', code: 'controlChars' }],
        fields: { CNAME: 'line\nbreak\r', NOTE: 'C:\\path\\to', Q: '"quoted"' },
        aadhaarVaultId: '10e4a16f-6694-45a9-ab76-34034fcb5694',
        change: null,
      },
      { ...base, recipientName: null, certNo: '' },
    ];
    for (const r of rows) expect(recordRowLine(r)).toBe(plainLine(r));
    expect(recordRowLine(rows[1]!)).toContain('"NOTE":"C:\\\\\\\\path\\\\\\\\to"');
  });
});

describe('endWithin', () => {
  /** A COPY stream whose end the server confirms after `confirmMs`, or never. */
  function copyStream(confirmMs: number | null) {
    return new Writable({
      write(_chunk, _encoding, callback) {
        callback();
      },
      final(callback) {
        if (confirmMs !== null) setTimeout(callback, confirmMs);
      },
    });
  }

  it('resolves when the server confirms the rows', async () => {
    await expect(endWithin(copyStream(5), 1000)).resolves.toBeUndefined();
  });

  it('gives up on a COPY that is never confirmed', async () => {
    await expect(endWithin(copyStream(null), 50)).rejects.toThrow(
      'The database did not confirm the stored rows within 0.05 s',
    );
  });

  it('passes on an error of the stream', async () => {
    const stream = copyStream(null);
    const ended = endWithin(stream, 1000);
    stream.destroy(new Error('connection lost'));
    await expect(ended).rejects.toThrow('connection lost');
  });
});
