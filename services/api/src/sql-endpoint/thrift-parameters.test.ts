import { describe, expect, it } from 'vitest';
import { ttypes } from './tcli.js';
import { statementParameters } from './thrift-parameters.js';

const parameter = (args: ConstructorParameters<typeof ttypes.TSparkParameter>[0]) =>
  new ttypes.TSparkParameter(args);
const text = (value: string) => new ttypes.TSparkParameterValue({ stringValue: value });

describe('native parameters', () => {
  it('keep the name, the type and the text of a named parameter', () => {
    expect(
      statementParameters([parameter({ name: 'n', type: 'INT', value: text('41'), ordinal: 0 })]),
    ).toEqual([{ name: 'n', type: 'INT', value: '41' }]);
  });

  it('are positional when they have no name', () => {
    expect(statementParameters([parameter({ type: 'STRING', value: text('x'), ordinal: 1 })])).toEqual([
      { type: 'STRING', value: 'x' },
    ]);
  });

  it('read values sent as numbers or booleans as their text', () => {
    const values = statementParameters([
      parameter({ name: 'd', type: 'DOUBLE', value: new ttypes.TSparkParameterValue({ doubleValue: 1.5 }) }),
      parameter({
        name: 'b',
        type: 'BOOLEAN',
        value: new ttypes.TSparkParameterValue({ booleanValue: true }),
      }),
    ]);
    expect(values.map((value) => value.value)).toEqual(['1.5', 'true']);
  });

  it('bind VOID, the connector’s None, as a NULL of no type', () => {
    expect(statementParameters([parameter({ name: 'nothing', type: 'VOID' })])).toEqual([
      { name: 'nothing', value: null },
    ]);
  });

  it('are none when the request has none', () => {
    expect(statementParameters(undefined)).toEqual([]);
  });
});
