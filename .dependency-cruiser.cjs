/**
 * The package boundaries, checked by `make lint` (dependency-cruiser):
 * processes (api, scheduler, worker, instance-agent, operator) depend on @brickyard/common,
 * never on each other; everyone reaches common through its package name and `exports`, never
 * into its files; the web app (services/web) imports no other package; no cycles. Tests and benchmarks may open a process's sources to drive it.
 */
const processes = '^(services/(api|scheduler|worker|instance-agent)|operator)/';

module.exports = {
  forbidden: [
    {
      name: 'no-sideways-import',
      comment: 'A process never imports another process: share the contract through @brickyard/common.',
      severity: 'error',
      from: { path: `${processes}`, pathNot: '\\.test\\.ts$' },
      to: { path: `${processes}`, pathNot: '^$1/' },
    },
    {
      name: 'no-deep-import-into-common',
      comment: 'Import @brickyard/common/<area> (its exports map), never a path into its files.',
      severity: 'error',
      from: { pathNot: '^services/common/' },
      to: { path: '^services/common/', dependencyTypes: ['local'], dependencyTypesNot: ['aliased'] },
    },
    {
      name: 'common-depends-on-no-process',
      comment: 'The shared library is the bottom layer.',
      severity: 'error',
      from: { path: '^services/common/' },
      to: { path: `${processes}` },
    },
    {
      name: 'web-app-reaches-only-the-rest-api',
      comment:
        'The web workspace is a browser bundle: it talks to the platform through the public REST API only.',
      severity: 'error',
      from: { path: '^services/web/' },
      to: { path: '^(services/(?!web/)|operator/)' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['brickyard-source', 'import', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.json'],
    },
  },
};
