// The preload of the main window (sandboxed, context-isolated): exposes `window.kfpStudio` and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { exposeBridge } from './preload-api';

exposeBridge(contextBridge, ipcRenderer);
