import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../server/paths.js';

export interface ModelField {
  name: string;
  type: string;
  optional: boolean;
  list: boolean;
  attributes: string;
}

export interface Model {
  name: string;
  table: string;
  fields: ModelField[];
  blockAttributes: string[];
}

const SCALARS = new Set(['String', 'Int', 'BigInt', 'Float', 'Decimal', 'Boolean', 'DateTime', 'Json', 'Bytes']);

/**
 * Reads the models of prisma/schema.prisma: enough of the language for the checks in
 * database-model.test.ts (fields, @id, @unique, @default, @db.*, @relation, @@index, @@unique, @@map).
 */
export async function readPrismaModels(): Promise<{ models: Model[]; enums: Set<string> }> {
  const text = (await readFile(join(PROJECT_ROOT, 'prisma', 'schema.prisma'), 'utf8')).replace(/\/\/.*$/gm, '');
  const enums = new Set([...text.matchAll(/^enum\s+(\w+)\s*\{/gm)].map((m) => m[1]));
  const models: Model[] = [];
  for (const match of text.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const [, name, body] = match;
    const fields: ModelField[] = [];
    const blockAttributes: string[] = [];
    for (const raw of body.split('\n')) {
      const line = raw.trim();
      if (!line) continue;
      if (line.startsWith('@@')) {
        blockAttributes.push(line);
        continue;
      }
      const field = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(line);
      if (field) fields.push({ name: field[1], type: field[2], list: !!field[3], optional: !!field[4], attributes: field[5] });
    }
    const mapped = blockAttributes.map((a) => /^@@map\("(\w+)"\)/.exec(a)?.[1]).find(Boolean);
    models.push({ name, table: mapped ?? name, fields, blockAttributes });
  }
  return { models, enums };
}

export function isColumn(field: ModelField, enums: Set<string>): boolean {
  return !field.list && (SCALARS.has(field.type) || enums.has(field.type));
}

/** The MariaDB column type Prisma's MySQL connector creates for a field. */
export function expectedColumnType(field: ModelField, enums: Set<string>): string {
  const native = /@db\.(\w+)(?:\((\d+)\))?/.exec(field.attributes);
  if (native) {
    const [, kind, size] = native;
    const names: Record<string, string> = {
      VarChar: 'varchar',
      Char: 'char',
      DateTime: 'datetime',
      Text: 'text',
      TinyInt: 'tinyint',
      UnsignedInt: 'int(10) unsigned',
      MediumText: 'mediumtext',
      LongText: 'longtext',
    };
    const base = names[kind] ?? kind.toLowerCase();
    return size ? `${base}(${size})` : base;
  }
  if (enums.has(field.type)) return 'enum';
  const defaults: Record<string, string> = {
    String: 'varchar(191)',
    Int: 'int(11)',
    BigInt: 'bigint(20)',
    Float: 'double',
    Boolean: 'tinyint(1)',
    DateTime: 'datetime(3)',
    Json: 'longtext',
    Bytes: 'longblob',
  };
  return defaults[field.type];
}

export function listOf(attribute: string): string[] {
  const inner = /\[([^\]]*)\]/.exec(attribute)?.[1] ?? '';
  return inner
    .split(',')
    .map((s) => s.trim().replace(/\(.*\)$/, ''))
    .filter(Boolean);
}
