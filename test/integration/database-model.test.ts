import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as mariadb from 'mariadb';
import { expectedColumnType, isColumn, listOf, readPrismaModels, type Model } from '../support/prisma-schema.js';
import { testConfig } from '../support/environment.js';

const config = testConfig();
let connection: mariadb.Connection;
let models: Model[];
let enums: Set<string>;

beforeAll(async () => {
  ({ models, enums } = await readPrismaModels());
  connection = await mariadb.createConnection({
    host: config.database.host,
    port: config.database.port,
    user: config.database.user,
    password: config.database.password,
    database: config.database.database,
  });
});

afterAll(async () => {
  await connection.end();
});

interface ColumnRow {
  TABLE_NAME: string;
  COLUMN_NAME: string;
  COLUMN_TYPE: string;
  IS_NULLABLE: string;
  EXTRA: string;
}
interface IndexRow {
  TABLE_NAME: string;
  INDEX_NAME: string;
  NON_UNIQUE: number | bigint;
  COLUMN_NAME: string;
  SEQ_IN_INDEX: number | bigint;
}
interface ForeignKeyRow {
  TABLE_NAME: string;
  COLUMN_NAME: string;
  REFERENCED_TABLE_NAME: string;
  REFERENCED_COLUMN_NAME: string;
  DELETE_RULE: string;
}

async function liveSchema() {
  const columns: ColumnRow[] = await connection.query('SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, EXTRA FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()');
  const indexes: IndexRow[] = await connection.query(
    'SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SEQ_IN_INDEX FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX',
  );
  const foreignKeys: ForeignKeyRow[] = await connection.query(
    `SELECT k.TABLE_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, r.DELETE_RULE
     FROM information_schema.KEY_COLUMN_USAGE k
     JOIN information_schema.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
     WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL`,
  );
  const indexColumns = new Map<string, { unique: boolean; columns: string[] }>();
  for (const row of indexes) {
    const key = `${row.TABLE_NAME}.${row.INDEX_NAME}`;
    const entry = indexColumns.get(key) ?? { unique: Number(row.NON_UNIQUE) === 0, columns: [] };
    entry.columns.push(row.COLUMN_NAME);
    indexColumns.set(key, entry);
  }
  return { columns, indexes: [...indexColumns.entries()].map(([key, value]) => ({ table: key.split('.')[0], name: key.split('.')[1], ...value })), foreignKeys };
}

describe('the live MariaDB tables match prisma/schema.prisma', () => {
  it('has exactly one table per model, plus the migrations bookkeeping table', async () => {
    const { columns } = await liveSchema();
    const tables = new Set(columns.map((c) => c.TABLE_NAME));
    expect([...tables].sort()).toEqual([...models.map((m) => m.table), '_prisma_migrations'].sort());
  });

  it('has every field as a column of the right type and nullability, and nothing else', async () => {
    const { columns } = await liveSchema();
    for (const model of models) {
      const live = columns.filter((c) => c.TABLE_NAME === model.table);
      const fields = model.fields.filter((f) => isColumn(f, enums));
      expect(live.map((c) => c.COLUMN_NAME).sort(), model.table).toEqual(fields.map((f) => f.name).sort());
      for (const field of fields) {
        const column = live.find((c) => c.COLUMN_NAME === field.name)!;
        const where = `${model.table}.${field.name}`;
        const expected = expectedColumnType(field, enums);
        if (expected === 'enum') expect(column.COLUMN_TYPE, where).toMatch(/^enum\(/);
        else expect(column.COLUMN_TYPE, where).toBe(expected);
        expect(column.IS_NULLABLE, where).toBe(field.optional ? 'YES' : 'NO');
        if (field.attributes.includes('autoincrement()')) expect(column.EXTRA, where).toContain('auto_increment');
      }
    }
  });

  it('has the primary keys, unique constraints and indexes the model declares', async () => {
    const { indexes } = await liveSchema();
    for (const model of models) {
      const live = indexes.filter((i) => i.table === model.table);
      const idField = model.fields.find((f) => /@id\b/.test(f.attributes));
      const compositeId = model.blockAttributes.find((a) => a.startsWith('@@id'));
      const primary = live.find((i) => i.name === 'PRIMARY');
      expect(primary?.columns, `${model.table} primary key`).toEqual(idField ? [idField.name] : listOf(compositeId ?? ''));
      const declared = [
        ...model.fields.filter((f) => /@unique\b/.test(f.attributes)).map((f) => ({ unique: true, columns: [f.name] })),
        ...model.blockAttributes.filter((a) => a.startsWith('@@unique')).map((a) => ({ unique: true, columns: listOf(a) })),
        ...model.blockAttributes.filter((a) => a.startsWith('@@index')).map((a) => ({ unique: false, columns: listOf(a) })),
      ];
      for (const index of declared) {
        const match = live.find((i) => i.unique === index.unique && i.columns.join() === index.columns.join());
        expect(match, `${model.table} ${index.unique ? 'unique' : 'index'} (${index.columns.join(', ')})`).toBeDefined();
      }
    }
  });

  it('has a foreign key for every relation, with the declared delete rule', async () => {
    const { foreignKeys } = await liveSchema();
    const tableOf = new Map(models.map((m) => [m.name, m.table]));
    let relations = 0;
    for (const model of models) {
      for (const field of model.fields) {
        const relation = /@relation\(([^)]*)\)/.exec(field.attributes)?.[1];
        if (!relation?.includes('fields:')) continue;
        relations++;
        const columns = listOf(/fields:\s*(\[[^\]]*\])/.exec(relation)![1]);
        const references = listOf(/references:\s*(\[[^\]]*\])/.exec(relation)![1]);
        const onDelete = /onDelete:\s*(\w+)/.exec(relation)?.[1] ?? (field.optional ? 'SetNull' : 'Restrict');
        const rule = { Cascade: 'CASCADE', Restrict: 'RESTRICT', SetNull: 'SET NULL', NoAction: 'NO ACTION' }[onDelete];
        columns.forEach((column, i) => {
          const key = foreignKeys.find((k) => k.TABLE_NAME === model.table && k.COLUMN_NAME === column);
          const where = `${model.table}.${column} -> ${tableOf.get(field.type)}.${references[i]}`;
          expect(key, where).toBeDefined();
          expect(key!.REFERENCED_TABLE_NAME, where).toBe(tableOf.get(field.type));
          expect(key!.REFERENCED_COLUMN_NAME, where).toBe(references[i]);
          expect(key!.DELETE_RULE, where).toBe(rule);
        });
      }
    }
    expect(foreignKeys).toHaveLength(relations);
  });
});
