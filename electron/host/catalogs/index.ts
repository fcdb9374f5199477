// Catalogs: the bundled components and the team's sources (folders, URLs, indexes, Git), components by URL, and
// writing into folder catalogs (used by every binding and the CLI).
export * from './catalog.service';
export * from './catalog.handlers';
export * from './component-url';
export * from './remote-fetch';
