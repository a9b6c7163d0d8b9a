import { describe, expect, it } from 'vitest';
import { childEnvironment, pythonExecutable } from './python-environment.js';

const base = {
  packageDir: '/opt/brickyard/python',
  tempDir: '/tmp/t',
  bridgeUrl: 'http://127.0.0.1:1',
  bridgeToken: 'token',
  workspaceId: 1,
  runId: 'r',
  taskRunId: 't',
};

describe('pythonExecutable', () => {
  const env = { BRICKYARD_PYTHON: '/usr/bin/python3.12', BRICKYARD_SPARK_RUNTIME: '/opt/spark-runtime' };

  it.each([
    ['the caller’s interpreter first', '/venv/bin/python', true, env, '/venv/bin/python'],
    ['the Spark runtime’s with Spark', undefined, true, env, '/opt/spark-runtime/venv/bin/python3'],
    ['$BRICKYARD_PYTHON without Spark', undefined, false, env, '/usr/bin/python3.12'],
    [
      '$BRICKYARD_PYTHON when no Spark runtime is installed',
      undefined,
      true,
      { BRICKYARD_PYTHON: 'py' },
      'py',
    ],
    ['python3 otherwise', undefined, false, {}, 'python3'],
  ])('takes %s', (_name, override, spark, environment, expected) => {
    expect(pythonExecutable(override, spark, environment)).toBe(expected);
  });
});

describe('childEnvironment', () => {
  it("puts the pod's libraries after the runtime's package and before the extras' PYTHONPATH", () => {
    const env = { BRICKYARD_LIBRARIES_DIR: '/tmp/libs/site-packages' };
    expect(childEnvironment({ ...base, extra: { PYTHONPATH: '/mine' } }, env).PYTHONPATH).toBe(
      '/opt/brickyard/python:/tmp/libs/site-packages:/mine',
    );
    expect(childEnvironment(base, {}).PYTHONPATH).toBe('/opt/brickyard/python');
  });

  it('sets SPARK_REMOTE only from the runtime, never from the extras', () => {
    const extra = { SPARK_REMOTE: 'sc://elsewhere:1', FOO: 'bar' };
    expect(childEnvironment({ ...base, extra }, {})).not.toHaveProperty('SPARK_REMOTE');
    expect(
      childEnvironment({ ...base, extra, sparkRemote: 'sc://driver:15002/;session_id=x' }, {}),
    ).toMatchObject({
      SPARK_REMOTE: 'sc://driver:15002/;session_id=x',
      FOO: 'bar',
    });
  });

  it('gives the compute caller credential to a process with a Spark session, over any of the extras', () => {
    const credential = 'dbcc0123';
    expect(childEnvironment({ ...base, computeCaller: credential }, {})).not.toHaveProperty(
      'BRICKYARD_COMPUTE_CALLER',
    );
    const withSpark = { ...base, computeCaller: credential, sparkRemote: 'sc://driver:15002/;session_id=x' };
    const extra = { BRICKYARD_COMPUTE_CALLER: 'forged' };
    expect(childEnvironment({ ...withSpark, extra }, {}).BRICKYARD_COMPUTE_CALLER).toBe(credential);
  });

  it("gives the process the API's address and its credential as its API token, which the cluster's variables may override", () => {
    const env = { BRICKYARD_API_URL: 'http://api:18080' };
    expect(childEnvironment({ ...base, computeCaller: 'dbcc01' }, env)).toMatchObject({
      DATABRICKS_HOST: 'http://api:18080',
      DATABRICKS_TOKEN: 'dbcc01',
    });
    const extra = { DATABRICKS_HOST: 'https://elsewhere', DATABRICKS_TOKEN: 'dapi1' };
    expect(childEnvironment({ ...base, computeCaller: 'dbcc01', extra }, env)).toMatchObject(extra);
    expect(childEnvironment(base, env)).not.toHaveProperty('DATABRICKS_TOKEN');
  });

  it('passes none of the worker’s credentials', () => {
    const environment = childEnvironment(base, { PATH: '/bin', AWS_SECRET_ACCESS_KEY: 's', REDIS_URL: 'r' });
    expect(environment.PATH).toBe('/bin');
    expect(environment).not.toHaveProperty('AWS_SECRET_ACCESS_KEY');
    expect(environment).not.toHaveProperty('REDIS_URL');
  });
});
