export type { ArgoCompileOptions } from './argo.compile';
export { compileToArgo } from './argo.compile';
export { argoToYaml, compileToArgoArchive, compileToArgoYaml } from './argo.yaml';
export { ARGO_IMPORTER_IMAGE } from './argo-container.compile';
