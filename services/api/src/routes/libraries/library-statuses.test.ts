import type { NodeLibraryReport, NodeLibraryStatus } from '@brickyard/common/cluster-spec';
import { libraryKey } from '@brickyard/common/cluster-spec';
import { describe, expect, it } from 'vitest';
import { libraryStatuses, REPORT_FRESH_MS } from './library-statuses.js';

const NOW = 1_000_000;
const six = { pypi: { package: 'six' } };
const wheel = { whl: 'dbfs:/libs/a-1.0-py3-none-any.whl' };

function node(libraries: [Record<string, unknown>, NodeLibraryStatus][], updatedAt = NOW): NodeLibraryReport {
  return {
    updated_at: updatedAt,
    libraries: Object.fromEntries(libraries.map(([library, status]) => [libraryKey(library), status])),
  };
}

const statusesOf = (reports: NodeLibraryReport[], requested = [six]) =>
  libraryStatuses(requested, true, reports, NOW).map(({ status, messages }) => ({ status, messages }));

describe('libraryStatuses', () => {
  it('keeps every requested library PENDING while the cluster does not run', () => {
    const reports = [node([[six, { status: 'INSTALLED' }]])];
    expect(libraryStatuses([six, wheel], false, reports, NOW)).toEqual([
      { library: six, status: 'PENDING', is_library_for_all_clusters: false },
      { library: wheel, status: 'PENDING', is_library_for_all_clusters: false },
    ]);
  });

  it.each([
    ['no node has reported yet', [], 'PENDING'],
    ['a node has not seen the library yet', [node([[six, { status: 'INSTALLED' }]]), node([])], 'PENDING'],
    [
      'one node still installs it',
      [node([[six, { status: 'INSTALLED' }]]), node([[six, { status: 'INSTALLING' }]])],
      'INSTALLING',
    ],
    [
      'every node installed it',
      [node([[six, { status: 'INSTALLED' }]]), node([[six, { status: 'INSTALLED' }]])],
      'INSTALLED',
    ],
    ['every node skipped it', [node([[six, { status: 'SKIPPED' }]])], 'SKIPPED'],
    [
      'the only other report is stale',
      [node([[six, { status: 'INSTALLED' }]]), node([], NOW - REPORT_FRESH_MS - 1)],
      'INSTALLED',
    ],
  ] as const)('is %s: %s', (_, reports, status) => {
    expect(statusesOf([...reports])).toEqual([{ status, messages: undefined }]);
  });

  it('is FAILED with the messages of the nodes where it failed', () => {
    const failed: NodeLibraryStatus = {
      status: 'FAILED',
      messages: ['No matching distribution found for six'],
    };
    expect(
      statusesOf([node([[six, failed]]), node([[six, failed]]), node([[six, { status: 'INSTALLED' }]])]),
    ).toEqual([{ status: 'FAILED', messages: ['No matching distribution found for six'] }]);
  });

  it('answers an uninstalled library the nodes still have as UNINSTALL_ON_RESTART, after the requested ones', () => {
    const reports = [
      node([
        [six, { status: 'INSTALLED' }],
        [wheel, { status: 'INSTALLED' }],
      ]),
    ];
    expect(libraryStatuses([wheel], true, reports, NOW)).toEqual([
      { library: wheel, status: 'INSTALLED', is_library_for_all_clusters: false },
      { library: six, status: 'UNINSTALL_ON_RESTART', is_library_for_all_clusters: false },
    ]);
  });

  it('forgets an uninstalled library that no node installed', () => {
    const reports = [node([[six, { status: 'FAILED', messages: ['nope'] }]])];
    expect(libraryStatuses([], true, reports, NOW)).toEqual([]);
  });
});
