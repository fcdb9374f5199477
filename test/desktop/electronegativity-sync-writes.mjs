// Loaded into Electronegativity's process (node --import): the tool writes its CSV report with two racing
// fs.writeFile calls (the header truncating, the rows appending), so the header could overwrite the rows or wipe
// them, and a report could read as clean. Done in order, one after the other, the report is whole.
import fs from 'node:fs';
import process from 'node:process';

fs.writeFile = function writeFileInOrder(file, data, options, callback) {
  const done = typeof options === 'function' ? options : callback;
  const opts = typeof options === 'function' ? undefined : options;
  try {
    fs.writeFileSync(file, data, opts);
  } catch (error) {
    if (done) return process.nextTick(done, error);
    throw error;
  }
  if (done) process.nextTick(done, null);
};
