// What the bundle gives for `ajv-i18n` (scripts/build.mjs): the English messages only, which is all that
// @kubernetes-models/validate uses (`localize.en`), instead of every language's, which each run would load.
'use strict';
module.exports = { en: require('ajv-i18n/localize/en') };
