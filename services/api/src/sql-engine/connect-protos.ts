import { existsSync } from 'node:fs';
import { join } from 'node:path';
import protobuf from 'protobufjs';

/**
 * The Spark Connect messages this engine sends and reads, from the .proto files of the Spark
 * runtime (extracted at setup by deploy/local/lib/spark-connect-protos.sh, never copied into the
 * repository), and the google.rpc messages of the error details Spark attaches to a failed call.
 */
export interface ConnectProtos {
  executePlanRequest: protobuf.Type;
  executePlanResponse: protobuf.Type;
  interruptRequest: protobuf.Type;
  interruptResponse: protobuf.Type;
  releaseSessionRequest: protobuf.Type;
  releaseSessionResponse: protobuf.Type;
  configRequest: protobuf.Type;
  configResponse: protobuf.Type;
  dataType: protobuf.Type;
  status: protobuf.Type;
  errorInfo: protobuf.Type;
}

const ROOT_FILES = ['spark/connect/base.proto', 'google/rpc/status.proto', 'google/rpc/error_details.proto'];

/** Loads the messages from `dir` (the root the imports are relative to); throws when it has none. */
export function loadConnectProtos(dir: string): ConnectProtos {
  if (!existsSync(join(dir, ROOT_FILES[0] as string))) {
    throw new Error(`No Spark Connect .proto files in ${dir} (deploy/local/lib/spark-connect-protos.sh)`);
  }
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => join(dir, target);
  root.loadSync(ROOT_FILES, { keepCase: true });
  root.resolveAll();
  const type = (name: string) => root.lookupType(name);
  return {
    executePlanRequest: type('spark.connect.ExecutePlanRequest'),
    executePlanResponse: type('spark.connect.ExecutePlanResponse'),
    interruptRequest: type('spark.connect.InterruptRequest'),
    interruptResponse: type('spark.connect.InterruptResponse'),
    releaseSessionRequest: type('spark.connect.ReleaseSessionRequest'),
    releaseSessionResponse: type('spark.connect.ReleaseSessionResponse'),
    configRequest: type('spark.connect.ConfigRequest'),
    configResponse: type('spark.connect.ConfigResponse'),
    dataType: type('spark.connect.DataType'),
    status: type('google.rpc.Status'),
    errorInfo: type('google.rpc.ErrorInfo'),
  };
}
