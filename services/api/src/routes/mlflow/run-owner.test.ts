import { describe, expect, it } from 'vitest';
import { createsRun, ownedRunBody } from './run-owner.js';

describe('runs/create', () => {
  it('is recognised under every MLflow prefix, and nothing else is', () => {
    expect(createsRun('POST', '/api/2.0/mlflow/runs/create')).toBe(true);
    expect(createsRun('POST', '/api/2.0/preview/mlflow/runs/create?x=1')).toBe(true);
    expect(createsRun('GET', '/api/2.0/mlflow/runs/create')).toBe(false);
    expect(createsRun('POST', '/api/2.0/mlflow/runs/update')).toBe(false);
  });

  it("records the caller as the run's user, whatever the client named", () => {
    const sent = JSON.stringify({
      experiment_id: '1',
      user_id: 'root',
      tags: [
        { key: 'mlflow.user', value: 'root' },
        { key: 'mlflow.source.name', value: 'train.py' },
      ],
    });
    expect(JSON.parse(ownedRunBody(sent, 'ada@example.com'))).toEqual({
      experiment_id: '1',
      user_id: 'ada@example.com',
      tags: [
        { key: 'mlflow.source.name', value: 'train.py' },
        { key: 'mlflow.user', value: 'ada@example.com' },
      ],
    });
    expect(JSON.parse(ownedRunBody('{"experiment_id":"1"}', 'ada@example.com'))).toEqual({
      experiment_id: '1',
      user_id: 'ada@example.com',
      tags: [{ key: 'mlflow.user', value: 'ada@example.com' }],
    });
  });

  it('leaves a body that is not a JSON object for MLflow to refuse', () => {
    for (const text of ['not json', '[1]', 'null']) expect(ownedRunBody(text, 'ada@example.com')).toBe(text);
  });
});
