// The runtime schema of the document: parses untrusted files and is written out as JSON Schema
// (`npm run schema` → resources/schema/pipeline-document.schema.json). Mirrors document.ts field for field.
import { z } from 'zod';
import type * as M from './document';
import { COMPARISON_OPERATORS, DOCUMENT_FORMAT, DOCUMENT_VERSION, IMAGE_PULL_POLICIES, PARAMETER_TYPES } from './document';

const jsonValue: z.ZodType<M.JsonValue> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
).meta({ id: 'JsonValue' });
const stringMap = z.record(z.string(), z.string());

const artifactType = z.strictObject({
  kind: z.literal('artifact'),
  schemaTitle: z.string().min(1),
  schemaVersion: z.string(),
  isList: z.boolean().optional(),
  declaredAs: z.string().optional(),
});

const kfpType = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('parameter'), type: z.enum(PARAMETER_TYPES), declaredAs: z.string().optional() }),
  artifactType,
]).meta({ id: 'KfpType' });

const portSpec = z.strictObject({
  name: z.string().min(1),
  type: kfpType,
  description: z.string().optional(),
  optional: z.boolean().optional(),
  default: jsonValue.optional(),
  literals: z.array(jsonValue).optional(),
}).meta({ id: 'PortSpec' });

const commandArg: z.ZodType<M.CommandArg> = z.lazy(() =>
  z.union([
    z.string(),
    z.strictObject({ concat: z.array(commandArg) }),
    z.strictObject({
      ifPresent: z.strictObject({ input: z.string(), then: z.array(commandArg), else: z.array(commandArg).optional() }),
    }),
  ]),
);

const envVar = z.strictObject({ name: z.string(), value: z.string() });

const taskOutputRef = z.strictObject({ task: z.string(), output: z.string() }).meta({ id: 'TaskOutputRef' });

const simpleArguments = [
  z.strictObject({ kind: z.literal('constant'), value: jsonValue }),
  z.strictObject({ kind: z.literal('graphInput'), input: z.string() }),
  z.strictObject({ kind: z.literal('taskOutput'), task: z.string(), output: z.string() }),
  z.strictObject({ kind: z.literal('loopItem'), loop: z.string(), field: z.string().optional() }),
  z.strictObject({ kind: z.literal('collected'), task: z.string(), output: z.string() }),
  z.strictObject({ kind: z.literal('oneOf'), sources: z.array(taskOutputRef) }),
  z.strictObject({ kind: z.literal('taskFinalStatus') }),
] as const;

const templatePart = z.union([z.string(), z.discriminatedUnion('kind', [...simpleArguments])]);

const argument = z
  .discriminatedUnion('kind', [
    ...simpleArguments,
    z.strictObject({ kind: z.literal('template'), parts: z.array(templatePart), format: z.literal('json').optional() }),
  ])
  .meta({ id: 'Argument' });

const comparison = z.strictObject({ left: argument, operator: z.enum(COMPARISON_OPERATORS), right: argument });

const groupBase = { id: z.string(), displayName: z.string().optional(), parent: z.string().optional() };
const group = z.discriminatedUnion('kind', [
  z.strictObject({
    ...groupBase,
    kind: z.literal('condition'),
    branches: z.array(z.strictObject({ id: z.string(), when: comparison.optional() })),
  }),
  z.strictObject({
    ...groupBase,
    kind: z.literal('parallelFor'),
    items: argument,
    parallelism: z.number().int().optional(),
    itemName: z.string().optional(),
    itemType: z.enum(PARAMETER_TYPES).optional(),
  }),
  z.strictObject({ ...groupBase, kind: z.literal('exitHandler'), exitTask: z.string() }),
]).meta({ id: 'Group' });

const selectorRequirement = z.strictObject({ key: z.string(), operator: z.string(), values: z.array(z.string()).optional() });

