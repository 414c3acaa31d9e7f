/**
 * What the command line prints about itself: the usage texts, and the names they mention. A module of its own,
 * with nothing heavy imported, so that `--help` and `--version` start without loading the compiler (see
 * scripts/build.mjs, which bundles it apart).
 */
import { ALLOW_EMPTY_FLAG } from '../contract/names';

/** The options file's name, looked for in the folder the command runs in (as cdk8s looks for cdk8s.yaml). */
export const OPTIONS_FILE = 'dcae-synth.yaml';

/** The one-line usage, printed after every wrong option. */
export const USAGE_LINE =
  'Usage: dcae-synth [options]   (in this repository: npm run synth -- [options]; a new repository: dcae-synth init [DIR])';
/** Where to read more, printed after the one-line usage. */
export const HELP_HINT = 'Run dcae-synth --help for every option.';

export const USAGE = `Usage: dcae-synth [options]
       dcae-synth init [DIR] [--force] [--compiler SPEC]
       (in this repository: npm run synth -- [options], or npx cdk8s synth)

Compiles every component spec in the components folder into Kubernetes manifests in the
output folder, with a kustomization.yaml in each output folder. Nothing is written when any
file has an error. Relative folders are taken from where you run the command, also through npm.

Settings: each one is a flag, or a key of the same name in the options file ${OPTIONS_FILE}
(read from the folder you run in; its relative folders are taken from where it is). A flag
wins over the file.
  --components DIR          folder of component specs and the optional platform.yaml
                            (default: components)
  --out DIR                 output folder (default: dist)
  ${ALLOW_EMPTY_FLAG}             accept a components folder with no component spec and remove every
                            manifest from the output folder (default: off, such a folder is an error)
  --helm-chart NAME         also write a Helm chart for each output folder, into <out>/helm/<chart>/
                            (default: no chart)
  --chart-version SEMVER    the Helm charts' version (required with --helm-chart; no default)
  --quiet                   print only errors (and, with --check, the diffs) (default: off)
  --cache DIR               where to keep what each component rendered to, so that a run renders
                            only what changed; off: no cache (default: node_modules/.cache/dcae-synth
                            in the nearest folder above that has node_modules, else off)
  --jobs N                  threads that render components (default: 2, or fewer cores)

Flags only:
  --check                   write nothing; print a diff of every file that is stale, missing or
                            extra, and exit 1 if there is any (default: off)
  --config FILE             the options file (default: ${OPTIONS_FILE} if there is one)
  --version                 print the version and exit
  -h, --help                show this help and exit

dcae-synth init [DIR] starts a GitOps repository in DIR (default: here); see README.md.

Exit codes: 0 done (or up to date), 1 errors in the input (or, with --check, differences),
2 wrong options, 70 a bug in the compiler, 74 the output folder could not be written.`;

/** The CI workflow's path. */
export const INIT_WORKFLOW = '.github/workflows/dcae-check.yaml';

export const INIT_USAGE = `Usage: dcae-synth init [DIR] [--force] [--compiler SPEC]

Starts a GitOps repository in DIR (default: the folder you are in): package.json (the compiler pinned as a
dev dependency, scripts synth and check), ${OPTIONS_FILE}, components/ with examples, .gitignore,
.gitattributes and ${INIT_WORKFLOW}. Then: npm install && npm run synth && npm run check.

Options:
  --force           also start in a folder that is not empty (existing files are kept, never overwritten)
  --compiler SPEC   the dev dependency to write for the compiler, as npm takes it (default: this
                    compiler's exact version; a tarball path or file: URL for an air-gapped install)
  -h, --help        show this help and exit`;

/** init's one-line usage and where to read more, printed after a wrong option. */
export const INIT_USAGE_LINE = [
  'Usage: dcae-synth init [DIR] [--force] [--compiler SPEC]',
  'Run dcae-synth init --help for every option.',
] as const;
