import { json } from "../http/api-responses";
import { reportStoreError } from "./store-errors";
import { StoreUnavailableError } from "./view-store";

/** 503 for a store outage (logged at most once per interval); anything else is a bug and is rethrown. */
export function storeDown(error: unknown) {
  if (!(error instanceof StoreUnavailableError)) throw error;
  reportStoreError(error);
  return json({ error: "view counts are unavailable right now" }, 503, { "Retry-After": "30" });
}
