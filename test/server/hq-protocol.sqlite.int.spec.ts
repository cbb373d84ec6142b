import { sqliteBackend } from '../support/hq-databases.js';
import { hqProtocolContract } from './hq-protocol.contract.js';

hqProtocolContract(sqliteBackend);
