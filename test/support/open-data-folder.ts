/** Child process: tries to open a data folder and says whether it could. */
import { openTabDesk } from './tab-desk.js';

const [dataDir] = process.argv.slice(2);
try {
  openTabDesk(dataDir as string).store.close();
  process.stdout.write('opened');
} catch (error) {
  process.stdout.write(`refused: ${(error as Error).message}`);
}
