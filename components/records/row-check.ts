import { prepareRowContext, validateRow, type RowContext } from '@/lib/records/validate-row';
import type { RowCheck } from './csv-preview';

/**
 * The preview's per-row check is the server's own (lib/records/validate-row.ts), so what the
 * browser calls an obvious error is what the server will reject. The institution's default
 * document type only fills an empty DOC_TYPE and never causes an error, so none is needed here.
 */
export function serverRowCheck(): RowCheck {
  let ctx: RowContext | null = null;
  return (cells, header) => {
    if (ctx?.header !== header) ctx = prepareRowContext(header, '');
    const { certNo, errors } = validateRow(cells, ctx);
    return { certNo, errors };
  };
}
