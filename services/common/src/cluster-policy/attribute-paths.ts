/**
 * Where a policy's attribute path points in a cluster's attributes. Paths follow the API's field
 * names joined by dots; in the string maps (spark_conf, spark_env_vars, custom_tags) everything
 * after the map's name is one key, dots included; in arrays a segment is an index or `*` (every
 * element present).
 */

/** Attributes whose path continues with a single key, which may itself contain dots. */
const STRING_MAPS = new Set(['spark_conf', 'spark_env_vars', 'custom_tags']);

/** One place a path reaches: how to read it and, where it can be made, to write it. */
export interface AttributeSlot {
  /** The path with `*` replaced by the element's index. */
  path: string;
  /** The map attribute and key for map paths (messages name them apart). */
  mapKey?: { attribute: string; key: string };
  read(): unknown;
  /** Undefined where nothing can be written (an element of an array that is not there). */
  write: ((value: unknown) => void) | undefined;
}

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function mapSlot(attributes: Node, attribute: string, key: string): AttributeSlot {
  return {
    path: `${attribute}.${key}`,
    mapKey: { attribute, key },
    read: () => {
      const map = attributes[attribute];
      return isNode(map) ? map[key] : undefined;
    },
    write: (value) => {
      const map = isNode(attributes[attribute]) ? (attributes[attribute] as Node) : {};
      map[key] = String(value);
      attributes[attribute] = map;
    },
  };
}

/** The slots of `segments` below `parent` (an object or an array). */
function slotsBelow(parent: Node | unknown[], segments: string[], prefix: string[]): AttributeSlot[] {
  const [head, ...rest] = segments as [string, ...string[]];
  if (Array.isArray(parent)) {
    const indexes = head === '*' ? parent.map((_element, index) => index) : [Number(head)];
    if (indexes.some((index) => !Number.isInteger(index) || index < 0)) return [];
    return indexes.flatMap((index) => elementSlots(parent, index, rest, [...prefix, String(index)]));
  }
  const path = [...prefix, head];
  if (rest.length === 0) {
    return [
      {
        path: path.join('.'),
        read: () => parent[head],
        write: (value) => {
          parent[head] = value;
        },
      },
    ];
  }
  const child = parent[head];
  if (Array.isArray(child)) return slotsBelow(child, rest, path);
  if (isNode(child)) return slotsBelow(child, rest, path);
  if (rest[0] === '*' || /^\d+$/.test(rest[0] as string)) {
    return rest[0] === '*' ? [] : [absentSlot(path, rest)];
  }
  // A nested object that is not there yet: reading finds nothing, writing makes it.
  return [
    {
      path: [...path, ...rest].join('.'),
      read: () => undefined,
      write: (value) => {
        const made: Node = {};
        parent[head] = made;
        const [slot] = slotsBelow(made, rest, path);
        slot?.write?.(value);
      },
    },
  ];
}

function elementSlots(array: unknown[], index: number, rest: string[], path: string[]): AttributeSlot[] {
  const element = array[index];
  if (rest.length === 0) {
    return [
      {
        path: path.join('.'),
        read: () => array[index],
        write:
          index < array.length
            ? (value) => {
                array[index] = value;
              }
            : undefined,
      },
    ];
  }
  if (isNode(element) || Array.isArray(element)) return slotsBelow(element, rest, path);
  return [absentSlot(path, rest)];
}

function absentSlot(path: string[], rest: string[]): AttributeSlot {
  return { path: [...path, ...rest].join('.'), read: () => undefined, write: undefined };
}

/**
 * The slots `path` reaches in `attributes` (mutable: writes change it). A path through `*` reaches
 * one slot per element present, none when the array is absent or empty.
 */
export function slotsOf(attributes: Node, path: string): AttributeSlot[] {
  const segments = path.split('.');
  const [head, ...rest] = segments as [string, ...string[]];
  if (STRING_MAPS.has(head) && rest.length > 0) return [mapSlot(attributes, head, rest.join('.'))];
  return slotsBelow(attributes, segments, []);
}
