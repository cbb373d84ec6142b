import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { BoardState, BoardStore } from './board-store.js';
import type { DeskState, DeskStore } from './desk-store.js';

export const DeskStoreContext = createContext<DeskStore | null>(null);
export const BoardStoreContext = createContext<BoardStore | null>(null);

export const useDeskStore = (): DeskStore => {
  const store = useContext(DeskStoreContext);
  if (!store) throw new Error('useDesk outside <DeskStoreContext.Provider>');
  return store;
};

export const useDesk = <T,>(select: (state: DeskState) => T): T => useStore(useDeskStore(), select);

export const useBoardStore = (): BoardStore => {
  const store = useContext(BoardStoreContext);
  if (!store) throw new Error('useBoard outside <BoardStoreContext.Provider>');
  return store;
};

export const useBoard = <T,>(select: (state: BoardState) => T): T => useStore(useBoardStore(), select);
