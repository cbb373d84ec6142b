import { inject } from 'vitest';
import { eventStoreContract } from './event-store.contract.js';
import { deskStoreFactory, inMemoryStoreFactory } from './desk-store-adapter.js';
import { hqPostgresStoreFactory, hqSqliteStoreFactory } from './hq-store-adapter.js';

eventStoreContract(inMemoryStoreFactory);
eventStoreContract(deskStoreFactory);
eventStoreContract(hqSqliteStoreFactory);
eventStoreContract(hqPostgresStoreFactory(inject('hqPostgresUrl')));
