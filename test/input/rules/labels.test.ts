/** The labels rule: label keys and values as Kubernetes accepts them, and none the compiler sets. */
import { labelsRule } from '../../../src/input/rules/labels';
import { a, F, testRule, withHead } from './tester';

const LABEL_KEY_RULE =
  'a label key: at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit, with an optional "<dns-prefix>/"';
const LABEL_VALUE_RULE = 'a label value: empty, or at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit';

testRule(labelsRule, {
  valid: [
    {
      title: 'labels with a prefix, an empty value and 63 characters',
      spec: withHead('labels:', '  example.com/team: dcae', '  empty: ""', `  ${a(63)}: ${a(63)}`),
    },
  ],
  invalid: [
    {
      title: 'a label key starting with "-"',
      spec: withHead('labels:', '  "-bad": x'),
      errors: [`${F}:4:3: labels["-bad"]: "-bad" is not ${LABEL_KEY_RULE}`],
    },
    {
      title: 'a label key of 64 characters',
      spec: withHead('labels:', `  ${a(64)}: x`),
      errors: [`${F}:4:3: labels.${a(64)}: "${a(64)}" is not ${LABEL_KEY_RULE}`],
    },
    {
      title: 'a label key with a bad prefix',
      spec: withHead('labels:', '  "Bad_Prefix/x": y'),
      errors: [
        `${F}:4:3: labels["Bad_Prefix/x"]: "Bad_Prefix/x" is not a label key whose prefix (before "/") is a DNS-1123 subdomain of at most 253 characters`,
      ],
    },
    {
      title: 'a label value with a space',
      spec: withHead('labels:', '  team: "a b"'),
      errors: [`${F}:4:9: labels.team: "a b" is not ${LABEL_VALUE_RULE}`],
    },
    {
      title: 'a label value of 64 characters',
      spec: withHead('labels:', `  team: ${a(64)}`),
      errors: [`${F}:4:9: labels.team: "${a(64)}" is not ${LABEL_VALUE_RULE}`],
    },
    {
      title: 'the label app',
      spec: withHead('labels:', '  app: x'),
      errors: [`${F}:4:3: labels.app: the label "app" is set by the compiler (app: <name>, k8sdeployment: dep-<name>); remove it`],
    },
    {
      title: 'the label k8sdeployment',
      spec: withHead('labels:', '  team: dcae', '  k8sdeployment: x'),
      errors: [
        `${F}:5:3: labels.k8sdeployment: the label "k8sdeployment" is set by the compiler (app: <name>, k8sdeployment: dep-<name>); remove it`,
      ],
    },
  ],
});
