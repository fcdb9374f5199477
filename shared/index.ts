export * from './model/document';
export * from './errors/codes';
