import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A new empty database in the test cluster; returns its URL. */
export const createTestDatabase = async (adminUrl: string, label: string): Promise<string> => {
  const name = `${label.replace(/[^a-z0-9_]/g, '_')}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
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
