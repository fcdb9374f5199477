// Where the IR schema and the real compiled pipelines sit, inside the KFP reference folder.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { KFP_DIR } from '../kfp-reference';

export const kfpDir = KFP_DIR;
export const irDescriptorPath = path.join(kfpDir, 'schema/kfp-ir.descriptor.json');
export const validIrDir = path.join(kfpDir, 'ir/valid');
export const invalidIrDir = path.join(kfpDir, 'ir/invalid');

export const irDescriptorExists = existsSync(irDescriptorPath);
