import { LIBRARY_STATUSES } from '@brickyard/common/cluster-spec';
import { StringEnum } from '@brickyard/common/schema';
import { type TSchema, Type } from 'typebox';

const Repo = {
  repo: Type.Optional(Type.String({ description: 'the index or repository; the default if unset' })),
};

/** A library: exactly one of its kinds (libraryProblem checks that beyond the schema). */
const Library = Type.Object({
  jar: Type.Optional(Type.String({ description: 'dbfs:/, /Volumes/ or /Workspace/ path of a jar' })),
  egg: Type.Optional(Type.String({ description: 'not installable on Databricks Runtime 14 and later' })),
  whl: Type.Optional(Type.String({ description: 'dbfs:/, /Volumes/ or /Workspace/ path of a wheel' })),
  pypi: Type.Optional(Type.Object({ package: Type.String({ description: 'a pip requirement' }), ...Repo })),
  maven: Type.Optional(
    Type.Object({
      coordinates: Type.String({ description: 'groupId:artifactId:version' }),
      exclusions: Type.Optional(Type.Array(Type.String())),
      ...Repo,
    }),
  ),
  cran: Type.Optional(Type.Object({ package: Type.String(), ...Repo })),
  requirements: Type.Optional(Type.String({ description: 'path of a requirements.txt file' })),
});

export const LibrariesBody = Type.Object({
  cluster_id: Type.String({ minLength: 1 }),
  libraries: Type.Array(Library),
});

export const ClusterIdQuery = Type.Object({ cluster_id: Type.String({ minLength: 1 }) });

const LibraryFullStatus = Type.Object({
  library: Library,
  status: StringEnum(LIBRARY_STATUSES),
  messages: Type.Optional(Type.Array(Type.String())),
  is_library_for_all_clusters: Type.Boolean(),
});

export const ClusterLibraryStatuses = Type.Object({
  cluster_id: Type.String(),
  library_statuses: Type.Optional(Type.Array(LibraryFullStatus)),
});

export const AllClusterStatuses = Type.Object({ statuses: Type.Array(ClusterLibraryStatuses) });

export const Empty = Type.Object({});

/** The OpenAPI schema of a Libraries API route. */
export function librariesSchema<P extends { body?: TSchema; querystring?: TSchema; response: TSchema }>(
  summary: string,
  parts: P,
): Omit<P, 'response'> & { tags: string[]; summary: string; response: { 200: P['response'] } } {
  const { response, ...request } = parts;
  return { tags: ['libraries'], summary, ...request, response: { 200: response } };
}
