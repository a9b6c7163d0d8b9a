import { describe, expect, it } from 'vitest';
import { formatProperties } from './properties-file.js';

describe('formatProperties', () => {
  it.each([
    ['a plain setting as it is', { 'spark.master': 'local[2]' }, 'spark.master=local[2]\n'],
    [
      'separators and comment marks escaped',
      { 'spark.jars': 'local:/a.jar', 'spark.x': '#!=' },
      'spark.jars=local\\:/a.jar\nspark.x=\\#\\!\\=\n',
    ],
    ['backslashes doubled', { 'spark.path': 'C:\\dir' }, 'spark.path=C\\:\\\\dir\n'],
    ['control characters escaped', { 'spark.text': 'a\nb\tc' }, 'spark.text=a\\nb\\tc\n'],
    ['spaces in a key escaped', { 'a key': 'v' }, 'a\\ key=v\n'],
    [
      'only the first leading space of a value escaped',
      { 'spark.opts': '  -Xss4m -Da=b' },
      'spark.opts=\\  -Xss4m -Da\\=b\n',
    ],
    ['non-ASCII text as UTF-8', { 'spark.app.name': 'Données' }, 'spark.app.name=Données\n'],
  ])('writes %s', (_case, settings, text) => {
    expect(formatProperties(settings)).toBe(text);
  });
});
