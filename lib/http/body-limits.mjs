// Request body limits shared by the Node server in front of Next.js (scripts/serve.mjs) and
// next.config.mjs, so that an oversized body gets 413 before Next.js reads it.

/** Any request body, a server action's included, except the award CSV upload. */
export const BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/** Routes that take larger bodies and cap them themselves, while streaming. */
export const LARGE_BODY_PATHS = [
  '/api/institution/uploads',
  '/api/locker/files',
  '/api/esign/verify',
];

/**
 * Why a request's body is refused before it is read, as [status, message], or null. Only what
 * the headers say: a body sent without a length is capped by whoever reads it.
 */
export function bodyRefusal(method, path, headers) {
  if (method === 'GET' || method === 'HEAD' || LARGE_BODY_PATHS.includes(path)) return null;
  const declared = Number(headers['content-length']);
  if (Number.isFinite(declared) && declared > BODY_LIMIT_BYTES)
    return [413, `The request is larger than ${BODY_LIMIT_BYTES / 1024 / 1024} MB`];
  // Browsers always send a server action with its length; without one it could not be capped.
  if (headers['next-action'] && headers['content-length'] === undefined)
    return [411, 'A length is required'];
  return null;
}
