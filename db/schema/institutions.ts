import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from './identity';

/**
 * The list of approved institutions the platform admin keeps (seed 000 §2.4 iii). An applicant
 * picks from it, or asks for an entry to be added (`requested`, until the admin lists it).
 */
export const institutionRegistry = pgTable(
  'institution_registry',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** Issuer code the organisation will get, e.g. `in.sanad.demoskills`. */
    code: text('code').notNull(),
    kind: text('kind', {
      enum: ['university', 'board', 'skill_council', 'training_provider', 'institute'],
    }).notNull(),
    city: text('city'),
    state: text('state'),
    status: text('status', { enum: ['listed', 'requested', 'declined'] })
      .notNull()
      .default('listed'),
    requestedBy: uuid('requested_by').references(() => users.id),
    note: text('note'),
    /** The organisation registered for this entry, once an application is submitted. */
    orgId: uuid('org_id').references(() => organisations.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('institution_registry_code_uq').on(t.code)],
);

export type ContactPerson = { name: string; designation: string; mobile: string; email: string };

/** A registration application (seed 000 §2.4 iii–vii); a platform admin activates or rejects it. */
export const institutionApplications = pgTable(
  'institution_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    registryId: uuid('registry_id')
      .notNull()
      .references(() => institutionRegistry.id),
    /** The organisation created (pending) with the application. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    applicantUserId: uuid('applicant_user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    address: text('address').notNull(),
    website: text('website'),
    owner: jsonb('owner').$type<ContactPerson>().notNull(),
    authorized: jsonb('authorized').$type<ContactPerson>().notNull(),
    agreementVersion: text('agreement_version').notNull(),
    agreementAcceptedAt: timestamp('agreement_accepted_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] })
      .notNull()
      .default('pending'),
    decisionReason: text('decision_reason'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One open application per listed institution.
    uniqueIndex('institution_applications_pending_uq')
      .on(t.registryId)
      .where(sql`${t.status} = 'pending'`),
    index('institution_applications_org_idx').on(t.orgId),
  ],
);

/** Profile of an institution organisation: what the wizard collected and upload defaults. */
export const institutionProfiles = pgTable('institution_profiles', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organisations.id),
  registryId: uuid('registry_id').references(() => institutionRegistry.id),
  address: text('address'),
  website: text('website'),
  /** DigiLocker DocType used when a row has no DOC_TYPE (spec/records-csv.md). */
  defaultDocType: text('default_doc_type').notNull().default('SKCER'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
