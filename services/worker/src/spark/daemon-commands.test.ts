import { describe, expect, it } from 'vitest';
import {
  type CommandContext,
  connectServerCommand,
  connectUrlOf,
  masterCommand,
  workerCommand,
} from './daemon-commands.js';

const context: CommandContext = {
  layout: { sparkHome: '/rt/pyspark', python: '/rt/venv/bin/python3', jars: [], classArchive: undefined },
  scratch: {
    root: '/tmp/pod',
    workDir: '/tmp/pod/work',
    localDir: '/tmp/pod/local',
    propertiesFile: '/tmp/pod/spark-defaults.conf',
  },
  podIp: '127.32.0.7',
  baseEnv: {
    HOSTNAME: 'c-1-worker-0',
    PATH: '/usr/bin',
    SPARK_DAEMON_MEMORY: '4g',
    MY_VAR: 'x',
    REDIS_URL: 'redis://127.0.0.1:16379',
    AWS_ACCESS_KEY_ID: 'AKID',
    AWS_SECRET_ACCESS_KEY: 'SECRET',
    AWS_REGION: 'us-east-1',
  },
};

const OPTIONS = '-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=48m';
const resources = { masterUrl: 'spark://127.32.0.5:7077', cores: 4, memoryMb: 11212 };

describe('the commands of the Spark daemons', () => {
  it.each([
    [
      'the master, on the pod’s address',
      masterCommand(context),
      '/rt/pyspark/bin/spark-class',
      [
        'org.apache.spark.deploy.master.Master',
        '--host',
        '127.32.0.7',
        '--port',
        '7077',
        '--webui-port',
        '8080',
      ],
    ],
    [
      'a Worker, with the node type’s cores and memory and the pod’s work dir',
      workerCommand(context, resources),
      '/rt/pyspark/bin/spark-class',
      [
        'org.apache.spark.deploy.worker.Worker',
        ...['--host', '127.32.0.7', '--webui-port', '8081', '--cores', '4', '--memory', '11212m'],
        ...['--work-dir', '/tmp/pod/work', 'spark://127.32.0.5:7077'],
      ],
    ],
    [
      'the Spark Connect server, its settings in a file',
      connectServerCommand(context),
      '/rt/pyspark/bin/spark-submit',
      [
        ...['--class', 'org.apache.spark.sql.connect.service.SparkConnectServer'],
        ...['--properties-file', '/tmp/pod/spark-defaults.conf', 'spark-internal'],
      ],
    ],
  ])('runs %s', (_case, command, program, args) => {
    expect({ program: command.program, args: command.args, cwd: command.cwd }).toEqual({
      program,
      args,
      cwd: '/tmp/pod',
    });
  });

  it.each([
    ['master', masterCommand(context)],
    ['Worker', workerCommand(context, resources)],
    ['Connect server', connectServerCommand(context)],
  ])(
    'gives the %s the pod’s environment (executors inherit HOSTNAME) and binds it to the pod',
    (_case, command) => {
      expect(command.env).toMatchObject({
        HOSTNAME: 'c-1-worker-0',
        MY_VAR: 'x',
        SPARK_HOME: '/rt/pyspark',
        SPARK_LOCAL_IP: '127.32.0.7',
        SPARK_LOCAL_DIRS: '/tmp/pod/local',
        PYSPARK_PYTHON: '/rt/venv/bin/python3',
        AWS_EC2_METADATA_DISABLED: 'true',
      });
    },
  );

  it.each([
    ['master', masterCommand(context)],
    ['Worker', workerCommand(context, resources)],
    ['Connect server', connectServerCommand(context)],
  ])(
    'keeps the control plane’s Redis and the S3 keys from the %s, where user code runs',
    (_case, command) => {
      for (const name of ['REDIS_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) {
        expect(command.env).not.toHaveProperty(name);
      }
      expect(command.env.AWS_REGION).toBe('us-east-1');
    },
  );

  it.each([
    ['master', masterCommand(context)],
    ['Worker', workerCommand(context, resources)],
  ])('sizes the %s daemon with SPARK_DAEMON_MEMORY and the small-machine JVM options', (_case, command) => {
    expect(command.env).toMatchObject({ SPARK_DAEMON_MEMORY: '256m', SPARK_DAEMON_JAVA_OPTS: OPTIONS });
  });

  it('keeps SPARK_DAEMON_MEMORY from the Connect server, where it would override the driver’s memory', () => {
    const env = connectServerCommand(context).env;
    expect(env).not.toHaveProperty('SPARK_DAEMON_MEMORY');
    expect(env).not.toHaveProperty('SPARK_DAEMON_JAVA_OPTS');
  });

  it("puts the pod's libraries on the PYTHONPATH that executors pass to their Python workers", () => {
    const withLibraries = {
      ...context,
      baseEnv: { ...context.baseEnv, BRICKYARD_LIBRARIES_DIR: '/tmp/libs' },
    };
    expect(workerCommand(withLibraries, resources).env.PYTHONPATH).toBe('/tmp/libs');
    expect(workerCommand(context, resources).env).not.toHaveProperty('PYTHONPATH');
  });

  it('gives tasks the Connect URL of the driver pod', () => {
    expect(connectUrlOf('127.32.0.5')).toBe('sc://127.32.0.5:15002');
  });
});
