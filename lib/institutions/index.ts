// Institution onboarding (issue "Institution repository", item 1; seed 000 §2.4): the registry
// of approved institutions, registration applications and their decision, and the people of an
// institution. Forms import `./schemas` and `./agreement` directly (no database there).
export { requireActiveInstitution } from './active';
export { AGREEMENT_VERSION } from './agreement';
export type { ActorContext } from './context';
export {
  approveApplication,
  countPendingApplications,
  listApplications,
  listOwnApplications,
  rejectApplication,
  submitApplication,
  type AdminApplication,
  type OwnApplication,
} from './applications';
export { addAuthorizedPerson, listOrgPeople, removeOrgPerson, type OrgPerson } from './people';
export {
  addRegistryEntry,
  declineRegistryEntry,
  listOwnRegistryRequests,
  listRegistry,
  listRequestedEntry,
  requestRegistryEntry,
  searchListedEntries,
  type AdminRegistryEntry,
  type ListedEntry,
} from './registry';
