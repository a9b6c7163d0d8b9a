import { existsSync, readdirSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the pieces of the Spark runtime are (installed by deploy/local/lib/spark-runtime.sh). */
export interface SparkLayout {
  /** pyspark's directory in the venv: bin/spark-class, bin/spark-submit, jars/. */
  sparkHome: string;
  /** The venv's Python, which has pyspark, for the Python workers of UDFs. */
  python: string;
  /** The jars pyspark lacks (Delta, S3A, the AWS SDK) and the runtime's own, by absolute path. */
  jars: string[];
  /** The class-data archive of the Spark JVMs (deploy/local/lib/spark-class-archive.sh), if made. */
  classArchive: string | undefined;
}

/** Jars of the runtime's own JVM code (services/worker/jvm), when they were built. */
const OWN_JARS_DIR = fileURLToPath(new URL('../../jvm/dist/', import.meta.url));

function jarsIn(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => name.endsWith('.jar'))
    .sort()
    .map((name) => join(directory, name));
}

export function sparkLayout(runtimeDir: string): SparkLayout {
  const lib = join(runtimeDir, 'venv', 'lib');
  const python = existsSync(lib) ? readdirSync(lib).find((name) => /^python3\.\d+$/.test(name)) : undefined;
  const sparkHome = python ? join(lib, python, 'site-packages', 'pyspark') : '';
  if (!existsSync(join(sparkHome, 'bin', 'spark-class'))) {
    throw new Error(
      `no pyspark in the Spark runtime ${runtimeDir} (BRICKYARD_SPARK_RUNTIME): install it first`,
    );
  }
  const classArchive = join(runtimeDir, 'cds', 'spark.jsa');
  return {
    sparkHome,
    python: join(runtimeDir, 'venv', 'bin', 'python3'),
    jars: [...jarsIn(join(runtimeDir, 'jars')), ...jarsIn(OWN_JARS_DIR)],
    classArchive: existsSync(classArchive) ? classArchive : undefined,
  };
}

/** The pod's own directories for Spark: nothing in them outlives the pod. */
export interface PodScratch {
  root: string;
  /** The Worker's work dir: the executors' directories and logs. */
  workDir: string;
  /** SPARK_LOCAL_DIRS: shuffle files and spills. */
  localDir: string;
  /** The application's settings, with the S3 keys in them (so not on a command line). */
  propertiesFile: string;
}

export function podScratchRoot(podName: string): string {
  return join(tmpdir(), 'brickyard-spark', podName);
}

/** Makes the pod's scratch directories afresh (a restarted pod's leftovers are wiped). */
export async function preparePodScratch(podName: string): Promise<PodScratch> {
  const root = podScratchRoot(podName);
  await rm(root, { recursive: true, force: true });
  const scratch = {
    root,
    workDir: join(root, 'work'),
    localDir: join(root, 'local'),
    propertiesFile: join(root, 'spark-defaults.conf'),
  };
  await mkdir(scratch.workDir, { recursive: true });
  await mkdir(scratch.localDir, { recursive: true });
  return scratch;
}
