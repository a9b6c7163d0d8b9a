/**
 * The few fields Brickyard reads from the IAM query API's XML answers. The documents are flat and
 * machine-written, so the text of an element is found by name rather than by a full XML parser.
 */

const ENTITIES: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&apos;': "'",
  '&amp;': '&',
};

function decode(text: string): string {
  return text
    .replace(/&#x([0-9a-fA-F]+);/g, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, decimal: string) => String.fromCodePoint(Number.parseInt(decimal, 10)))
    .replace(/&(lt|gt|quot|apos|amp);/g, (entity) => ENTITIES[entity] ?? entity);
}

/** The text of every element `<name>` in `xml`, in document order. */
export function elementTexts(xml: string, name: string): string[] {
  const pattern = new RegExp(`<${name}>([^<]*)</${name}>`, 'g');
  return [...xml.matchAll(pattern)].map((match) => decode(match[1] ?? ''));
}

/** The text of the first element `<name>`; undefined when there is none. */
export function elementText(xml: string, name: string): string | undefined {
  return elementTexts(xml, name)[0];
}
