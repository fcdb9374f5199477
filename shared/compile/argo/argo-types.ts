// Shapes shared by the Argo compiler's modules.
import type { Argument } from '../../model/document';

export type ArgoObject = { [key: string]: unknown };

/** What a DAG task needs to call one task's template: its name and the Argo names of its ports. */
export interface TaskTemplate {
  template: string;
  /** Input port → Argo input name, for the inputs the task gives (an argument, or the port's default). */
  inputs: Map<string, { name: string; artifact: boolean }>;
  /** Output port → Argo output name. */
  outputs: Map<string, { name: string; artifact: boolean }>;
  /** Extra template inputs that carry values into Kubernetes settings (a secret's name taken from a parameter). */
  extras: { name: string; arg: Argument }[];
}
