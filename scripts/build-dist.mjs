#!/usr/bin/env node
// `pnpm build`: the folders the container images copy (deploy/images/*.Containerfile, docs/aws-images.md), one per
// image under dist/: compiled JavaScript bundles of our TypeScript (esbuild; workspace packages inlined, so nothing
// needs tsx or TypeScript at run time) and a node_modules holding exactly the npm packages those bundles import, with
// their production dependencies. Node built-ins and the workspace's own devDependencies only.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Each image's entry points (workspace paths) and the built folders it also serves. A bundle is written where its
 * entry's source sits, with the package's `src/` replaced by `dist/` (control-plane/src/bin/api.ts →
 * control-plane/dist/bin/api.js): the sources find the portal and the player SDK from `import.meta.url`
 * (api/portal-route.ts, api/sdk-route.ts), and at the same depth those paths land on the same folders in the image.
 */
const IMAGES = {
  // control-plane/certs: the RDS CA bundle, which db/postgres-connection.ts reads beside the bundle (DATABASE_TLS=verify-full).
  // control-plane/storefront: the storefront's client script (api/storefront-client-file.ts), with a minified copy
  // beside it (minifiedScripts: each written as <name>.min.js), which the built API serves instead.
  // packageFiles: files of packages read at run time rather than imported (Redoc's browser bundle, served at
  // /v1/reference by api/rest/rest-docs-route.ts), copied alone: their dependencies are inside them.
  api: {
    entries: ['control-plane/src/bin/api.ts'],
    assets: ['tenant-portal/dist', 'player-sdk/dist', 'packages/upload-client/dist', 'control-plane/certs', 'control-plane/storefront'],
    minifiedScripts: ['control-plane/storefront/storefront-client.js'],
    packageFiles: ['redoc/package.json', 'redoc/bundles/redoc.standalone.js'],
  },
  worker: { entries: ['control-plane/src/bin/worker.ts'], assets: ['control-plane/certs'] },
  // One tenant stack per run: synthesises it and applies or destroys it with terraform (docs/aws-provisioning.md).
  provisioner: { entries: ['control-plane/src/bin/provision-tenant-stack.ts'], assets: [] },
};

/** Never needed to run: type declarations and sources (TypeScript is not executed), jsii assemblies (130 MB of metadata for other languages' bindings). */
const NOT_SHIPPED = /(\.[cm]?ts|\.tsbuildinfo|^\.jsii)$/;

async function buildDist(outDir) {
  const started = Date.now();
  rmSync(outDir, { recursive: true, force: true });
  // The portal and the player's script-tag bundle, each rebuilt only when its sources changed.
  execFileSync(process.execPath, [path.join(root, 'tenant-portal/scripts/build-if-stale.mjs')], { stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(root, 'player-sdk/build/ensure-build.mjs')], { stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(root, 'packages/upload-client/build/build-browser-bundle.mjs')], { stdio: 'inherit' });

  // The control plane's production dependency tree from the lockfile, hoisted so that one node_modules at an image's
  // root resolves every package the bundles import (including those only the inlined workspace packages depend on).
  const staging = path.join(outDir, '.staging');
  execFileSync('pnpm', ['--filter', '@ott/control-plane', 'deploy', '--prod', '--offline', '--config.inject-workspace-packages=true', '--config.node-linker=hoisted', '--reporter=silent', staging], {
    cwd: root,
    stdio: 'inherit',
  });
  const sizes = {};
  for (const [image, { entries, assets, packageFiles = [], minifiedScripts = [] }] of Object.entries(IMAGES)) {
    const imageDir = path.join(outDir, image);
    const imports = await bundle(entries, imageDir);
    const packages = dependencyClosure(imports, staging);
    for (const relative of packages) copyTree(path.join(staging, relative), path.join(imageDir, relative), { skipNodeModules: true });
    for (const asset of assets) copyTree(path.join(root, asset), path.join(imageDir, asset), { skipNodeModules: false });
    for (const script of minifiedScripts) {
      const { code } = await transform(readFileSync(path.join(root, script), 'utf8'), { loader: 'js', minify: true, target: 'es2020', legalComments: 'none' });
      writeFileSync(path.join(imageDir, script.replace(/\.js$/, '.min.js')), code);
    }
    for (const file of packageFiles) {
      mkdirSync(path.dirname(path.join(imageDir, 'node_modules', file)), { recursive: true });
      copyFileSync(path.join(staging, 'node_modules', file), path.join(imageDir, 'node_modules', file));
    }
    const dependencies = Object.fromEntries([...imports].sort().map((name) => [name, readJson(path.join(staging, 'node_modules', name, 'package.json')).version]));
    writeFileSync(path.join(imageDir, 'package.json'), `${JSON.stringify({ name: `ott-${image}`, private: true, type: 'module', dependencies }, null, 2)}\n`);
    sizes[image] = packages.length;
  }
  rmSync(staging, { recursive: true, force: true });
  console.log(
    `[build] ${Object.entries(sizes)
      .map(([image, count]) => `dist/${image} (${count} packages)`)
      .join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

/** Bundles the entries into the image's folder; returns the npm packages the bundles import. */
async function bundle(entries, imageDir) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: entries.map((entry) => ({ in: entry, out: entry.replace(/\/src\//, '/dist/').replace(/\.ts$/, '') })),
    outdir: imageDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    plugins: [
      {
        // Our workspace packages are compiled into the bundle; every other package is imported from node_modules.
        name: 'npm-packages-external',
        setup(esbuild) {
          esbuild.onResolve({ filter: /^[^./]/ }, ({ path: specifier }) => (specifier.startsWith('@ott/') || isBuiltin(specifier) ? undefined : { path: specifier, external: true }));
        },
      },
    ],
  });
  const imports = new Set();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const { path: specifier, external } of output.imports) {
      if (external && !isBuiltin(specifier))
        imports.add(
          specifier
            .split('/')
            .slice(0, specifier.startsWith('@') ? 2 : 1)
            .join('/'),
        );
    }
  }
  return imports;
}

/** The packages (paths relative to `staging`) that `names` need: each one and its dependencies, resolved as Node would. */
function dependencyClosure(names, staging) {
  const found = new Set();
  const visit = (name, fromDir, optional) => {
    const location = resolvePackage(name, fromDir, staging);
    if (!location) {
      if (optional) return;
      throw new Error(`${name} (needed from ${path.relative(staging, fromDir) || 'the bundle'}) is not in the production dependencies: add it to the dependencies of the package that imports it.`);
    }
    const relative = path.relative(staging, location);
    if (found.has(relative)) return;
    found.add(relative);
    const manifest = readJson(path.join(location, 'package.json'));
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency, location, false);
    // Platform-specific builds and other optional parts are here only when they apply to this machine.
    for (const dependency of Object.keys(manifest.optionalDependencies ?? {})) visit(dependency, location, true);
  };
  for (const name of names) visit(name, staging, false);
  return [...found].sort();
}

function resolvePackage(name, fromDir, staging) {
  for (let dir = fromDir; dir.startsWith(staging); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
  }
  return undefined;
}

/** Hard links where the file system allows (the build stays fast and small), copies otherwise. */
function copyTree(from, to, { skipNodeModules }) {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (NOT_SHIPPED.test(entry.name) || entry.name === '.bin' || (skipNodeModules && entry.name === 'node_modules')) continue;
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copyTree(source, target, { skipNodeModules: false });
    else if (entry.isFile()) {
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
    }
  }
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

await buildDist(path.join(root, 'dist'));
