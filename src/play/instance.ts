/**
 * One playground per store folder: a second `npm run play` must say where the first one is, not fail
 * later on the store the first one holds. The running playground keeps `playground.json` (pid and
 * address) in its store folder; a file whose process is gone is stale and taken over.
 */
import { open, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { processAlive } from '../core/process.ts';

const FILE = 'playground.json';

/** What a running playground says about itself. */
interface InstanceRecord {
  pid: number;
  /** The page's address; absent while it is still starting. */
  url?: string;
}

/** Another playground already runs on this store folder. */
export class PlaygroundRunningError extends Error {
  override readonly name = 'PlaygroundRunningError';
  constructor(
    readonly pid: number,
    readonly url: string | undefined,
  ) {
    super(
      url
        ? `the playground is already running at ${url} (pid ${pid}); open that page, or stop it (Ctrl+C in its terminal, or kill ${pid}) first`
        : `a playground is starting already (pid ${pid}); wait for its address, or stop it (kill ${pid}) first`,
    );
  }
}

/** This playground's claim on its store folder. */
export interface InstanceClaim {
  /** Records the page's address, for a second playground to point at. */
  announce(url: string): Promise<void>;
  /** Gives the folder up (on close). */
  release(): Promise<void>;
}

/** Claims `storeDir` for this process; throws `PlaygroundRunningError` when a live playground holds it. */
export async function claimPlayground(storeDir: string): Promise<InstanceClaim> {
  const file = join(storeDir, FILE);
  const record: InstanceRecord = { pid: process.pid };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // `wx`: of two playgrounds starting at once, exactly one creates the file.
      const handle = await open(file, 'wx');
      await handle.writeFile(JSON.stringify(record));
      await handle.close();
      return {
        announce: (url) => writeFile(file, JSON.stringify({ ...record, url } satisfies InstanceRecord)),
        release: async () => {
          const current = await readRecord(file);
          if (current?.pid === process.pid) await rm(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const other = await readRecord(file);
      if (other && other.pid !== process.pid && processAlive(other.pid)) {
        throw new PlaygroundRunningError(other.pid, other.url);
      }
      // Left by a playground that was killed: take it over.
      await rm(file, { force: true });
    }
  }
  throw new Error(`cannot claim ${file}: another playground keeps creating it`);
}

async function readRecord(file: string): Promise<InstanceRecord | undefined> {
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as Partial<InstanceRecord>;
    if (typeof value.pid !== 'number') return undefined;
    return typeof value.url === 'string' ? { pid: value.pid, url: value.url } : { pid: value.pid };
  } catch {
    // Damaged, or caught in the microseconds between create and write: taken as stale.
    return undefined;
  }
}
