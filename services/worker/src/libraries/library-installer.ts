import { execFile } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import {
  type Library,
  libraryKey,
  libraryKind,
  type NodeLibraryStatus,
} from '@brickyard/common/cluster-spec';
import { parseDbfsPath, workspaceObjectKey } from '@brickyard/common/storage';
import { type Dbfs, DbfsError } from '../storage/dbfs.js';
import type { RuntimeStorage } from '../storage/runtime-storage.js';
import { headStatus } from './http-head.js';
import { ivyUri, MAVEN_CENTRAL, type MavenLibrary, pomUrl } from './jvm-libraries.js';
import { pipArguments, pipFailureMessages } from './pip-arguments.js';

const run = promisify(execFile);
/** A large requirements file may take this long; a hung index no longer. */
const PIP_TIMEOUT_MS = 10 * 60_000;

/**
 * What this pod does with JVM libraries (jar, maven): the driver of a Spark cluster adds them to
 * every Spark session the runtime opens (which ships them to the executors); a Spark worker has
 * nothing to do; a runtime without Spark cannot use them.
 */
export type JvmRole = 'driver' | 'executors' | 'none';

export interface LibraryInstallerOptions {
  /** The directory libraries go to, on the PYTHONPATH of every Python process of the pod. */
  siteDir: string;
  jvm: JvmRole;
  /** Where the driver lists the JVM libraries its sessions add (JVM_LIBRARIES_VARIABLE), one a line. */
  jvmListFile: string;
  python: string;
  workspaceId: number;
  storage: RuntimeStorage;
  dbfs: Dbfs;
}

/** Why a kind of library is not installed here. */
const UNSUPPORTED: Partial<Record<ReturnType<typeof libraryKind>, string>> = {
  egg: 'Python eggs are not supported on Databricks Runtime 14 and above; use a wheel',
  cran: 'R is not installed on this runtime: CRAN libraries cannot be installed',
};

/**
 * Installs Python libraries into the pod's library directory with the runtime's own pip: PyPI
 * packages (with their dependencies, from PyPI or the library's `repo`), wheels and
 * requirements.txt files read from DBFS (dbfs:/) or workspace files (/Workspace/...). One pip at
 * a time: the cluster's libraries and a task's share the directory. JVM libraries (a jar from
 * DBFS or workspace files, Maven coordinates) are listed for the driver's Spark sessions.
 */
export class LibraryInstaller {
  private queue: Promise<unknown> = Promise.resolve();
  /** What this pod installed already (by libraryKey): asked again, it is not installed twice. */
  private readonly installed = new Set<string>();

  constructor(private readonly options: LibraryInstallerOptions) {}

  get siteDir(): string {
    return this.options.siteDir;
  }

  install(library: Library): Promise<NodeLibraryStatus> {
    const key = libraryKey(library);
    const next = this.queue.then(async () => {
      if (this.installed.has(key)) return { status: 'INSTALLED' } as const;
      const result = await this.installNow(library);
      if (result.status === 'INSTALLED') this.installed.add(key);
      return result;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async installNow(library: Library): Promise<NodeLibraryStatus> {
    const kind = libraryKind(library);
    const unsupported = UNSUPPORTED[kind];
    if (unsupported) return { status: 'FAILED', messages: [unsupported] };
    if (kind === 'jar' || kind === 'maven') return this.installJvm(library);
    await mkdir(this.options.siteDir, { recursive: true });
    const downloads = await mkdtemp(join(this.options.siteDir, '..', 'download-'));
    try {
      const file = typeof library[kind] === 'string' ? await this.fetch(library[kind], downloads) : undefined;
      const args = pipArguments(library, this.options.siteDir, file);
      await run(this.options.python, args, {
        timeout: PIP_TIMEOUT_MS,
        maxBuffer: 16 * 1024 * 1024,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? downloads, PYTHONNOUSERSITE: '1' },
      });
      return { status: 'INSTALLED' };
    } catch (error) {
      return { status: 'FAILED', messages: failureMessages(error) };
    } finally {
      await rm(downloads, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  /** Checks a JVM library and lists it for the driver's sessions (jvm-libraries.ts). */
  private async installJvm(library: Library): Promise<NodeLibraryStatus> {
    const { jvm, jvmListFile } = this.options;
    if (jvm === 'none') {
      return {
        status: 'FAILED',
        messages: ['JVM libraries (jar, maven) need a Databricks Runtime with Spark'],
      };
    }
    if (jvm === 'executors') return { status: 'SKIPPED' };
    try {
      const uri = library.maven
        ? await checkedIvyUri(library.maven as MavenLibrary)
        : await this.localJar(library);
      await appendFile(jvmListFile, `${uri}\n`);
      return { status: 'INSTALLED' };
    } catch (error) {
      return { status: 'FAILED', messages: failureMessages(error) };
    }
  }

  private async localJar(library: Library): Promise<string> {
    // A directory each: two jars of the same name from different folders both stay.
    return this.fetch(String(library.jar), await mkdtemp(join(this.options.siteDir, '..', 'jar-')));
  }

  /** Copies a wheel or requirements file to a local file of the same name. */
  private async fetch(path: string, directory: string): Promise<string> {
    const local = join(directory, basename(path));
    if (path.startsWith('dbfs:') || path.startsWith('/dbfs/')) {
      const dbfsPath = path.startsWith('/dbfs/') ? path.slice('/dbfs'.length) : path;
      await this.options.dbfs.downloadTo(parseDbfsPath(dbfsPath), local, false);
      return local;
    }
    if (path.startsWith('/Workspace/')) {
      const body = await this.options.storage.get(workspaceObjectKey(this.options.workspaceId, path));
      if (body === undefined) throw new LibraryFileMissing(`File ${path} does not exist.`);
      await writeFile(local, body);
      return local;
    }
    throw new LibraryFileMissing(`Library files are read from dbfs:/ or /Workspace/ here, not ${path}`);
  }
}

class LibraryFileMissing extends Error {}

const POM_TIMEOUT_MS = 30_000;

/** The library's ivy URI once its repository has its POM (so a typo fails now, not in a session). */
async function checkedIvyUri(maven: MavenLibrary): Promise<string> {
  const url = pomUrl(maven);
  if (typeof url !== 'string') throw new LibraryFileMissing(url.error);
  const status = await headStatus(url, POM_TIMEOUT_MS).catch((error: unknown) => {
    throw new LibraryFileMissing(`Could not reach ${new URL(url).origin}: ${String(error)}`);
  });
  if (status < 200 || status >= 300) {
    throw new LibraryFileMissing(
      `Maven coordinates ${maven.coordinates} were not found in ${maven.repo || MAVEN_CENTRAL} (HTTP ${status})`,
    );
  }
  return ivyUri(maven);
}

function failureMessages(error: unknown): string[] {
  if (error instanceof LibraryFileMissing || error instanceof DbfsError) return [error.message];
  const { stderr, message } = error as { stderr?: string; message?: string };
  return pipFailureMessages(stderr ?? '', message ?? String(error));
}
