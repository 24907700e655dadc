import { z } from 'zod';
import { normaliseEmail, normaliseMobile } from '@/lib/identity/identifiers';
import { zVisibleText } from '@/lib/text/visible';

// Shared by the forms (zodResolver) and the server actions (parseInput). Messages are keys under
// `onboardingErrors.*`. Mobile numbers and emails are checked here and normalised by the domain.

export const REGISTRY_KINDS = [
  'university',
  'board',
  'skill_council',
  'training_provider',
  'institute',
] as const;
export type RegistryKind = (typeof REGISTRY_KINDS)[number];

// Names and other text people read: invisible characters removed (lib/text/visible.ts).
const text = (min: number, max: number, key: string) => zVisibleText(min, max, key);
const optionalText = (max: number, key: string) => zVisibleText(0, max, key);

export const ZMobile = z
  .string()
  .trim()
  .refine((v) => normaliseMobile(v) !== null, 'mobile');
export const ZEmail = z
  .string()
  .trim()
  .refine((v) => normaliseEmail(v) !== null, 'email');

/** An http(s) address, or nothing. */
export const ZWebsite = z.union([
  z.literal(''),
  z
    .string()
    .trim()
    .max(200, 'website')
    .pipe(z.url({ protocol: /^https?$/, hostname: z.regexes.domain, message: 'website' })),
]);

/** Issuer code, e.g. `in.sanad.demoskills`: lower-case words joined by dots. */
export const ZIssuerCode = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9]*(\.[a-z0-9]+){1,4}$/, 'code')
  .max(60, 'code');

export const ZContactPerson = z.object({
  name: text(2, 100, 'name'),
  designation: text(2, 100, 'designation'),
  mobile: ZMobile,
  email: ZEmail,
});
export type TContactPerson = z.infer<typeof ZContactPerson>;

export const ZRegisterInstitutionInput = z.object({
  registryId: z.uuid('registryId'),
  name: text(3, 200, 'institutionName'),
  address: text(10, 500, 'address'),
  website: ZWebsite,
  owner: ZContactPerson,
  authorized: ZContactPerson,
  /** The version the applicant was shown; refused if the agreement changed meanwhile. */
  agreementVersion: z.string().min(1, 'agreementChanged').max(20),
  acceptAgreement: z.literal(true, { message: 'acceptAgreement' }),
});
export type TRegisterInstitutionInput = z.infer<typeof ZRegisterInstitutionInput>;

/** An applicant asks for a missing institution to be listed (seed 000 §2.4 iii). */
export const ZRequestRegistryEntryInput = z.object({
  name: text(3, 200, 'institutionName'),
  kind: z.enum(REGISTRY_KINDS, { message: 'kind' }),
  city: text(2, 100, 'city'),
  state: text(2, 100, 'state'),
  note: optionalText(500, 'note'),
});
export type TRequestRegistryEntryInput = z.infer<typeof ZRequestRegistryEntryInput>;

export const ZRegistrySearchInput = z.object({ q: optionalText(100, 'search') });

/** Platform admin adds an approved institution to the list. */
export const ZAddRegistryEntryInput = z.object({
  name: text(3, 200, 'institutionName'),
  code: ZIssuerCode,
  kind: z.enum(REGISTRY_KINDS, { message: 'kind' }),
  city: optionalText(100, 'city'),
  state: optionalText(100, 'state'),
});
export type TAddRegistryEntryInput = z.infer<typeof ZAddRegistryEntryInput>;

/** Platform admin lists a requested entry, with the code it gets (and any corrections). */
export const ZListRequestedEntryInput = ZAddRegistryEntryInput.extend({ id: z.uuid() });
export type TListRequestedEntryInput = z.infer<typeof ZListRequestedEntryInput>;

export const ZDeclineRegistryEntryInput = z.object({
  id: z.uuid(),
  reason: text(5, 500, 'reason'),
});
export type TDeclineRegistryEntryInput = z.infer<typeof ZDeclineRegistryEntryInput>;

export const ZApproveApplicationInput = z.object({ applicationId: z.uuid() });

export const ZRejectApplicationInput = z.object({
  applicationId: z.uuid(),
  reason: text(5, 500, 'reason'),
});
export type TRejectApplicationInput = z.infer<typeof ZRejectApplicationInput>;

/** The owner adds a further authorized person to their own institution. */
export const ZAddAuthorizedPersonInput = ZContactPerson.extend({ orgId: z.uuid() });
export type TAddAuthorizedPersonInput = z.infer<typeof ZAddAuthorizedPersonInput>;

/** The owner removes a person from the institution the page showed. */
export const ZRemoveOrgPersonInput = z.object({ orgId: z.uuid(), userId: z.uuid() });
export type TRemoveOrgPersonInput = z.infer<typeof ZRemoveOrgPersonInput>;
