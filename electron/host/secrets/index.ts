export * from './ciphers';
export * from './secret-store';
export * from './secret.handlers';
export * from './env-key-store';
