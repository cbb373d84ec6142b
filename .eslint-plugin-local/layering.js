/**
 * ESLint rule `local/layering`: imports point one way (docs/architecture.md, "Layers").
 *
 * Each source folder is a layer with the layers and packages it may import. A relative import is
 * resolved to the layer it lands in; a bare import is reduced to its package name. Test files may
 * also import test tooling. Folders outside the table (test/, bench/, configs) are unrestricted.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const ANY = '*';
const TEST_TOOLING = ['vitest', 'fast-check', 'jsdom', '@testing-library/react', '@testing-library/dom', 'playwright-core'];

/** Most specific first. `packages`: allowed bare imports; `forbidden`: refused even when ANY. */
export const LAYERS = [
  { layer: 'shared', layers: ['shared'], packages: ['zod'], builtins: false },
  // Node-side code that both the desk's main process and HQ run (SQLite, the data-folder lock)
  { layer: 'src-node', layers: ['shared', 'src-node'], packages: ANY, forbidden: ['electron'], builtins: true },
  { layer: 'src-main/core', layers: ['shared', 'src-node', 'src-main/core'], packages: ANY, forbidden: ['electron'], builtins: true },
  {
    layer: 'src-main/electron',
    layers: ['shared', 'src-node', 'src-main/core', 'src-main/electron'],
    packages: ANY,
    builtins: true,
  },
  {
    layer: 'src-main/web',
    layers: ['shared', 'src-node', 'src-main/core', 'src-main/web'],
    packages: ANY,
    forbidden: ['electron'],
    builtins: true,
  },
  // the desk machine's command line (npm run desk): DeskCore without a host
  {
    layer: 'src-main/cli',
    layers: ['shared', 'src-node', 'src-main/core', 'src-main/cli'],
    packages: ANY,
    forbidden: ['electron'],
    builtins: true,
  },
  { layer: 'src-server', layers: ['shared', 'src-node', 'src-server'], packages: ANY, forbidden: ['electron'], builtins: true },
  {
    layer: 'src-renderer',
    layers: ['shared', 'src-renderer'],
    // React and its accessible widgets, the i18n library, the bundled font, time-zone-aware dates, list virtualisation
    packages: ['react', 'react-dom', 'zustand', 'zod', 'react-aria-components', 'i18next', 'react-i18next', '@internationalized/date', '@fontsource/pretendard', '@tanstack/react-virtual'],
    builtins: false,
  },
];

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

const layerOf = (absolutePath) => {
  const relative = path.relative(ROOT, absolutePath).split(path.sep).join('/');
  return LAYERS.find(({ layer }) => relative === layer || relative.startsWith(`${layer}/`));
};

const packageName = (specifier) => {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
};

const isTestFile = (file) => /\.spec\.tsx?$/.test(file) || /[/\\]testing[/\\]/.test(file);

/** Why `specifier` may not be imported from `file`, or undefined when it may. */
export const refusal = (file, specifier) => {
  const from = layerOf(file);
  if (!from) return undefined;
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = layerOf(path.resolve(path.dirname(file), specifier));
    const targetName = target ? target.layer : path.relative(ROOT, path.resolve(path.dirname(file), specifier));
    if (target && from.layers.includes(target.layer)) return undefined;
    if (!target && isTestFile(file)) return undefined;
    return `${from.layer} may not import from ${targetName} (allowed: ${from.layers.join(', ')})`;
  }
  if (builtins.has(specifier)) {
    return from.builtins ? undefined : `${from.layer} must not use Node built-in ${specifier}`;
  }
  const name = packageName(specifier);
  if (from.forbidden?.includes(name)) return `${from.layer} must not import ${name}`;
  if (from.packages === ANY || from.packages.includes(name)) return undefined;
  if (isTestFile(file) && TEST_TOOLING.includes(name)) return undefined;
  return `${from.layer} may import only ${from.packages.join(', ')}, not ${name}`;
};

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the layering of docs/architecture.md' },
    schema: [],
    messages: { layering: '{{reason}}' },
  },
  create(context) {
    const check = (node, source) => {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const reason = refusal(context.filename, source.value);
      if (reason) context.report({ node, messageId: 'layering', data: { reason } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node, node.arguments[0]);
      },
    };
  },
};
