import type { Library } from '@brickyard/common/cluster-spec';

const PIP = ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--quiet'];

/**
 * The pip command line of a Python library: into `target`, with its dependencies, from the
 * library's `repo` (an index URL) when it names one. `file` is the local copy of a wheel or
 * requirements file.
 */
export function pipArguments(library: Library, target: string, file: string | undefined): string[] {
  const base = [...PIP, '--target', target, '--upgrade'];
  const pypi = library.pypi as { package: string; repo?: string } | undefined;
  if (pypi) return [...base, ...(pypi.repo ? ['--index-url', pypi.repo] : []), pypi.package];
  if (library.requirements !== undefined) return [...base, '--requirement', file ?? ''];
  return [...base, file ?? ''];
}

/** What pip said went wrong: its ERROR lines, else the end of what it wrote, else `fallback`. */
export function pipFailureMessages(stderr: string, fallback: string): string[] {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const errors = lines.filter((line) => line.startsWith('ERROR:'));
  if (errors.length > 0) return [errors.join('\n')];
  return [lines.slice(-5).join('\n') || fallback];
}
