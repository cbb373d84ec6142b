/** Renderer entry: picks the Bridge, fills the store from it, renders the desk. */
import '@fontsource/pretendard/400.css';
import '@fontsource/pretendard/600.css';
import '@fontsource/pretendard/700.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { chooseBridge } from './bridge/bridge.js';
import { createDeskStore, followChanges } from './state/desk-store.js';
import { DeskStoreContext } from './state/use-desk.js';
import { App } from './ui/App.js';

const bridge = chooseBridge(window);
const store = createDeskStore(bridge);
followChanges(bridge, store);
void store.getState().refresh();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <DeskStoreContext.Provider value={store}>
      <App />
    </DeskStoreContext.Provider>
  </StrictMode>,
);
