import 'server-only';
import { aadhaarVaultEntry, type VaultEntry } from '@/lib/vault/aadhaar-entry';
import { CopyLines } from './copy-rows';
import type { CsvBatch } from './read-csv';
import { validateRow, type RowContext } from './validate-row';

// The checks of one batch of rows, as either thread of a validation runs them (see
// validate-upload.ts): each row's result as COPY text, what the checks across rows need, and the
// vault entries of the Aadhaar numbers seen.

/** What the checks across rows need of a row. */
export type Light = { rowNo: number; op: 'ADD' | 'UPDATE' | 'DELETE'; certNo: string; ok: boolean };

export type BatchResult = {
  /** The rows as COPY text, in pieces (`CopyLines`). */
  pieces: string[];
  light: Light[];
  /** Vault entries for Aadhaar numbers not seen before in this thread. */
  vault: VaultEntry[];
};

/** An accepted row's change before the checks across rows: what its operation asks for. */
export function provisionalChange(op: Light['op']): 'new' | 'changed' | 'deleted' {
  return op === 'ADD' ? 'new' : op === 'DELETE' ? 'deleted' : 'changed';
}

/**
 * Checks a batch of rows. `vaultIds` (Aadhaar number → vault id) lasts for the validation, so a
 * number that recurs is sealed once per thread.
 */
export function validateBatch(
  batch: CsvBatch,
  ctx: RowContext,
  uploadId: string,
  vaultIds: Map<string, string>,
): BatchResult {
  const lines = new CopyLines();
  const light: Light[] = new Array(batch.length);
  const vault: VaultEntry[] = [];
  for (let i = 0; i < batch.length; i++) {
    const { rowNo, cells } = batch[i]!;
    const v = validateRow(cells, ctx);
    let vaultId: string | null = null;
    if (v.aadhaar) {
      vaultId = vaultIds.get(v.aadhaar) ?? null;
      if (!vaultId) {
        const entry = aadhaarVaultEntry(v.aadhaar);
        vault.push(entry);
        vaultIds.set(v.aadhaar, (vaultId = entry.id));
      }
    }
    const ok = v.errors.length === 0;
    light[i] = { rowNo, op: v.operation, certNo: v.certNo, ok };
    lines.add({
      uploadId,
      rowNo,
      operation: v.operation,
      certNo: v.certNo,
      recipientName: v.fields.CNAME ?? null,
      outcome: ok ? 'accepted' : 'rejected',
      errors: v.errors,
      fields: v.fields,
      aadhaarVaultId: vaultId,
      // Provisional; the checks across rows correct the rows they concern.
      change: ok ? provisionalChange(v.operation) : null,
    });
  }
  return { pieces: lines.done(), light, vault };
}
