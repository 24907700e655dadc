'use server';

import { checkUploadedXml, type UploadCheck } from '@/lib/credentials/public-verification';
import { InvalidError } from '@/lib/errors';
import { runAction, type ActionResult } from '@/lib/http/action';
import { MAX_XML_BYTES } from '@/lib/credentials/xml/verify-xml-signature';

/** "Verify a document": anyone uploads a certificate XML. */
export async function verifyXmlUploadAction(form: FormData): Promise<ActionResult<UploadCheck>> {
  return runAction('verify.upload', async () => {
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0)
      throw new InvalidError('Choose an XML file', { file: 'uploadNoFile' });
    if (file.size > MAX_XML_BYTES)
      throw new InvalidError('The file is too large', { file: 'uploadTooLarge' });
    return checkUploadedXml(Buffer.from(await file.arrayBuffer()));
  });
}
