/** Where Maven coordinates are resolved from unless a library names its own repository. */
export const MAVEN_CENTRAL = 'https://repo1.maven.org/maven2';

export interface MavenLibrary {
  coordinates: string;
  repo?: string;
  exclusions?: string[];
}

/** `groupId:artifactId:version`, or why the coordinates are not that. */
function mavenCoordinates(
  coordinates: string,
): { group: string; artifact: string; version: string } | { error: string } {
  const parts = coordinates.trim().split(':');
  if (parts.length !== 3 || parts.some((part) => part === '')) {
    return { error: `Maven coordinates must be groupId:artifactId:version, not ${coordinates}` };
  }
  const [group, artifact, version] = parts as [string, string, string];
  return { group, artifact, version };
}

/** The URL of the artifact's POM in a Maven repository: what says the coordinates exist there. */
export function pomUrl(maven: MavenLibrary): string | { error: string } {
  const parsed = mavenCoordinates(maven.coordinates);
  if ('error' in parsed) return parsed;
  const { group, artifact, version } = parsed;
  const repo = (maven.repo || MAVEN_CENTRAL).replace(/\/+$/, '');
  return `${repo}/${group.replaceAll('.', '/')}/${artifact}/${version}/${artifact}-${version}.pom`;
}

/**
 * What a Spark session's `ADD JAR` takes for a Maven library: Spark's `ivy://` URI, which resolves
 * the artifact and its dependencies (less the exclusions) as `spark.jars.packages` does.
 */
export function ivyUri(maven: MavenLibrary): string {
  const query = ['transitive=true'];
  if (maven.exclusions && maven.exclusions.length > 0) query.push(`exclude=${maven.exclusions.join(',')}`);
  if (maven.repo) query.push(`repos=${maven.repo}`);
  return `ivy://${maven.coordinates.trim()}?${query.join('&')}`;
}
