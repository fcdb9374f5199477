export * from './ciphers';
export * from './secret-store';
export * from './secret.handlers';
