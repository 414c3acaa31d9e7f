// What the bundle gives @kubernetes-models/validate's list of formats for `ajv-formats-draft2019/formats` and
// `is-cidr` (scripts/build.mjs). The list takes every format of both as it loads: with them come a URI parser, an
// e-mail address grammar, the IANA URI schemes, Node's `punycode` and the CIDR expressions, a few milliseconds of
// every run. The Kubernetes schemas the compiler checks use none of these formats (only int32, int64, double,
// byte, quantity and date-time). Here each one is a function that loads the real module at its first call and
// answers as it does; `duration` is a regular expression, taken as it is. scripts/lazy-formats-check.mjs (run by
// the build) checks that the real modules have these names, and no others, in this order.
'use strict';
let formats;
let cidr;
const draft2019 = () => (formats ??= require('ajv-formats-draft2019/formats/index.js'));
const isCidr = () => (cidr ??= require('is-cidr'));
const later = (name) => (value) => draft2019()[name](value);

module.exports.draft2019 = {
  iri: later('iri'),
  duration: require('ajv-formats-draft2019/formats/duration.js'),
  'idn-email': later('idn-email'),
  'idn-hostname': later('idn-hostname'),
  'iri-reference': later('iri-reference'),
};
module.exports.isCidr = Object.assign((value) => isCidr()(value), {
  v4: (value) => isCidr().v4(value),
  v6: (value) => isCidr().v6(value),
});
