import mysql from 'mysql2/promise';

export const reporting = mysql.createPool({
  host: 'reporting-db',
  user: 'reporter',
  password: 'not-a-real-password',
  database: 'reports',
});

export const main = mysql.createPool({
  host: 'main-db',
  user: 'app',
  password: process.env.DB_PASSWORD,
  database: 'app',
});
