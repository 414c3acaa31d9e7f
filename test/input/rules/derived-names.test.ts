/** The derived-names rule: object names derived from the component name, cut to 63 characters. */
import { derivedNamesRule } from '../../../src/input/rules/derived-names';
import { a, F, testRule, y } from './tester';

testRule(derivedNamesRule, {
  valid: [
    { title: 'a 63-character name with no ports', spec: y(`name: ${a(63)}`, 'image: x') },
    {
      title: 'a 57-character name with an IPv4 and an IPv6 NodePort',
      spec: y(`name: ${a(57)}`, 'image: x', 'ports:', '  - "80:30080"', '  - {concat: ["81:30081"], ipv6: true}'),
    },
  ],
  invalid: [
    {
      title: 'dep-<name> cut to 63 ends in "-"',
      spec: y(`name: ${a(58)}-bcd`, 'image: x'),
      errors: [
        `${F}:1:7: name: gives the Deployment name "dep-${a(58)}-" once cut to 63 characters, which ends in "-"; expected a shorter name`,
      ],
    },
    {
      title: 'x<name> cut to 63 ends in "-"',
      spec: y(`name: ${a(61)}-b`, 'image: x', 'ports: ["80:30080"]'),
      errors: [
        `${F}:1:7: name: gives the NodePort Service name "x${a(61)}-" once cut to 63 characters, which ends in "-"; expected a shorter name`,
      ],
    },
    {
      title: 'x<name>-ipv6 cut to 63 ends in "-"',
      spec: y(`name: ${a(61)}`, 'image: x', 'ports:', '  - {concat: ["81:30081"], ipv6: true}'),
      errors: [
        `${F}:1:7: name: gives the IPv6 NodePort Service name "x${a(61)}-" once cut to 63 characters, which ends in "-"; expected a shorter name`,
      ],
    },
    {
      title: 'x<name> and x<name>-ipv6 collide once cut',
      spec: y(`name: ${a(62)}`, 'image: x', 'ports:', '  - "80:30080"', '  - {concat: ["81:30081"], ipv6: true}'),
      errors: [
        `${F}:1:7: name: gives the same name "x${a(62)}" to the NodePort Service and the IPv6 NodePort Service once cut to 63 characters; expected a name of at most 57 characters`,
      ],
    },
    // Regression (a bug found while writing these tests, since fixed): the clash was caught by the cross-component check,
    // whose message said the component collides with itself.
    {
      title: 'a 63-character name of x only, with a NodePort (the clash of <name> and x<name> is within one component)',
      spec: y(`name: ${'x'.repeat(63)}`, 'image: x', 'ports: ["80:30080"]'),
      errors: [
        `${F}:1:7: name: gives the same name "${'x'.repeat(63)}" to the ClusterIP Service and the NodePort Service once cut to 63 characters; expected a name of at most 62 characters`,
      ],
    },
  ],
});
