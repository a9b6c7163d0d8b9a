import { describe, expect, it } from 'vitest';
import { isMlflowArtifactsPath, parseMlflowArtifactsPath } from './mlflow-artifact-paths.js';

describe('parseMlflowArtifactsPath', () => {
  it.each([
    [
      '/WorkspaceInternal/Mlflow/Artifacts/7/Runs/abc/artifacts/model.pkl',
      {
        root: '/WorkspaceInternal/Mlflow/Artifacts/7/Runs/abc',
        dbfsRoot: '/databricks/mlflow-tracking/7/abc',
        path: '/artifacts/model.pkl',
      },
    ],
    [
      '/WorkspaceInternal/Mlflow/Artifacts/7/LoggedModels/m-1',
      {
        root: '/WorkspaceInternal/Mlflow/Artifacts/7/LoggedModels/m-1',
        dbfsRoot: '/databricks/mlflow-tracking/7/logged_models/m-1',
        path: '/',
      },
    ],
  ])('maps %s to its DBFS folder', (canonical, expected) => {
    expect(isMlflowArtifactsPath(canonical)).toBe(true);
    expect(parseMlflowArtifactsPath(canonical)).toEqual(expected);
  });

  it.each([
    '/WorkspaceInternal/Mlflow/Artifacts',
    '/WorkspaceInternal/Mlflow/Artifacts/7',
    '/WorkspaceInternal/Mlflow/Artifacts/7/Runs',
    '/WorkspaceInternal/Mlflow/Artifacts/7/Traces/tr-1/a',
  ])('refuses %s, which names no run or logged model', (canonical) => {
    expect(() => parseMlflowArtifactsPath(canonical)).toThrow(/MLflow artifacts are at/);
  });

  it('leaves other paths to the volumes', () => {
    expect(isMlflowArtifactsPath('/Volumes/main/default/v/a')).toBe(false);
    expect(isMlflowArtifactsPath('/WorkspaceInternal/Other')).toBe(false);
  });
});
