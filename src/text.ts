/**
 * Fills `{name}` placeholders of a text. Values go in literally: a user named `$'` stays `$'`
 * (String.replace with a string would read it as a substitution pattern).
 */
export function fillTemplate(
  template: string,
  values: Readonly<Record<string, string | number>>,
): string {
  return template.replace(/\{([a-z]+)\}/gi, (placeholder, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : placeholder,
  );
}
