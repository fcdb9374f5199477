export * from './cluster-endpoint';
export * from './cluster-http';
export * from './connection-test';
export * from './kubeconfig.load';
export * from './profile-runtime';
export * from './profile-store';
export * from './profile.types';
export * from './cluster.handlers';
