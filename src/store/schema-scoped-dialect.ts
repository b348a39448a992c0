/**
 * A PostgreSQL dialect whose introspection sees one schema only: the store's (`pgSchema`) or, when
 * none is given, `current_schema()`.
 *
 * Why: Kysely's `Migrator` asks the introspector whether its tables exist. Kysely's own PostgreSQL
 * introspector lists every table of every schema in the database and calls `has_schema_privilege`
 * and `pg_get_serial_sequence` by name for each row. When another schema of the same database is
 * dropped while that query runs (parallel test runs, or several deployments sharing one database),
 * the catalog snapshot still holds the dropped rows but the name lookups fail, and the migration
 * fails with `schema "…" does not exist` or `relation "….kysely_migration_lock" does not exist`
 * although nothing is wrong with this store's schema. Scoping the catalog query to one schema,
 * with no by-name lookups, removes that race and keeps another schema's tables from counting as
 * ours.
 * @module
 */

import {
  DEFAULT_MIGRATION_LOCK_TABLE,
  DEFAULT_MIGRATION_TABLE,
  PostgresDialect,
  sql,
} from 'kysely';
import type {
  ColumnMetadata,
  DatabaseIntrospector,
  DatabaseMetadata,
  DatabaseMetadataOptions,
  Kysely,
  PostgresDialectConfig,
  SchemaMetadata,
  TableMetadata,
} from 'kysely';

/** {@link PostgresDialect} with a {@link SchemaScopedIntrospector}. */
export class SchemaScopedPostgresDialect extends PostgresDialect {
  readonly #schema: string | undefined;

  /** @param schema the schema to introspect; `current_schema()` when undefined. */
  constructor(config: PostgresDialectConfig, schema: string | undefined) {
    super(config);
    this.#schema = schema;
  }

  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SchemaScopedIntrospector(db, this.#schema);
  }
}

interface ColumnRow {
  readonly table: string;
  readonly table_type: string;
  readonly schema: string;
  readonly column: string | null;
  readonly type: string | null;
  readonly type_schema: string | null;
  readonly not_null: boolean | null;
  readonly has_default: boolean | null;
  readonly identity: string | null;
  readonly serial: boolean | null;
}

/** Tables, views and their columns of one PostgreSQL schema, read from `pg_catalog` by oid only. */
export class SchemaScopedIntrospector implements DatabaseIntrospector {
  readonly #db: Kysely<unknown>;
  readonly #schema: string | undefined;

  constructor(db: Kysely<unknown>, schema: string | undefined) {
    this.#db = db;
    this.#schema = schema;
  }

  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<{
      nspname: string;
    }>`select nspname from pg_catalog.pg_namespace`.execute(this.#db);
    return rows.map((row) => ({ name: row.nspname }));
  }

  async getTables(
    options: DatabaseMetadataOptions = { withInternalKyselyTables: false },
  ): Promise<TableMetadata[]> {
    const schema = this.#schema === undefined ? sql`current_schema()` : sql`${this.#schema}`;
    const { rows } = await sql<ColumnRow>`
      select c.relname as "table", c.relkind as table_type, ns.nspname as "schema",
             a.attname as "column", typ.typname as "type", tns.nspname as type_schema,
             a.attnotnull as not_null, a.atthasdef as has_default, a.attidentity as "identity",
             pg_catalog.pg_get_expr(d.adbin, d.adrelid) like 'nextval(%' as serial
        from pg_catalog.pg_class c
        join pg_catalog.pg_namespace ns on ns.oid = c.relnamespace
        left join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        left join pg_catalog.pg_attrdef d on d.adrelid = c.oid and d.adnum = a.attnum
        left join pg_catalog.pg_type typ on typ.oid = a.atttypid
        left join pg_catalog.pg_namespace tns on tns.oid = typ.typnamespace
       where ns.nspname = ${schema} and c.relkind in ('r', 'v', 'p')
       order by c.relname, a.attnum`.execute(this.#db);
    const tables = new Map<
      string,
      { name: string; isView: boolean; schema: string; columns: ColumnMetadata[] }
    >();
    for (const row of rows) {
      if (
        !options.withInternalKyselyTables &&
        (row.table === DEFAULT_MIGRATION_TABLE || row.table === DEFAULT_MIGRATION_LOCK_TABLE)
      )
        continue;
      let table = tables.get(row.table);
      if (table === undefined) {
        table = {
          name: row.table,
          isView: row.table_type === 'v',
          schema: row.schema,
          columns: [],
        };
        tables.set(row.table, table);
      }
      if (row.column === null) continue;
      table.columns.push({
        name: row.column,
        dataType: row.type ?? '',
        ...(row.type_schema !== null && { dataTypeSchema: row.type_schema }),
        isNullable: row.not_null !== true,
        hasDefaultValue: row.has_default === true,
        isAutoIncrementing: (row.identity !== null && row.identity !== '') || row.serial === true,
      });
    }
    return [...tables.values()];
  }

  async getMetadata(options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> {
    return { tables: await this.getTables(options) };
  }
}
