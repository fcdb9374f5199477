export { RunEventHub } from './run-event-hub';
export { runHandlers } from './runs.handlers';
export { clusterRunHandlers, type ClusterRunHandlers } from './cluster-runs.handlers';
export { ClusterRuns } from './cluster-runs.service';
export { RunTargets, type ClusterRuntime, type OpenTarget } from './run-targets';
export { RunsService, decodePreview, type RunsServiceOptions } from './runs.service';
