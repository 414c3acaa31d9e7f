/**
 * Error lists gathered in linear time. Where a schema refers to another (`$ref`), the code Ajv generates adds the
 * referred validator's errors with `vErrors = vErrors === null ? errs : vErrors.concat(errs)`: a copy of every
 * error so far, for each item. A DCAE spec of 4 000 parameters, each with a complaint, took seconds (20 000:
 * minutes). This rewrites that statement to append in place; the errors and their order are the same.
 */

/** The statement Ajv generates, with the referred validator's errors as `$1`. */
const CONCAT = /vErrors = vErrors === null \? ([\w$.]+\.errors) : vErrors\.concat\(\1\);/g;

/** Generated validator code with every error merge made linear; applied to what Ajv compiles here and to the build's precompiled code. */
export function mergeErrorsLinearly(code: string): string {
  return code.replace(CONCAT, 'if (vErrors === null) { vErrors = $1.slice(); } else { for (const e of $1) vErrors.push(e); }');
}
