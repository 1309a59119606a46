import "server-only";
import { accountsApi } from "./accounts";
import { type PartnershipsClientConfig, resolveConfig } from "./config";
import { controlsApi } from "./controls";
import { pagesApi } from "./pages";
import { payoutApi } from "./payout";
import { privacyApi } from "./privacy";
import { statusApi } from "./status";
import { Transport } from "./transport";
import type { PartnershipsClient } from "./types";

/**
 * The one client of the upstream Partnerships API (real or sandbox). The returned
 * object holds only functions and the parent account id: the credentials and the
 * token live in closures, out of reach of a stray JSON.stringify or log.
 */
export function createPartnershipsClient(config: PartnershipsClientConfig): PartnershipsClient {
  const transport = new Transport(resolveConfig(config));
  return {
    parentAccountId: config.parentAccountId,
    ...accountsApi(transport),
    ...controlsApi(transport),
    ...statusApi(transport),
    ...pagesApi(transport),
    ...payoutApi(transport),
    ...privacyApi(transport),
    tokenInfo: () => transport.tokens.info(),
    ping: async () => {
      try {
        await transport.tokens.get();
        return true;
      } catch {
        return false;
      }
    },
  };
}
