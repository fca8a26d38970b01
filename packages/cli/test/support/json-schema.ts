/**
 * A small JSON Schema validator for the keywords plan.schema.json uses:
 * type, properties, required, additionalProperties, items, enum, const,
 * $ref (to #/$defs/…), oneOf, anyOf, allOf, minimum, minItems, minLength.
 * Any other keyword is an error, so the schema cannot silently rely on one
 * this validator would ignore.
 */

export type JsonSchema = boolean | { readonly [keyword: string]: unknown };

const ANNOTATIONS = new Set(['$schema', '$id', '$defs', '$comment', 'title', 'description', 'examples', 'default']);
const KEYWORDS = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'const',
  '$ref',
  'oneOf',
  'anyOf',
  'allOf',
  'minimum',
  'minItems',
  'minLength',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class Validator {
  constructor(private readonly root: Record<string, unknown>) {}

  private resolve(ref: string): JsonSchema {
    const match = /^#\/\$defs\/([^/]+)$/.exec(ref);
    const defs = this.root['$defs'];
    const target = match?.[1] !== undefined && isObject(defs) ? defs[match[1]] : undefined;
    if (target === undefined) throw new Error(`unresolvable $ref ${ref}`);
    return target as JsonSchema;
  }

  /** Every way `value` at `path` fails `schema`, one line each. */
  errors(schema: JsonSchema, value: unknown, path: string): string[] {
    if (schema === true) return [];
    if (schema === false) return [`${path}: no value is allowed here`];
    for (const key of Object.keys(schema)) {
      if (!KEYWORDS.has(key) && !ANNOTATIONS.has(key)) throw new Error(`unsupported JSON Schema keyword "${key}" at ${path}`);
    }
    const out: string[] = [];
    const s = schema;
    if (typeof s['$ref'] === 'string') out.push(...this.errors(this.resolve(s['$ref']), value, path));
    if (s['type'] !== undefined) {
      const types = Array.isArray(s['type']) ? (s['type'] as string[]) : [s['type'] as string];
      if (!types.some((t) => matchesType(value, t))) return [...out, `${path}: expected ${types.join(' or ')}, got ${typeOf(value)}`];
    }
    if ('const' in s && !equal(s['const'], value)) out.push(`${path}: expected ${JSON.stringify(s['const'])}, got ${JSON.stringify(value)}`);
    if (Array.isArray(s['enum']) && !s['enum'].some((e) => equal(e, value))) {
      out.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(s['enum'])}`);
    }
    if (typeof s['minimum'] === 'number' && typeof value === 'number' && value < s['minimum']) out.push(`${path}: ${value} is less than ${s['minimum']}`);
    if (typeof s['minLength'] === 'number' && typeof value === 'string' && value.length < s['minLength']) out.push(`${path}: shorter than ${s['minLength']}`);
    if (Array.isArray(value)) {
      if (typeof s['minItems'] === 'number' && value.length < s['minItems']) out.push(`${path}: fewer than ${s['minItems']} items`);
      if (s['items'] !== undefined) value.forEach((item, i) => out.push(...this.errors(s['items'] as JsonSchema, item, `${path}[${i}]`)));
    }
    if (isObject(value)) {
      const properties = isObject(s['properties']) ? s['properties'] : {};
      for (const key of Array.isArray(s['required']) ? (s['required'] as string[]) : []) {
        if (!(key in value)) out.push(`${path}: missing required property "${key}"`);
      }
      for (const [key, v] of Object.entries(value)) {
        const sub = properties[key];
        if (sub !== undefined) out.push(...this.errors(sub as JsonSchema, v, `${path}.${key}`));
        else if (s['additionalProperties'] !== undefined) out.push(...this.errors(s['additionalProperties'] as JsonSchema, v, `${path}.${key}`).map((e) => (s['additionalProperties'] === false ? `${path}: unexpected property "${key}"` : e)));
      }
    }
    if (Array.isArray(s['allOf'])) for (const sub of s['allOf'] as JsonSchema[]) out.push(...this.errors(sub, value, path));
    if (Array.isArray(s['anyOf'])) {
      const results = (s['anyOf'] as JsonSchema[]).map((sub) => this.errors(sub, value, path));
      if (!results.some((r) => r.length === 0)) out.push(`${path}: matches none of anyOf (${closest(results)})`);
    }
    if (Array.isArray(s['oneOf'])) {
      const results = (s['oneOf'] as JsonSchema[]).map((sub) => this.errors(sub, value, path));
      const passing = results.filter((r) => r.length === 0).length;
      if (passing === 0) out.push(`${path}: matches none of oneOf (closest: ${closest(results)})`);
      else if (passing > 1) out.push(`${path}: matches ${passing} alternatives of oneOf, exactly one expected`);
    }
    return out;
  }
}

/** The errors of the alternative that came closest, for a readable message. */
function closest(results: readonly string[][]): string {
  const best = [...results].sort((a, b) => a.length - b.length)[0] ?? [];
  return best.slice(0, 3).join('; ');
}

/** Validates `value` against `schema` (the root, whose `$defs` `$ref`s point into). Empty when valid. */
export function validate(schema: Record<string, unknown>, value: unknown): string[] {
  return new Validator(schema).errors(schema, value, '$');
}
