export { RunEventHub } from './run-event-hub';
export { runHandlers } from './runs.handlers';
export { RunsService, decodePreview, type RunsServiceOptions } from './runs.service';
