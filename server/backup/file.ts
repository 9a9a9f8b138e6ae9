// The backup file: gzip'd JSON lines. The first line is the manifest (`{"@manifest": …}`: the
// migrations, each table with its columns and row count, the sequences); then each table as
// `{"@table": name}` followed by one line per row (the row's `to_jsonb` text); the last line is
// `{"@end": { tables: [{ name, rows, checksum }] }}`, the checksums taken while reading, so a
// cut-off file is recognised. The same format for both databases.
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { createInterface } from "node:readline";
import { createGunzip, createGzip } from "node:zlib";
import type { Loader, Manifest, SnapshotSink, Sums } from "./transfer.ts";
import { TransferError } from "./transfer.ts";

/**
 * Writes to `<path>.partial` and renames it only when complete, so a failed backup never leaves
 * a file that looks whole. Readable by the owner only: it holds every personal datum in the app.
 */
export function fileSink(path: string): SnapshotSink & { abort(): Promise<void> } {
  const partial = `${path}.partial`;
  const gzip = createGzip({ level: 6 });
  const out = createWriteStream(partial, { mode: 0o600 });
  const done = new Promise<void>((resolve, reject) => {
    out.on("finish", resolve);
    out.on("error", reject);
    gzip.on("error", reject);
  });
  gzip.pipe(out);
  const write = async (text: string) => {
    if (!gzip.write(text)) await once(gzip, "drain");
  };
  let current: string | null = null;
  return {
    async begin(manifest) {
      await write(`${JSON.stringify({ "@manifest": manifest })}\n`);
    },
    async rows(table, batch) {
      if (current !== table.name) {
        current = table.name;
        await write(`${JSON.stringify({ "@table": table.name })}\n`);
      }
      await write(`${batch.join("\n")}\n`);
    },
    async end(sums) {
      await write(`${JSON.stringify({ "@end": sums })}\n`);
      gzip.end();
      await done;
      await rename(partial, path);
    },
    async abort() {
      gzip.destroy();
      out.destroy();
      await rm(partial, { force: true });
    },
  };
}

/** Reads only the manifest (the first line). */
export async function readManifest(path: string): Promise<Manifest> {
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  try {
    for await (const line of lines) return parseManifest(line);
  } finally {
    lines.close();
  }
  throw new TransferError(`${path} is empty`);
}

function parseManifest(line: string): Manifest {
  let parsed: { "@manifest"?: Manifest };
  try {
    parsed = JSON.parse(line) as { "@manifest"?: Manifest };
  } catch {
    throw new TransferError("not a Peilstok backup: the first line is not JSON");
  }
  if (!parsed["@manifest"]) throw new TransferError("not a Peilstok backup: no manifest on the first line");
  return parsed["@manifest"];
}

/** Feeds a backup file into a loader, in batches, checking its shape on the way. */
export async function readBackupFile(path: string, loader: Loader, progress?: (e: { table: string; done: number; total: number }) => void) {
  const input = createReadStream(path).pipe(createGunzip());
  const lines = createInterface({ input, crlfDelay: Infinity });
  let manifest: Manifest | null = null;
  let table: (Manifest["tables"][number]) | null = null;
  let batch: string[] = [];
  let done = 0;
  let sums: Sums | null = null;
  const flush = async () => {
    if (!table || batch.length === 0) return;
    await loader.rows(table, batch);
    done += batch.length;
    batch = [];
    progress?.({ table: table.name, done, total: table.rows });
  };
  try {
    for await (const line of lines) {
      if (manifest === null) {
        manifest = parseManifest(line);
        await loader.begin(manifest);
        continue;
      }
      if (line.startsWith('{"@')) {
        const meta = JSON.parse(line) as { "@table"?: string; "@end"?: Sums };
        await flush();
        if (meta["@end"]) {
          sums = meta["@end"];
          break;
        }
        const name = meta["@table"];
        table = manifest.tables.find((t) => t.name === name) ?? null;
        if (!table) throw new TransferError(`the backup holds rows of ${name}, which its manifest does not list`);
        done = 0;
        progress?.({ table: table.name, done, total: table.rows });
        continue;
      }
      if (!table) throw new TransferError("the backup holds rows before naming their table");
      batch.push(line);
      if (batch.length >= 1000) await flush();
    }
  } catch (err) {
    if (err instanceof Error && "code" in err && (err as { code?: string }).code === "Z_BUF_ERROR") {
      throw new TransferError(`${path} is cut off (the gzip stream ends early)`);
    }
    throw err;
  } finally {
    lines.close();
  }
  if (!manifest) throw new TransferError(`${path} is empty`);
  if (!sums) throw new TransferError(`${path} is cut off: its last line is missing`);
  return { manifest, reports: await loader.end(sums) };
}
