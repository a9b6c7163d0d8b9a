import { describe, expect, it } from 'vitest';
import { resolveValueReferences } from './value-references.js';

const scope = { workspaceId: '7', runId: '100', taskRunId: '101', jobParameters: { day: '2024-01-01' } };

describe('resolveValueReferences', () => {
  it.each([
    ['{{job.run_id}}', '100'],
    ['{{task.run_id}}', '101'],
    ['{{ workspace.id }}', '7'],
    ['--day={{job.parameters.day}}', '--day=2024-01-01'],
    ['{{job.parameters.missing}}', '{{job.parameters.missing}}'],
    ['{{job.start_time.iso_date}}', '{{job.start_time.iso_date}}'],
    ['plain', 'plain'],
  ])('resolves %s to %s', (text, expected) => {
    expect(resolveValueReferences(text, scope)).toBe(expected);
  });
});
