// KFP v2 IR as its files hold it: PipelineSpec and PlatformSpec in the protobuf JSON mapping (camelCase names), written
// once here after ../shared/kfp/schema/kfp-ir.descriptor.json (ml_pipelines: PipelineSpec, ComponentSpec, DagSpec,
// PipelineTaskSpec, TaskInputsSpec, ComponentInputsSpec/ComponentOutputsSpec, PipelineDeploymentConfig, PlatformSpec).
// Every field is optional, as in protobuf; google.protobuf.Struct and Value are JSON. Types, not interfaces, so that a
// spec is also plain data (`{ [key: string]: unknown }`) to the code that sends or stores it. Only what KFP Studio writes or
// reads is spelled out; the kfp-kubernetes executor config stays JSON (its schema lives in kfp-kubernetes).
import type { JsonValue } from '../model/document';

export type IrParameterType = 'NUMBER_DOUBLE' | 'NUMBER_INTEGER' | 'STRING' | 'BOOLEAN' | 'LIST' | 'STRUCT' | 'TASK_FINAL_STATUS' | 'TASK_CONFIG';

export type IrArtifactTypeSchema = {
  schemaTitle?: string;
  schemaVersion?: string;
};

export type IrParameterSpec = {
  parameterType?: IrParameterType;
  defaultValue?: JsonValue;
  isOptional?: boolean;
  description?: string;
  literals?: JsonValue[];
};

export type IrArtifactSpec = {
  artifactType?: IrArtifactTypeSchema;
  isArtifactList?: boolean;
  isOptional?: boolean;
  description?: string;
  metadata?: { [key: string]: JsonValue };
};

/** ComponentInputsSpec / ComponentOutputsSpec. */
export type IrDefinitionsSpec = {
  parameters?: { [name: string]: IrParameterSpec };
  artifacts?: { [name: string]: IrArtifactSpec };
};

export type IrValueOrRuntimeParameter = {
  constant?: JsonValue;
  runtimeParameter?: string;
};

export type IrInputParameterSpec = {
  componentInputParameter?: string;
  taskOutputParameter?: { producerTask?: string; outputParameterKey?: string };
  runtimeValue?: IrValueOrRuntimeParameter;
  taskFinalStatus?: { producerTask?: string };
  parameterExpressionSelector?: string;
};

export type IrInputArtifactSpec = {
  componentInputArtifact?: string;
  taskOutputArtifact?: { producerTask?: string; outputArtifactKey?: string };
};

export type IrTaskInputsSpec = {
  parameters?: { [name: string]: IrInputParameterSpec };
  artifacts?: { [name: string]: IrInputArtifactSpec };
};

export type IrRetryPolicy = {
  maxRetryCount?: number;
  backoffDuration?: string;
  backoffFactor?: number;
  backoffMaxDuration?: string;
};

export type IrPipelineTaskSpec = {
  taskInfo?: { name?: string };
  inputs?: IrTaskInputsSpec;
  dependentTasks?: string[];
  cachingOptions?: { enableCache?: boolean; cacheKey?: string };
  componentRef?: { name?: string };
  triggerPolicy?: { condition?: string; strategy?: 'ALL_UPSTREAM_TASKS_SUCCEEDED' | 'ALL_UPSTREAM_TASKS_COMPLETED' };
  parameterIterator?: { itemInput?: string; items?: { raw?: string; inputParameter?: string } };
  artifactIterator?: { itemInput?: string; items?: { inputArtifact?: string } };
  retryPolicy?: IrRetryPolicy;
  iteratorPolicy?: { parallelismLimit?: number };
};

export type IrParameterSelector = {
  producerSubtask?: string;
  outputParameterKey?: string;
};

export type IrDagOutputsSpec = {
  parameters?: { [name: string]: { valueFromParameter?: IrParameterSelector; valueFromOneof?: { parameterSelectors?: IrParameterSelector[] } } };
  artifacts?: { [name: string]: { artifactSelectors?: { producerSubtask?: string; outputArtifactKey?: string }[] } };
};

export type IrDagSpec = {
  tasks?: { [name: string]: IrPipelineTaskSpec };
  outputs?: IrDagOutputsSpec;
};

export type IrComponentSpec = {
  inputDefinitions?: IrDefinitionsSpec;
  outputDefinitions?: IrDefinitionsSpec;
  dag?: IrDagSpec;
  executorLabel?: string;
};

export type IrContainerSpec = {
  image?: string;
  command?: string[];
  args?: string[];
  env?: { name?: string; value?: string }[];
  resources?: { [field: string]: JsonValue };
};

export type IrImporterSpec = {
  artifactUri?: IrValueOrRuntimeParameter;
  typeSchema?: IrArtifactTypeSchema;
  reimport?: boolean;
  metadata?: { [key: string]: JsonValue };
  downloadToWorkspace?: boolean;
};

export type IrExecutorSpec = {
  container?: IrContainerSpec;
  importer?: IrImporterSpec;
};

export type PipelineSpec = {
  pipelineInfo?: { name?: string; displayName?: string; description?: string };
  deploymentSpec?: { executors?: { [label: string]: IrExecutorSpec } };
  sdkVersion?: string;
  schemaVersion?: string;
  components?: { [name: string]: IrComponentSpec };
  root?: IrComponentSpec;
  defaultPipelineRoot?: string;
};

/** The kfp-kubernetes part: executor configs by executor label, and the pipeline-wide config. */
export type KubernetesPlatformSpec = {
  deploymentSpec?: { executors?: { [label: string]: { [field: string]: unknown } } };
  pipelineConfig?: { [field: string]: unknown };
};

export type PlatformSpec = {
  platforms?: { kubernetes?: KubernetesPlatformSpec };
};
