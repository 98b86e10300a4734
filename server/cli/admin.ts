import { createDatabasePool } from '../adapters/mariadb.js';
import { createPrisma } from '../adapters/prisma.js';
import { applyMigrations } from '../jobs/migrate.js';
import { isRole, ROLES } from '../modules/users/user.policy.js';
import { UserRepo } from '../modules/users/user.repo.js';
import { runCli } from './run.js';

const USAGE = `usage: npm run admin -- grant <username> <${ROLES.join('|')}>\n       npm run admin -- premium <username>`;

await runCli(async (config, logger) => {
  const [command, username, role] = process.argv.slice(2);
  const grant = command === 'grant' && username && isRole(role);
  const premium = command === 'premium' && username && role === undefined;
  if (!grant && !premium) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  await applyMigrations(config.database, logger);
  const database = createDatabasePool(config.database);
  const prisma = createPrisma(database);
  try {
    const users = new UserRepo(prisma);
    const user = grant ? await users.setRole(username, role) : await users.setTier(username, 'PREMIUM');
    if (!user) {
      console.error(`error: no user is called "${username}"`);
      process.exitCode = 1;
      return;
    }
    console.log(grant ? `${user.username} is now ${user.role} (effective at their next request)` : `${user.username} is now PREMIUM (effective at once)`);
  } finally {
    await prisma.$disconnect();
    await database.dispose();
  }
});