const taskOptions = z.strictObject({
  caching: z.boolean().optional(),
  cacheKey: z.string().optional(),
  retry: z
    .strictObject({
      maxRetryCount: z.number(),
      backoffDuration: z.string().optional(),
      backoffFactor: z.number().optional(),
      backoffMaxDuration: z.string().optional(),
    })
    .optional(),
  resources: z
    .strictObject({
      cpuRequest: z.string().optional(),
      cpuLimit: z.string().optional(),
      memoryRequest: z.string().optional(),
      memoryLimit: z.string().optional(),
      accelerator: z.strictObject({ type: z.string(), count: z.number() }).optional(),
      from: z
        .strictObject({
          cpuRequest: argument.optional(),
          cpuLimit: argument.optional(),
          memoryRequest: argument.optional(),
          memoryLimit: argument.optional(),
          acceleratorType: argument.optional(),
          acceleratorCount: argument.optional(),
        })
        .optional(),
    })
    .optional(),
  env: z.array(envVar).optional(),
  secrets: z
    .array(
      z.discriminatedUnion('kind', [
        z.strictObject({
          kind: z.literal('env'),
          secretName: z.string(),
          key: z.string(),
          envVar: z.string(),
          optional: z.boolean().optional(),
          secretNameFrom: argument.optional(),
        }),
        z.strictObject({
          kind: z.literal('volume'),
          secretName: z.string(),
          mountPath: z.string(),
          optional: z.boolean().optional(),
          secretNameFrom: argument.optional(),
        }),
      ]),
    )
    .optional(),
  pvcs: z
    .array(z.strictObject({ pvcName: z.string(), mountPath: z.string(), pvcNameFrom: argument.optional(), subPath: z.string().optional() }))
    .optional(),
  nodeSelector: stringMap.optional(),
  tolerations: z
    .array(
      z.strictObject({
        key: z.string().optional(),
        operator: z.enum(['Equal', 'Exists']).optional(),
        value: z.string().optional(),
        effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']).optional(),
        tolerationSeconds: z.number().optional(),
        fromJson: argument.optional(),
      }),
    )
    .optional(),
  imagePullPolicy: z.enum(IMAGE_PULL_POLICIES).optional(),
  imagePullSecrets: z.array(z.string()).optional(),
  podLabels: stringMap.optional(),
  podAnnotations: stringMap.optional(),
  ignoreUpstreamFailure: z.boolean().optional(),
  fieldPathEnv: z.array(z.strictObject({ name: z.string(), fieldPath: z.string() })).optional(),
  configMaps: z
    .array(
      z.discriminatedUnion('kind', [
        z.strictObject({
          kind: z.literal('env'),
          configMapName: z.string(),
          key: z.string(),
          envVar: z.string(),
          optional: z.boolean().optional(),
          configMapNameFrom: argument.optional(),
        }),
        z.strictObject({
          kind: z.literal('volume'),
          configMapName: z.string(),
          mountPath: z.string(),
          optional: z.boolean().optional(),
          configMapNameFrom: argument.optional(),
        }),
      ]),
    )
    .optional(),
  emptyDirs: z
    .array(z.strictObject({ volumeName: z.string(), mountPath: z.string(), medium: z.string().optional(), sizeLimit: z.string().optional() }))
    .optional(),
  activeDeadlineSeconds: z.number().optional(),
  nodeSelectorFrom: argument.optional(),
  imagePullSecretsFrom: z.array(argument).optional(),
  nodeAffinity: z
    .array(z.strictObject({ matchExpressions: z.array(selectorRequirement).optional(), matchFields: z.array(selectorRequirement).optional(), weight: z.number().optional(), fromJson: argument.optional() }))
    .optional(),
  podAffinity: z
    .array(
      z.strictObject({
        matchPodExpressions: z.array(selectorRequirement).optional(),
        matchPodLabels: stringMap.optional(),
        topologyKey: z.string().optional(),
        namespaces: z.array(z.string()).optional(),
        matchNamespaceExpressions: z.array(selectorRequirement).optional(),
        matchNamespaceLabels: stringMap.optional(),
        weight: z.number().optional(),
        anti: z.boolean().optional(),
      }),
    )
    .optional(),
  ephemeralVolumes: z
    .array(
      z.strictObject({
        volumeName: z.string(),
        mountPath: z.string(),
        accessModes: z.array(z.string()),
        size: z.string(),
        storageClassName: z.string().optional(),
        labels: stringMap.optional(),
        annotations: stringMap.optional(),
      }),
    )
    .optional(),
  sharedMemory: z.strictObject({ volumeName: z.string(), size: z.string() }).optional(),
  securityContext: z.strictObject({ runAsUser: z.number().optional(), runAsGroup: z.number().optional(), runAsNonRoot: z.boolean().optional() }).optional(),
  initContainers: z
    .array(
      z.strictObject({
        name: z.string(),
        image: z.string(),
        command: z.array(z.string()).optional(),
        args: z.array(z.string()).optional(),
        env: z.array(envVar).optional(),
        volumeMounts: z.array(z.strictObject({ volumeName: z.string(), mountPath: z.string() })).optional(),
        restartPolicy: z.string().optional(),
        resourceRequests: stringMap.optional(),
        resourceLimits: stringMap.optional(),
      }),
    )
    .optional(),
}).meta({ id: 'TaskOptions' });

const task = z.strictObject({
  id: z.string(),
  component: z.string(),
  displayName: z.string().optional(),
  parent: z.string().optional(),
  arguments: z.record(z.string(), argument),
  after: z.array(z.string()),
  options: taskOptions,
}).meta({ id: 'Task' });

