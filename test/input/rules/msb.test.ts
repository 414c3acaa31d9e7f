/** The msb rule: an MSB registration needs a port. */
import { msbRule } from '../../../src/input/rules/msb';
import { F, testRule, withHead } from './tester';

testRule(msbRule, {
  valid: [
    { title: 'msb_list and a port', spec: withHead('ports: ["80:0"]', 'msb_list:', '  - serviceName: x', '    port: 80') },
    { title: 'an empty msb_list and no ports', spec: withHead('msb_list: []') },
  ],
  invalid: [
    {
      title: 'msb_list and no ports',
      spec: withHead('msb_list:', '  - serviceName: x'),
      errors: [
        `${F}:4:3: msb_list: registers the component with MSB through its ClusterIP Service, and the component has no ports; expected a port in ports`,
      ],
    },
  ],
});
