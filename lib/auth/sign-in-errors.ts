/** Refusals at sign-in that the form explains by name (next-auth passes the key on). */
export const SIGN_IN_ERRORS = ['tryTomorrow', 'rateLimited', 'blocked', 'busy'] as const;
