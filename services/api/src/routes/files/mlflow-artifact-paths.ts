import { invalidPath } from './files-errors.js';

/**
 * The Files API paths where MLflow 3's Databricks artifact repositories keep an experiment's
 * artifacts: /WorkspaceInternal/Mlflow/Artifacts/<experiment>/Runs/<run>/... for a run and
 * .../LoggedModels/<model>/... for a logged model. They stand for the artifact URIs the tracking
 * server hands out, dbfs:/databricks/mlflow-tracking/<experiment>/<run> and
 * .../<experiment>/logged_models/<model>, so the files live in DBFS at those paths.
 */

const PREFIX = ['WorkspaceInternal', 'Mlflow', 'Artifacts'];
/** The DBFS folder of MLflow's artifacts, Databricks' own. */
export const MLFLOW_ARTIFACTS_DBFS_ROOT = '/databricks/mlflow-tracking';
const OWNER_FOLDERS: Readonly<Record<string, string | undefined>> = {
  Runs: '',
  LoggedModels: 'logged_models/',
};

export interface MlflowArtifactsPath {
  /** The Files API path of the run's or logged model's root. */
  root: string;
  /** Where that root is in DBFS. */
  dbfsRoot: string;
  /** Canonical, inside the root: '/a/b', and '/' for the root itself. */
  path: string;
}

export function isMlflowArtifactsPath(canonical: string): boolean {
  return canonical.startsWith(`/${PREFIX.join('/')}/`) || canonical === `/${PREFIX.join('/')}`;
}

/** A canonical path below /WorkspaceInternal/Mlflow/Artifacts in its parts. */
export function parseMlflowArtifactsPath(canonical: string): MlflowArtifactsPath {
  const [experiment, owner = '', id, ...rest] = canonical.split('/').slice(PREFIX.length + 1);
  const folder = OWNER_FOLDERS[owner];
  if (!experiment || folder === undefined || !id) {
    throw invalidPath(
      `MLflow artifacts are at /${PREFIX.join('/')}/<experiment id>/Runs/<run id>/... or .../LoggedModels/<model id>/...: ${canonical}`,
    );
  }
  return {
    root: `/${[...PREFIX, experiment, owner, id].join('/')}`,
    dbfsRoot: `${MLFLOW_ARTIFACTS_DBFS_ROOT}/${experiment}/${folder}${id}`,
    path: `/${rest.join('/')}`,
  };
}
