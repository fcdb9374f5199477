// The ML Metadata messages the emulator answers, built with protobufjs from field numbers of
// ml_metadata/proto/metadata_store.proto and metadata_store_service.proto (google/ml-metadata), so the emulator's
// wire bytes come from a real protobuf library and not from the client's own small codec.
import protobuf from 'protobufjs';

const int64 = (id: number, rule?: 'repeated') => ({ type: 'int64', id, ...(rule ? { rule, options: { packed: false } } : {}) });
const str = (id: number) => ({ type: 'string', id });
const msg = (type: string, id: number, rule?: 'repeated') => ({ type, id, ...(rule ? { rule } : {}) });
const map = (valueType: string, id: number) => ({ keyType: 'string', type: valueType, id });

const root = protobuf.Root.fromJSON({
  nested: {
    google: {
      nested: {
        protobuf: {
          nested: {
            Struct: { fields: { fields: map('Value', 1) } },
            Value: {
              oneofs: { kind: { oneof: ['nullValue', 'numberValue', 'stringValue', 'boolValue', 'structValue', 'listValue'] } },
              fields: { nullValue: { type: 'int32', id: 1 }, numberValue: { type: 'double', id: 2 }, stringValue: str(3), boolValue: { type: 'bool', id: 4 }, structValue: msg('Struct', 5), listValue: msg('ListValue', 6) },
            },
            ListValue: { fields: { values: msg('Value', 1, 'repeated') } },
          },
        },
      },
    },
    ml_metadata: {
      nested: {
        Value: {
          oneofs: { value: { oneof: ['intValue', 'doubleValue', 'stringValue', 'structValue', 'boolValue'] } },
          fields: { intValue: int64(1), doubleValue: { type: 'double', id: 2 }, stringValue: str(3), structValue: msg('google.protobuf.Struct', 4), boolValue: { type: 'bool', id: 6 } },
        },
        Artifact: { fields: { id: int64(1), typeId: int64(2), uri: str(3), properties: map('Value', 4), customProperties: map('Value', 5), state: { type: 'int32', id: 6 }, name: str(7), type: str(8) } },
        ArtifactType: { fields: { id: int64(1), name: str(2) } },
        Execution: {
          fields: { id: int64(1), typeId: int64(2), lastKnownState: { type: 'int32', id: 3 }, properties: map('Value', 4), customProperties: map('Value', 5), name: str(6), type: str(7), createTimeSinceEpoch: int64(8), lastUpdateTimeSinceEpoch: int64(9) },
        },
        Context: { fields: { id: int64(1), typeId: int64(2), name: str(3), type: str(6) } },
        EventStep: { fields: { index: int64(1), key: str(2) } },
        EventPath: { fields: { steps: msg('EventStep', 1, 'repeated') } },
        Event: { fields: { artifactId: int64(1), executionId: int64(2), path: msg('EventPath', 3), type: { type: 'int32', id: 4 }, millisecondsSinceEpoch: int64(5) } },
        ListOperationOptions: { fields: { maxResultSize: { type: 'int32', id: 1 }, nextPageToken: str(3) } },
        GetContextByTypeAndNameRequest: { fields: { typeName: str(1), contextName: str(2), typeVersion: str(3) } },
        GetContextByTypeAndNameResponse: { fields: { context: msg('Context', 1) } },
        GetExecutionsByContextRequest: { fields: { contextId: int64(1), options: msg('ListOperationOptions', 2) } },
        GetExecutionsByContextResponse: { fields: { executions: msg('Execution', 1, 'repeated'), nextPageToken: str(2) } },
        GetEventsByExecutionIDsRequest: { fields: { executionIds: int64(1, 'repeated') } },
        GetEventsByExecutionIDsResponse: { fields: { events: msg('Event', 1, 'repeated') } },
        GetArtifactsByIDRequest: { fields: { artifactIds: int64(1, 'repeated') } },
        GetArtifactsByIDResponse: { fields: { artifacts: msg('Artifact', 1, 'repeated') } },
        GetArtifactTypesByIDRequest: { fields: { typeIds: int64(1, 'repeated') } },
        GetArtifactTypesByIDResponse: { fields: { artifactTypes: msg('ArtifactType', 1, 'repeated') } },
      },
    },
  },
});

export function mlmdType(name: string): protobuf.Type {
  return root.lookupType(`ml_metadata.${name}`);
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A JSON value as google.protobuf.Value (protobufjs object form). */
export function protoValue(value: unknown): Record<string, unknown> {
  if (value === null || value === undefined) return { nullValue: 0 };
  if (typeof value === 'number') return { numberValue: value };
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (Array.isArray(value)) return { listValue: { values: value.map(protoValue) } };
  return { structValue: { fields: Object.fromEntries(Object.entries(value as { [key: string]: Json }).map(([key, item]) => [key, protoValue(item)])) } };
}

/** A custom property as ml_metadata.Value: numbers as double (KFP writes metrics so), strings, structs. */
export function mlmdValue(value: unknown): Record<string, unknown> {
  if (typeof value === 'number') return Number.isInteger(value) ? { intValue: value } : { doubleValue: value };
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  return { structValue: protoValue(value).structValue ?? { fields: {} } };
}
