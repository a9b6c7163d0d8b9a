import { newNumericId } from '@brickyard/common/ids';

/** A new job id: a random 15 or 16 digit integer (a collision is caught when the resource is created). */
export const newJobId = (): number => newNumericId();

/** Name of the Job resource of a job id. */
export function jobResourceName(jobId: number): string {
  return `job-${jobId}`;
}
