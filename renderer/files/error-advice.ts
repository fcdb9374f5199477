// What a person can do about a refused file or a failed compile, by error code: shown under the error itself.
import type { ErrorCode } from '../../shared/errors/codes';

const ADVICE: Partial<Record<ErrorCode, string>> = {
  KFS501: 'Choose a smaller file: Kubeflow Pipelines accepts pipeline files of at most 32 MiB.',
  KFS503: 'The file is not a KFP Studio document. Open the original file, or a compiled pipeline (.yaml, .zip, .tar.gz) instead.',
  KFS504: 'The document was written by a newer KFP Studio: open it with that version.',
  KFS505: 'Check that the file exists and can be read, then try again.',
  KFS506: 'Check that there is free space and that the folder can be written to, then save again.',
  KFS510: 'Choose a pipeline document (.pipeline.json) or a compiled pipeline (.yaml, .json, .zip or .tar.gz).',
  KFS511: 'The archive is damaged or cut short: download or compile it again, then open the new copy.',
  KFS512: 'The file is empty: download or compile it again.',
  KFS513: 'The archive holds no pipeline.yaml: check it is a compiled Kubeflow pipeline.',
  KFS514: 'The archive tries to write outside its folder and was refused for safety: use an archive from a trusted source.',
  KFS515: 'The archive holds links or special files and was refused for safety: use an archive from a trusted source.',
  KFS516: 'The archive unpacks to more than 32 MiB and was refused: it is not a pipeline archive.',
  KFS517: 'The archive holds too many files: a pipeline archive holds one pipeline.yaml.',
  KFS518: 'The pipeline text is not UTF-8: save it as UTF-8 and open it again.',
  KFS410: 'The YAML has a syntax error at the place shown: fix it in a text editor, or compile the pipeline again.',
  KFS502: 'The YAML expands to too much data through aliases and was refused.',
  KFS610: 'This is not a compiled KFP v2 pipeline (pipeline spec, schemaVersion 2.1.0): compile it with KFP v2 and open the result.',
  KFS611: 'The compiled pipeline is incomplete (it refers to something it does not define): compile it again.',
  KFS612: 'The pipeline uses a KFP feature KFP Studio cannot edit yet: keep editing it in Python.',
  KFS613: 'A condition could not be read: keep editing this pipeline in Python, or simplify the condition.',
  KFS301: 'Give the pipeline a name of lower case letters, digits, - or . (in Properties when nothing is selected).',
  KFS401: 'A task uses a component the document does not hold: delete the task and add the component again.',
  KFS601: 'The pipeline cannot be compiled as it is: fix the place named, then compile again.',
  KFS602: 'An argument cannot be expressed in a compiled pipeline: set it another way (a parameter or a constant).',
  KFS701: 'The request was refused by the KFP Studio server: reload the page from the URL `npm run web` printed.',
};

export function adviceFor(code: string): string | undefined {
  return ADVICE[code as ErrorCode];
}
