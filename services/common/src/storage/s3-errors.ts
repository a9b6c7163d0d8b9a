/**
 * What a failed S3 call means, for every user of the object store (the ObjectStore, the
 * runtime's streaming downloads, the operator's workspace storage, the bucket hook).
 */

/** The HTTP status the object store answered with; undefined when it did not answer at all. */
export function s3Status(error: unknown): number | undefined {
  const metadata =
    typeof error === 'object' && error !== null
      ? (error as { $metadata?: { httpStatusCode?: unknown } }).$metadata
      : undefined;
  return typeof metadata?.httpStatusCode === 'number' ? metadata.httpStatusCode : undefined;
}

/** No such object: a 404, or the SDK's NoSuchKey / NotFound where the status is not at hand. */
export function isS3NotFound(error: unknown): boolean {
  return (
    s3Status(error) === 404 || (error instanceof Error && ['NoSuchKey', 'NotFound'].includes(error.name))
  );
}
