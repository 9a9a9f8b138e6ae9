import type { CompiledScan } from "../../dsl/model.ts";
import type { Queryable } from "../db/connect.ts";

export interface ScanVersionRow {
  id: number;
  scan_id: string;
  version: number;
  checksum: string;
  created_at: Date;
}

export interface ScanWithVersions {
  id: string;
  title: string;
  created_at: Date;
  versions: {
    id: number;
    version: number;
    checksum: string;
    created_at: string;
    /** Who answers, as stored (read it through answeredBy() in server/privacy). */
    respondent: string | null;
    answered_by: "individual" | "team" | null;
  }[];
}

export async function upsertScan(
  sql: Queryable, scan: { id: string; title: string }): Promise<void> {
  await sql`
    insert into scans (id, title)
    values (${scan.id}, ${scan.title})
    on conflict (id) do update set title = excluded.title
  `;
}

export async function findVersionByChecksum(
  sql: Queryable,
  scanId: string,
  checksum: string,
): Promise<ScanVersionRow | undefined> {
  const [row] = await sql<ScanVersionRow[]>`
    select id, scan_id, version, checksum, created_at
    from scan_versions
    where scan_id = ${scanId} and checksum = ${checksum}
  `;
  return row;
}

/** Inserts the next version number of a scan; run inside a transaction holding the scan lock. */
export async function insertNextVersion(
  sql: Queryable,
  version: { scanId: string; checksum: string; source: string; compiled: CompiledScan },
): Promise<ScanVersionRow> {
  const [row] = await sql<ScanVersionRow[]>`
    insert into scan_versions (scan_id, version, checksum, source, compiled)
    select
      ${version.scanId},
      coalesce(max(version), 0) + 1,
      ${version.checksum},
      ${version.source},
      ${sql.json(version.compiled as never)}
    from scan_versions
    where scan_id = ${version.scanId}
    returning id, scan_id, version, checksum, created_at
  `;
  return row!;
}

export async function lockScan(
  sql: Queryable, scanId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`peilstok:scan:${scanId}`}))`;
}

export async function latestVersion(
  sql: Queryable, scanId: string): Promise<ScanVersionRow | undefined> {
  const [row] = await sql<ScanVersionRow[]>`
    select id, scan_id, version, checksum, created_at
    from scan_versions
    where scan_id = ${scanId}
    order by version desc
    limit 1
  `;
  return row;
}

export async function findVersion(
  sql: Queryable,
  scanId: string,
  version: number,
): Promise<(ScanVersionRow & { compiled: CompiledScan }) | undefined> {
  const [row] = await sql<(ScanVersionRow & { compiled: CompiledScan })[]>`
    select id, scan_id, version, checksum, created_at, compiled
    from scan_versions
    where scan_id = ${scanId} and version = ${version}
  `;
  return row;
}

export async function getCompiled(
  sql: Queryable, versionId: number): Promise<CompiledScan | undefined> {
  const [row] = await sql<{ compiled: CompiledScan }[]>`
    select compiled
    from scan_versions
    where id = ${versionId}
  `;
  return row?.compiled;
}

export async function listScans(sql: Queryable): Promise<ScanWithVersions[]> {
  return sql<ScanWithVersions[]>`
    select
      s.id,
      s.title,
      s.created_at,
      coalesce(
        json_agg(
          json_build_object(
            'id', v.id,
            'version', v.version,
            'checksum', v.checksum,
            'created_at', v.created_at,
            'respondent', v.compiled -> 'model' ->> 'respondent',
            'answered_by', v.compiled -> 'model' ->> 'answeredBy'
          )
          order by v.version
        ) filter (where v.id is not null),
        '[]'
      ) as versions
    from scans s
    left join scan_versions v on v.scan_id = s.id
    group by s.id
    order by s.id
  `;
}

export interface VersionHistoryRow extends ScanVersionRow {
  compiled: CompiledScan;
  rounds: number;
}

/** Every version of a scan, oldest first, with how many rounds use it. */
export async function listVersions(sql: Queryable, scanId: string): Promise<VersionHistoryRow[]> {
  return sql<VersionHistoryRow[]>`
    select
      v.id, v.scan_id, v.version, v.checksum, v.created_at, v.compiled,
      (select count(*)::int from rounds r where r.scan_version_id = v.id) as rounds
    from scan_versions v
    where v.scan_id = ${scanId}
    order by v.version
  `;
}

export async function findVersionSource(
  sql: Queryable,
  scanId: string,
  version: number,
): Promise<string | undefined> {
  const [row] = await sql<{ source: string }[]>`
    select source
    from scan_versions
    where scan_id = ${scanId} and version = ${version}
  `;
  return row?.source;
}
