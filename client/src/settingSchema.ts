// The settings' schema is package.json's contributes.configuration, and
// nothing else: VS Code fills in its defaults, and a value a user wrote by
// hand that breaks it (a pace of 1 character a minute where the minimum is 60,
// a string where a number belongs) is brought back within it here, by the
// same minimum, maximum, enum and default. config.ts reads settings through
// this. No vscode import.

export interface PropertySchema {
  readonly type?: string | readonly string[];
  readonly default?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly enum?: readonly unknown[];
  readonly items?: PropertySchema;
}

/** Setting key (tigang.…) → its schema. */
export type SettingSchema = ReadonlyMap<string, PropertySchema>;

export function settingSchema(packageJson: unknown): SettingSchema {
  const configuration = (packageJson as { contributes?: { configuration?: unknown } } | undefined)?.contributes?.configuration;
  // contributes.configuration may be one object or a list of them.
  const parts = Array.isArray(configuration) ? configuration : [configuration];
  const schema = new Map<string, PropertySchema>();
  for (const part of parts) {
    const properties = (part as { properties?: Record<string, PropertySchema> } | undefined)?.properties ?? {};
    for (const [key, property] of Object.entries(properties)) schema.set(key, property);
  }
  return schema;
}

function typesOf(property: PropertySchema): readonly string[] {
  return property.type === undefined ? [] : typeof property.type === 'string' ? [property.type] : property.type;
}

function fits(property: PropertySchema, value: unknown): boolean {
  const types = typesOf(property);
  if (types.length === 0) return true;
  return types.some((type) => {
    switch (type) {
      case 'number':
        return typeof value === 'number' && Number.isFinite(value);
      case 'integer':
        return typeof value === 'number' && Number.isFinite(value);
      case 'boolean':
        return typeof value === 'boolean';
      case 'string':
        return typeof value === 'string';
      case 'array':
        return Array.isArray(value);
      case 'object':
        return typeof value === 'object' && value !== null && !Array.isArray(value);
      default:
        return true;
    }
  });
}

/**
 * The value of a setting within its schema: a value of the wrong type, or
 * not among the enum, gives the schema's default; a number is clamped to
 * minimum and maximum (an integer rounded down first); an array keeps the
 * items of its items' type.
 */
export function checkedValue(schema: SettingSchema, key: string, value: unknown): unknown {
  const property = schema.get(key);
  if (property === undefined) throw new Error(`${key} is not in package.json's contributes.configuration`);
  if (value === undefined || !fits(property, value)) return property.default;
  if (property.enum !== undefined && !property.enum.includes(value)) return property.default;
  if (typeof value === 'number') {
    let n = typesOf(property).includes('integer') ? Math.floor(value) : value;
    if (property.minimum !== undefined) n = Math.max(property.minimum, n);
    if (property.maximum !== undefined) n = Math.min(property.maximum, n);
    if (property.exclusiveMinimum !== undefined && n <= property.exclusiveMinimum) return property.default;
    return n;
  }
  if (Array.isArray(value) && property.items !== undefined) {
    const items = property.items;
    return value.filter((item) => fits(items, item));
  }
  return value;
}
