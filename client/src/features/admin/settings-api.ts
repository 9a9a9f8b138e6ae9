import type { Settings, StoredSettings } from "../../../../server/settings/service.ts";
import { adminRequest } from "../../lib/admin-http.ts";

export type { Settings, StoredSettings };

export const fetchSettings = () => adminRequest<StoredSettings>("GET", "/api/admin/settings");

/** Sends only what changed; the answer is every setting as now stored. */
export const saveSettings = (patch: Partial<Settings>) => adminRequest<StoredSettings>("PATCH", "/api/admin/settings", patch);
