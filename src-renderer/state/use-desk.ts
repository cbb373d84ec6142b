import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { DeskState, DeskStore } from './desk-store.js';

export const DeskStoreContext = createContext<DeskStore | null>(null);

export const useDesk = <T,>(select: (state: DeskState) => T): T => {
  const store = useContext(DeskStoreContext);
  if (!store) throw new Error('useDesk outside <DeskStoreContext.Provider>');
  return useStore(store, select);
};
