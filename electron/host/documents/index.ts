// Documents that are never lost: atomic saves, change detection, autosave and recovery (used by every binding).
export * from './atomic-write';
export * from './autosave-store';
export * from './document-file';
