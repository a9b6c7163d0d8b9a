/**
 * Lua scripts that make each run write one atomic step in Redis. Key layout and the protocol
 * every writer follows are documented at the top of run-store.ts. The scripts never decode JSON
 * (Redis' cjson prints numbers with 14 significant digits, which would corrupt 16-digit ids): the
 * caller passes finished documents and ids as strings.
 */

/**
 * Creates a QUEUED run unless its idempotency token already names one.
 *
 * KEYS: 1 run hash, 2 run-ids hash, 3 idempotency hash, 4 workspace runs zset, 5 job runs zset
 *       (the workspace zset again for one-time runs), 6 job run counter, 7 queued zset,
 *       8 active zset, 9 queued-workspaces set
 * ARGV: 1 run id, 2 workspace id, 3 idempotency token ('' for none), 4 '1' to number the run from
 *       the job counter, 5 document head, 6 document tail (the document is head .. number .. tail
 *       when numbering, else head alone), 7 start time (ms), 8 notification channel, 9.. task run ids
 * Returns {1, number_in_job} when created, {0, existing run id} for a known token, {-1, id} when
 * a chosen id is taken (the caller picks new ids and tries again).
 */
export const SUBMIT_RUN = `
local runId = ARGV[1]
if ARGV[3] ~= '' then
  local existing = redis.call('HGET', KEYS[3], ARGV[3])
  if existing then return {0, existing} end
end
if redis.call('HEXISTS', KEYS[2], runId) == 1 then return {-1, runId} end
for i = 9, #ARGV do
  if redis.call('HEXISTS', KEYS[2], ARGV[i]) == 1 or ARGV[i] == runId then return {-1, ARGV[i]} end
end
local number = runId
local doc = ARGV[5]
if ARGV[4] == '1' then
  number = tostring(redis.call('INCR', KEYS[6]))
  doc = ARGV[5] .. number .. ARGV[6]
end
redis.call('HSET', KEYS[1], 'doc', doc, 'version', '1', 'workspace_id', ARGV[2])
redis.call('HSET', KEYS[2], runId, runId)
for i = 9, #ARGV do redis.call('HSET', KEYS[2], ARGV[i], runId) end
redis.call('ZADD', KEYS[4], ARGV[7], runId)
redis.call('ZADD', KEYS[5], ARGV[7], runId)
redis.call('ZADD', KEYS[7], ARGV[7], runId)
redis.call('ZADD', KEYS[8], ARGV[7], runId)
redis.call('SADD', KEYS[9], ARGV[2])
if ARGV[3] ~= '' then redis.call('HSET', KEYS[3], ARGV[3], runId) end
redis.call('PUBLISH', ARGV[8], ARGV[2] .. ':' .. runId)
return {1, number}
`;

/**
 * Replaces a run document if nobody wrote it since it was read (compare-and-set on `version`).
 *
 * KEYS: 1 run hash, 2 queued zset, 3 active zset
 * ARGV: 1 expected version, 2 new document, 3 run id, 4 '1' when the run left QUEUED,
 *       5 '1' when the run is now terminal
 * Returns 1 when written, 0 on a version conflict, -1 when the run does not exist.
 */
export const REPLACE_RUN = `
local version = redis.call('HGET', KEYS[1], 'version')
if not version then return -1 end
if version ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'doc', ARGV[2])
redis.call('HINCRBY', KEYS[1], 'version', 1)
if ARGV[4] == '1' then redis.call('ZREM', KEYS[2], ARGV[3]) end
if ARGV[5] == '1' then redis.call('ZREM', KEYS[3], ARGV[3]) end
return 1
`;

/**
 * Deletes a run if nobody wrote it since it was read. Its idempotency token stays taken.
 *
 * KEYS: 1 run hash, 2 workspace runs zset, 3 job runs zset, 4 queued zset, 5 active zset,
 *       6 run-ids hash, 7.. output keys of the run and its tasks
 * ARGV: 1 expected version, 2 run id, 3.. task run ids
 * Returns 1 when deleted, 0 on a version conflict, -1 when the run does not exist.
 */
export const DELETE_RUN = `
local version = redis.call('HGET', KEYS[1], 'version')
if not version then return -1 end
if version ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
for i = 2, 5 do redis.call('ZREM', KEYS[i], ARGV[2]) end
for i = 2, #ARGV do redis.call('HDEL', KEYS[6], ARGV[i]) end
for i = 7, #KEYS do redis.call('DEL', KEYS[i]) end
return 1
`;
