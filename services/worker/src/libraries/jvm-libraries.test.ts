import { describe, expect, it } from 'vitest';
import { ivyUri, pomUrl } from './jvm-libraries.js';

describe('Maven libraries', () => {
  it('are looked up by their POM, in Maven Central unless they name a repository', () => {
    expect(pomUrl({ coordinates: 'org.jsoup:jsoup:1.17.2' })).toBe(
      'https://repo1.maven.org/maven2/org/jsoup/jsoup/1.17.2/jsoup-1.17.2.pom',
    );
    expect(pomUrl({ coordinates: 'a.b:c:1', repo: 'https://repo.example.org/m2/' })).toBe(
      'https://repo.example.org/m2/a/b/c/1/c-1.pom',
    );
  });

  it.each(['org.jsoup:jsoup', 'a::1', 'a:b:c:d'])('refuses coordinates %s', (coordinates) => {
    expect(pomUrl({ coordinates })).toEqual({ error: expect.stringMatching(/groupId:artifactId:version/) });
  });

  it("are added to a session as Spark's ivy URIs, with their dependencies, exclusions and repository", () => {
    expect(ivyUri({ coordinates: 'org.jsoup:jsoup:1.17.2' })).toBe(
      'ivy://org.jsoup:jsoup:1.17.2?transitive=true',
    );
    expect(
      ivyUri({ coordinates: 'a:b:1', exclusions: ['c:d', 'e:f'], repo: 'https://repo.example.org/m2' }),
    ).toBe('ivy://a:b:1?transitive=true&exclude=c:d,e:f&repos=https://repo.example.org/m2');
  });
});
