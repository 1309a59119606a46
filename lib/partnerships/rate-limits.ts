/**
 * The API's documented per-minute limits (SPEC §6), per partner and route: the
 * sandbox enforces them and the console's shared upstream limiter paces to them.
 * Every read route has its own bucket of READ_LIMIT.
 */
export const WRITE_LIMITS = {
  register: 10,
  payoutSetup: 10,
  networkPrivacy: 10,
  dataDeletion: 10,
  addPages: 30,
  switchPage: 30,
  patchLayout: 60,
  putControls: 60,
  putStatus: 60,
} as const;

export const READ_LIMIT = 600;
export const OPERATIONS_LIMIT = 600;
