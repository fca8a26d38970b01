/** odac.json connections for two databases on one server, every credential through ${ENV} (half from the environment, half from .env). */
import type { FixtureDatabases } from './fixture-app.js';

export function serverDatabases(type: string, mainUrl: string, analyticsUrl: string): FixtureDatabases & { mainUrl: string; analyticsUrl: string } {
  const main = new URL(mainUrl);
  const analytics = new URL(analyticsUrl);
  const connection = (database: string): Record<string, string> => ({
    type,
    host: '${DB_HOST}',
    port: '${DB_PORT}',
    user: '${DB_USER}',
    password: '${DB_PASSWORD}',
    database,
  });
  return {
    database: { default: connection('${MAIN_DB}'), analytics: connection('${ANALYTICS_DB}') },
    env: { DB_HOST: main.hostname, DB_PASSWORD: decodeURIComponent(main.password), MAIN_DB: decodeURIComponent(main.pathname.slice(1)) },
    dotenv: { DB_PORT: main.port || (type === 'postgres' ? '5432' : '3306'), DB_USER: decodeURIComponent(main.username), ANALYTICS_DB: decodeURIComponent(analytics.pathname.slice(1)) },
    mainUrl,
    analyticsUrl,
  };
}
