/** Electron main entry (out/main/main.cjs): the desk app with the real Electron and DeskCore. */
import * as electron from 'electron';
import { openDeskCore } from '../core/desk-core.js';
import { startDeskApp } from './desk-app.js';

startDeskApp({ electron, openDeskCore, argv: process.argv, env: process.env, resourcesPath: process.resourcesPath });

// Ctrl-C in the terminal of `npm start`, or a service manager: the same clean quit as the window's.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => electron.app.quit());
