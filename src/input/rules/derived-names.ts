/** The object names derived from a component name, cut to 63 characters. */
import { componentObjects, MAX_NAME } from '../../contract/names';
import { str } from '../values';
import { ComponentRule } from './rule';

/** A component name the schema accepts (a DNS-1035 label); derived names are checked only for those. */
const NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** The `derived-names` rule: derived object names are cut to 63 characters; a cut name must still be valid and distinct. */
export const derivedNamesRule: ComponentRule<'derived-names', 'ports'> = {
  name: 'derived-names',
  description: 'The names of the objects derived from the component name stay valid and distinct once cut to 63 characters.',
  after: ['ports'],
  check: ({ value, read: { ports }, report: err }) => {
    const name = str(value.name);
    if (name === undefined || !NAME.test(name)) return;
    const seen = new Map<string, string>();
    for (const { role: what, name: derived } of componentObjects(name, ports)) {
      if (derived.endsWith('-')) {
        err(['name'], `gives the ${what} name "${derived}" once cut to ${MAX_NAME} characters, which ends in "-"; expected a shorter name`);
      }
      const other = seen.get(derived);
      if (other) {
        const longest = what.startsWith('IPv6') ? MAX_NAME - '-ipv6'.length - 1 : MAX_NAME - 1;
        err(
          ['name'],
          `gives the same name "${derived}" to the ${other} and the ${what} once cut to ${MAX_NAME} characters; expected a name of at most ${longest} characters`,
        );
      }
      seen.set(derived, what);
    }
  },
};
