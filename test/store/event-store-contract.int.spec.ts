import { eventStoreContract } from './event-store.contract.js';
import { deskStoreFactory, inMemoryStoreFactory } from './desk-store-adapter.js';

eventStoreContract(inMemoryStoreFactory);
eventStoreContract(deskStoreFactory);
