import pg from 'pg';

/** The connection string of database `name` on the cluster of a `postgresUrlTemplate` (`{db}` placeholder). */
export function databaseUrl(postgresUrlTemplate: string, name: string): string {
  return postgresUrlTemplate.replace('%7Bdb%7D', encodeURIComponent(name));
}

/**
 * Creates database `name` on that cluster unless it exists, and returns its connection string. The name must
 * be a plain identifier (letters, digits, underscores): it is written into the statement.
 */
export async function ensureDatabase(postgresUrlTemplate: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${JSON.stringify(name)}`);
  const client = new pg.Client({ connectionString: databaseUrl(postgresUrlTemplate, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount === 0) await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  return databaseUrl(postgresUrlTemplate, name);
}
