/** The volumes rule: each volume's one source. */
import { volumesRule } from '../../../src/input/rules/volumes';
import { F, testRule, withHead } from './tester';

testRule(volumesRule, {
  valid: [
    {
      title: 'a host volume and a config volume',
      spec: withHead(
        'volumes:',
        '  - host: {path: /a}',
        '    container: {bind: /a, mode: ro}',
        '  - config_volume: {name: c}',
        '    container: {bind: /c}',
      ),
    },
  ],
  invalid: [
    {
      title: 'a volume with no source',
      spec: withHead('volumes:', '  - container: {bind: /a}'),
      errors: [`${F}:4:5: volumes[0]: has no source; expected exactly one of host: {path} or config_volume: {name}`],
    },
    {
      title: 'a volume with two sources',
      spec: withHead('volumes:', '  - host: {path: /a}', '    config_volume: {name: c}', '    container: {bind: /a}'),
      errors: [`${F}:4:5: volumes[0]: has both host and config_volume; expected exactly one source`],
    },
  ],
});