const nodePosition = z.strictObject({
  x: z.number(),
  y: z.number(),
  width: z.number().optional(),
  height: z.number().optional(),
  collapsed: z.boolean().optional(),
});

const graph: z.ZodType<M.PipelineGraph> = z.lazy(() =>
  z.strictObject({
    inputs: z.array(portSpec),
    outputs: z.array(z.strictObject({ name: z.string(), type: kfpType, source: argument, description: z.string().optional() })),
    tasks: z.record(z.string(), task),
    groups: z.record(z.string(), group),
    layout: z.record(z.string(), nodePosition),
  }),
);

const imageBuild = z.strictObject({
  source: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('folder'), dir: z.string().min(1) }),
    z.strictObject({ kind: z.literal('script'), script: z.string().min(1), requirements: z.string().min(1).optional(), baseImage: z.string().min(1) }),
    z.strictObject({ kind: z.literal('packages'), packages: z.array(z.string().min(1)).min(1), baseImage: z.string().min(1) }),
  ]),
  contextHash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  tag: z.string().min(1),
  builtAt: z.string(),
});

const implementation = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('container'),
    image: z.string(),
    command: z.array(commandArg).optional(),
    args: z.array(commandArg).optional(),
    env: z.array(envVar).optional(),
    fileOutputs: stringMap.optional(),
    build: imageBuild.optional(),
  }),
  z.strictObject({
    kind: z.literal('script'),
    image: z.string(),
    language: z.enum(['python', 'shell']),
    code: z.string(),
    packages: z.array(z.string()).optional(),
    build: imageBuild.optional(),
  }),
  z.strictObject({
    kind: z.literal('importer'),
    uriInput: z.string(),
    artifactType,
    reimport: z.boolean(),
    metadata: z.record(z.string(), jsonValue).optional(),
    downloadToWorkspace: z.boolean().optional(),
  }),
  z.strictObject({ kind: z.literal('graph'), graph }),
]);

const componentSource = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('catalog'), ref: z.string(), digest: z.string().optional() }),
  z.strictObject({ kind: z.literal('url'), url: z.string(), digest: z.string() }),
  z.strictObject({ kind: z.literal('file'), path: z.string() }),
  z.strictObject({ kind: z.literal('image') }),
  z.strictObject({ kind: z.literal('script') }),
  z.strictObject({ kind: z.literal('ir') }),
]);

const componentSpec = z.strictObject({
  name: z.string(),
  description: z.string().optional(),
  inputs: z.array(portSpec),
  outputs: z.array(portSpec),
  implementation,
  source: componentSource.optional(),
  unusedKeys: z.array(z.string()).optional(),
}).meta({ id: 'ComponentSpec' });

const documentShape = z.strictObject({
  format: z.literal(DOCUMENT_FORMAT),
  version: z.literal(DOCUMENT_VERSION),
  id: z.string().max(200).optional(),
  name: z.string(),
  displayName: z.string().optional(),
  description: z.string().optional(),
  defaultPipelineRoot: z.string().optional(),
  workspace: z.strictObject({ size: z.string(), pvcSpecPatch: z.record(z.string(), jsonValue).optional() }).optional(),
  runSettings: z
    .strictObject({
      activeDeadlineSeconds: z.number().optional(),
      resourceTtlOnCompletion: z.number().optional(),
      resourceTtlOnSuccess: z.number().optional(),
      resourceTtlOnFailure: z.number().optional(),
    })
    .optional(),
  graph,
  components: z.record(z.string(), componentSpec),
});

export const pipelineDocumentSchema: z.ZodType<M.PipelineDocument> = documentShape;

/** The JSON Schema published in resources/schema/ for other tools. */
export function documentJsonSchema(): object {
  return z.toJSONSchema(pipelineDocumentSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
}

// The schema must say exactly what the model says: a field added to document.ts and not here fails typecheck.
type Exact<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const schemaMatchesModel: [
  Exact<z.infer<typeof kfpType>, M.KfpType>,
  Exact<z.infer<typeof portSpec>, M.PortSpec>,
  Exact<z.infer<typeof argument>, M.Argument>,
  Exact<z.infer<typeof group>, M.Group>,
  Exact<z.infer<typeof taskOptions>, M.TaskOptions>,
  Exact<z.infer<typeof task>, M.Task>,
  Exact<z.infer<typeof implementation>, M.Implementation>,
  Exact<z.infer<typeof componentSpec>, M.ComponentSpec>,
  Exact<z.infer<typeof documentShape>, M.PipelineDocument>,
] = [true, true, true, true, true, true, true, true, true];
void schemaMatchesModel;
