/** The sandbox's two partner platforms (SPEC.md §8). The console's client imports these in sandbox mode. */
export const DEMO_CLIENT_ID = "rspub_demo";
export const DEMO_CLIENT_SECRET = "rsec_demo";
export const DEMO_PARENT_ACCOUNT_ID = "1000000000000001";
export const DEMO_PLATFORM_NAME = "Demo Platform";

export const OTHER_CLIENT_ID = "rspub_other";
export const OTHER_CLIENT_SECRET = "rsec_other";
export const OTHER_PARENT_ACCOUNT_ID = "1000000000000002";
export const OTHER_PLATFORM_NAME = "Other Platform";
export const OTHER_PLATFORM_MERCHANTS = 3;

export interface Platform {
  name: string;
  clientId: string;
  clientSecret: string;
  parentAccountId: string;
}

export const PLATFORMS: readonly Platform[] = [
  {
    name: DEMO_PLATFORM_NAME,
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
    parentAccountId: DEMO_PARENT_ACCOUNT_ID,
  },
  {
    name: OTHER_PLATFORM_NAME,
    clientId: OTHER_CLIENT_ID,
    clientSecret: OTHER_CLIENT_SECRET,
    parentAccountId: OTHER_PARENT_ACCOUNT_ID,
  },
];
