import { COMPUTE_CALLER_SETTING } from '@brickyard/common/compute-callers';
import { TcliError } from './tcli-status.js';

/**
 * The configuration a client opens a session with (TOpenSessionReq.configuration, the Python
 * connector's `session_configuration`), as the Spark settings it means. SQL warehouses take the
 * Databricks parameters (ANSI_MODE, TIMEZONE, ...) in any case, and Spark settings as they are;
 * anything else is refused, as a warehouse refuses it.
 */

/** Databricks' session parameters: the Spark setting each is, or null for one Spark has no use for. */
const SESSION_PARAMETERS: Readonly<Record<string, string | null>> = {
  ansi_mode: 'spark.sql.ansi.enabled',
  timezone: 'spark.sql.session.timeZone',
  legacy_time_parser_policy: 'spark.sql.legacy.timeParserPolicy',
  max_file_partition_bytes: 'spark.sql.files.maxPartitionBytes',
  statement_timeout: null,
  use_cached_result: null,
  enable_photon: null,
  query_tags: null,
};

/**
 * Settings of the Spark Thrift server that ask for another result form than Arrow: the connectors
 * send `timestampAsString=false`, which is how this endpoint answers anyway.
 */
const THRIFT_SERVER_PREFIX = 'spark.thriftserver.';

function configNotAvailable(key: string): TcliError {
  return new TcliError(
    `[CONFIG_NOT_AVAILABLE] Configuration ${key} is not available. SQLSTATE: 42K0I`,
    '42K0I',
  );
}

/** The Spark settings of a session configuration, in the order given; throws for an unknown key. */
export function sparkSettingsOf(
  configuration: Readonly<Record<string, string>> | undefined,
): [string, string][] {
  const settings: [string, string][] = [];
  for (const [key, value] of Object.entries(configuration ?? {})) {
    if (key.startsWith(THRIFT_SERVER_PREFIX)) continue;
    // The API's own setting: a session names its caller by what the API minted, never by a client.
    if (key === COMPUTE_CALLER_SETTING) throw configNotAvailable(key);
    if (key.startsWith('spark.')) {
      settings.push([key, String(value)]);
      continue;
    }
    const parameter = key.toLowerCase();
    if (!Object.hasOwn(SESSION_PARAMETERS, parameter)) throw configNotAvailable(key);
    const spark = SESSION_PARAMETERS[parameter];
    if (spark) settings.push([spark, String(value)]);
  }
  return settings;
}

function backquoted(text: string): string {
  return `\`${text.replaceAll('`', '``')}\``;
}

/** `SET key = value` with both quoted, so no value can end the statement or start another. */
export function setStatement(key: string, value: string): string {
  return `SET ${backquoted(key)} = ${backquoted(value)}`;
}
