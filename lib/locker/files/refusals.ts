import { AppError, type ErrorKey } from '@/lib/errors';

// Why an upload is refused: a code the page shows in the reader's language
// (`lockerFiles.refused.<code>`), and the same reason in plain English for API callers.

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const LOCKER_QUOTA_BYTES = 1024 * 1024 * 1024;

const REFUSALS = {
  empty: [400, 'invalid', 'The file is empty.'],
  notAllowedType: [
    400,
    'invalid',
    'Only PDF, JPG, PNG, BMP and GIF files can be uploaded, and this file is none of these.',
  ],
  tooLarge: [413, 'tooLarge', 'The file is larger than 10 MB.'],
  quotaFull: [
    409,
    'conflict',
    'Your locker holds up to 1 GB and this file does not fit. Delete some files first.',
  ],
  pdfScript: [
    400,
    'invalid',
    'This PDF contains JavaScript, a program that could run when it is opened, so it cannot be kept.',
  ],
  pdfLaunch: [
    400,
    'invalid',
    'This PDF tries to start another program when it is opened, so it cannot be kept.',
  ],
  pdfEmbeddedFile: [
    400,
    'invalid',
    'This PDF has other files hidden inside it, so it cannot be kept.',
  ],
  pdfRichMedia: [
    400,
    'invalid',
    'This PDF contains Flash or other media that runs by itself, so it cannot be kept.',
  ],
  pdfXfa: [
    400,
    'invalid',
    'This PDF is an XFA form, which can run programs, so it cannot be kept. Print it to a new PDF and upload that.',
  ],
  pdfEncrypted: [
    400,
    'invalid',
    'This PDF is password-protected, so it cannot be checked. Remove the password and upload it again.',
  ],
  pdfUnreadable: [
    400,
    'invalid',
    'Parts of this PDF cannot be read to check them, so it cannot be kept. Print it to a new PDF and upload that.',
  ],
  imageTooLarge: [
    400,
    'invalid',
    'This picture is too large (more than 40 megapixels). Make it smaller and upload it again.',
  ],
  imageUnreadable: [400, 'invalid', 'This picture is damaged or incomplete.'],
  infected: [400, 'invalid', 'The virus check found malware in this file, so it was not kept.'],
  scanUnavailable: [
    503,
    'busy',
    'The virus check is not available right now, so the file was not kept. Please try again later.',
  ],
} as const satisfies Record<string, readonly [number, ErrorKey, string]>;

export type UploadRefusal = keyof typeof REFUSALS;
export const UPLOAD_REFUSALS = Object.keys(REFUSALS) as UploadRefusal[];

/** A refused upload; `fieldErrors.file` carries the code. */
export class UploadRefusedError extends AppError {
  constructor(readonly reason: UploadRefusal) {
    const [status, key, message] = REFUSALS[reason];
    super(key, message, status, { file: reason });
  }
}
