import { inject } from 'vitest';
import { postgresBackend } from '../support/hq-databases.js';
import { hqProtocolContract } from './hq-protocol.contract.js';

hqProtocolContract(postgresBackend(inject('hqPostgresUrl')));
