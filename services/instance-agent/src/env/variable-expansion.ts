/**
 * Kubernetes' $(VAR) expansion of env values, command and args: `$(NAME)` becomes the value of
 * NAME when it is defined and stays as written when it is not; `$$` is an escaped `$`, so
 * `$$(NAME)` yields the literal `$(NAME)`.
 */
export function expandVariables(text: string, variables: Readonly<Record<string, string>>): string {
  let result = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char !== '$' || index + 1 >= text.length) {
      result += char;
      index++;
      continue;
    }
    const next = text[index + 1];
    if (next === '$') {
      result += '$';
      index += 2;
      continue;
    }
    if (next === '(') {
      const close = text.indexOf(')', index + 2);
      if (close !== -1) {
        const name = text.slice(index + 2, close);
        const value = Object.hasOwn(variables, name) ? variables[name] : undefined;
        result += value ?? text.slice(index, close + 1);
        index = close + 1;
        continue;
      }
    }
    result += char;
    index++;
  }
  return result;
}
