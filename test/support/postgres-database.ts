import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A new database in the test cluster, empty or a copy of `template` (the URL of a database nobody
 * is connected to; copied file by file); returns its URL.
 */
export const createTestDatabase = async (adminUrl: string, label: string, template?: string): Promise<string> => {
  const name = `${label.replace(/[^a-z0-9_]/g, '_')}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${databaseName(template)} STRATEGY FILE_COPY` : ''}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

const databaseName = (url: string): string => {
  const name = new URL(url).pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`not a test database: ${url}`);
  return name;
};

/** Runs SQL as the cluster's admin, e.g. to make a database refuse connections. */
export const adminQuery = async (adminUrl: string, sql: string): Promise<void> => {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

/** Runs `fn` with a client of its own on `url`, ended afterwards. */
export const withClient = async <T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
};
