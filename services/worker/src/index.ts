/** The worker runtime: task executors behind one entry point, and the storage they use. */
export { executeTask } from './execute-task.js';
export { LOG_TAIL_BYTES } from './logs/task-logs.js';
export { MemoryRuntimeStorage } from './storage/memory-runtime-storage.js';
export { ObjectStoreRuntimeStorage } from './storage/object-store-runtime-storage.js';
export type { ObjectInfo, ObjectListing, RuntimeStorage } from './storage/runtime-storage.js';
export type { ExecutableTask, TaskContext, TaskOutcome, TaskResult } from './task-types.js';
