export * from './host-api.calls';
export * from './host-result';
