// What the bundle gives cdk8s for `child_process` (scripts/build.mjs). cdk8s requires it as it loads, for Helm charts
// and YAML read from URLs, which the compiler never uses; loading it (with `net` and `dgram`) costs every run a
// few milliseconds. Each function here loads the real module at its first call instead.
'use strict';
let real;
const load = () => (real ??= require('node:child_process'));
module.exports = new Proxy(
  {},
  {
    get:
      (_, name) =>
      (...args) =>
        load()[name](...args),
  },
);
