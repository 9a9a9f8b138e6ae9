// Personal links are sealed with AES-256-GCM so reminders can carry the same link weeks later,
// while the database still matches a visiting token only by its SHA-256 (ARCHITECTURE.md).
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import type { Queryable } from "../db/connect.ts";

export interface LinkSealer {
  seal(token: string): string;
  open(sealed: string): string;
}

export function sealerFromKey(key: Buffer): LinkSealer {
  if (key.length !== 32) throw new Error("a link key is 32 bytes");
  return {
    seal(token) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
      return [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url")).join(".");
    },
    open(sealed) {
      const [iv, tag, body] = sealed.split(".").map((p) => Buffer.from(p, "base64url"));
      if (!iv || !tag || !body) throw new Error("malformed sealed link");
      const decipher = createDecipheriv("aes-256-gcm", key, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
    },
  };
}

/**
 * The key from LINK_KEY when set; otherwise one the app generates once and keeps in the
 * database (then a database dump alone reveals the links, so production sets LINK_KEY).
 */
export async function loadSealer(sql: Queryable, configured: string | undefined): Promise<LinkSealer> {
  if (configured) return sealerFromKey(createHash("sha256").update(configured).digest());
  const fresh = randomBytes(32).toString("base64url");
  await sql`
    insert into app_secrets (name, value)
    values ('link-key', ${fresh})
    on conflict (name) do nothing
  `;
  const [row] = await sql<{ value: string }[]>`select value from app_secrets where name = 'link-key'`;
  return sealerFromKey(Buffer.from(row!.value, "base64url"));
}

export async function storeLinks(
  sql: Queryable,
  sealer: LinkSealer,
  links: { respondentId: string; token: string }[],
): Promise<void> {
  for (let i = 0; i < links.length; i += 1000) {
    const rows = links.slice(i, i + 1000).map((l) => ({ respondent_id: l.respondentId, sealed: sealer.seal(l.token) }));
    await sql`
      insert into respondent_links ${sql(rows, "respondent_id", "sealed")}
      on conflict (respondent_id) do update set sealed = excluded.sealed
    `;
  }
}

/**
 * Deletes the sealed links of every round that has closed: no invitation or reminder goes out
 * for a closed round, and in an anonymous round a sealed link is the one thing that could tie a
 * respondent to their response (`sha256("response:" + token)`). Rows another transaction holds
 * are skipped, not waited for; the next pass takes them. Returns how many were deleted.
 */
export async function deleteClosedRoundLinks(sql: Queryable, now: Date): Promise<number> {
  const deleted = await sql`
    delete from respondent_links
    where respondent_id in (
      select l.respondent_id
      from respondent_links l
      join respondents p on p.id = l.respondent_id
      join rounds r on r.id = p.round_id
      where r.closes_at <= ${now}
      for update of l skip locked
    )
  `;
  return deleted.count;
}
