/**
 * better-sqlite3 for Electron, built BESIDE the Node build that `npm install` made and the tests
 * use — never over it. Electron has its own ABI (node_modules/electron/abi_version), so its copy
 * of better_sqlite3.node is made in a staging copy of the package under
 * node_modules/.cache/clinic-desk/electron-native/<target>/ and handed to DeskCore through
 * better-sqlite3's `nativeBinding` option (DESK_ELECTRON_NATIVE_BINDING in development; the
 * packaged app's app.asar.unpacked/native/ in installers).
 *
 * Two ways to get it, in order: better-sqlite3's prebuilt binary for this Electron
 * (prebuild-install --runtime electron), else a compile with node-gyp against Electron's headers.
 * npm's `nodedir` setting (which points node-gyp at Node's own headers and makes
 * `electron-builder install-app-deps` silently build for Node) is removed from the child's
 * environment. The result is checked: plain Node must refuse to load it with Electron's
 * NODE_MODULE_VERSION, or it is not an Electron build.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface ElectronTarget {
  readonly electronVersion: string;
  /** NODE_MODULE_VERSION of that Electron. */
  readonly abi: string;
  readonly platform: NodeJS.Platform;
  readonly arch: string;
}

const readJson = (file: string): { version: string } => JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string };

export const electronTarget = (repo: string, platform: NodeJS.Platform = process.platform, arch: string = process.arch): ElectronTarget => {
  const electronDir = path.join(repo, 'node_modules', 'electron');
  return {
    electronVersion: readJson(path.join(electronDir, 'package.json')).version,
    abi: fs.readFileSync(path.join(electronDir, 'abi_version'), 'utf8').trim(),
    platform,
    arch,
  };
};

export const nativeStagingDir = (repo: string, target: ElectronTarget): string => {
  const betterSqlite = readJson(path.join(repo, 'node_modules', 'better-sqlite3', 'package.json')).version;
  return path.join(
    repo,
    'node_modules',
    '.cache',
    'clinic-desk',
    'electron-native',
    `better-sqlite3-${betterSqlite}-electron-${target.electronVersion}-${target.platform}-${target.arch}`,
  );
};

/** npm settings that would make node-gyp or prebuild-install build for something else. */
const FOREIGN_BUILD_SETTINGS = /^npm_config_(nodedir|target|target_arch|arch|runtime|disturl|dist_url|build_from_source|platform)$/i;

export const cleanBuildEnv = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(env).filter(([key]) => !FOREIGN_BUILD_SETTINGS.test(key)));

const run = (command: string, args: readonly string[], cwd: string, report: (line: string) => void): Promise<boolean> =>
  new Promise((resolve) => {
    report(`$ ${path.basename(command)} ${args.join(' ')}`);
    const child = spawn(command, args, { cwd, env: cleanBuildEnv(process.env), stdio: ['ignore', 'pipe', 'pipe'] });
    const forward = (chunk: Buffer): void => {
      for (const line of chunk.toString().split('\n')) if (line.trim() !== '') report(`  ${line}`);
    };
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);
    child.on('error', (error) => {
      report(`  ${error.message}`);
      resolve(false);
    });
    child.on('close', (code) => resolve(code === 0));
  });

/** Why `file` is not a better-sqlite3 build for `target`, or null when it is one. */
export const checkElectronBuild = async (file: string, target: ElectronTarget): Promise<string | null> => {
  if (!fs.existsSync(file)) return `${file} was not made`;
  if (target.platform !== process.platform || target.arch !== process.arch) return null; // cannot load another platform's binary here
  const output = await new Promise<string>((resolve) => {
    const child = spawn(process.execPath, ['-e', `require(${JSON.stringify(file)}); console.log('LOADED-IN-NODE')`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('close', () => resolve(text));
  });
  if (output.includes('LOADED-IN-NODE') && process.versions.modules !== target.abi) {
    return `${file} loads in Node ${process.version}: it was built for Node's ABI, not Electron's (${target.abi})`;
  }
  if (output.includes(`NODE_MODULE_VERSION ${target.abi}`)) return null;
  if (output.includes('LOADED-IN-NODE')) return null; // same ABI as this Node: nothing to tell apart
  return `${file} is not a build for Electron ${target.electronVersion}: ${output.trim().split('\n')[0] ?? ''}`;
};

const nodeGypScript = (repo: string): string | null => {
  const candidates = [
    process.env.npm_config_node_gyp,
    (() => {
      try {
        return createRequire(path.join(repo, 'package.json')).resolve('node-gyp/bin/node-gyp.js');
      } catch {
        return undefined;
      }
    })(),
    path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  return candidates.find((candidate): candidate is string => candidate !== undefined && fs.existsSync(candidate)) ?? null;
};

/**
 * The path of better_sqlite3.node for `target`, made once and then reused. Throws with the steps
 * tried when it cannot be made (no network for the prebuilt and no compiler or headers).
 */
export const ensureElectronNativeBinding = async (repo: string, target: ElectronTarget, report: (line: string) => void): Promise<string> => {
  const dir = nativeStagingDir(repo, target);
  const file = path.join(dir, 'build', 'Release', 'better_sqlite3.node');
  const marker = path.join(dir, '.electron-target.json');
  if (fs.existsSync(file) && fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === JSON.stringify(target)) return file;

  report(`Building better-sqlite3 for Electron ${target.electronVersion} (ABI ${target.abi}, ${target.platform}-${target.arch}) in ${dir}`);
  const source = path.join(repo, 'node_modules', 'better-sqlite3');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  // The Node build under source/build is not copied: it stays where the tests load it.
  fs.cpSync(source, dir, { recursive: true, filter: (from) => path.relative(source, from).split(path.sep)[0] !== 'build' });

  const failures: string[] = [];
  const prebuild = createRequire(path.join(source, 'package.json')).resolve('prebuild-install/bin.js');
  const platformArgs = [`--platform=${target.platform}`, `--arch=${target.arch}`];
  if (await run(process.execPath, [prebuild, '--runtime=electron', `--target=${target.electronVersion}`, ...platformArgs, '--tag-prefix=v', '--verbose'], dir, report)) {
    const problem = await checkElectronBuild(file, target);
    if (problem === null) {
      fs.writeFileSync(marker, JSON.stringify(target));
      return file;
    }
    failures.push(`prebuilt binary: ${problem}`);
  } else {
    failures.push('prebuilt binary: could not be downloaded (prebuild-install failed)');
  }

  const gyp = nodeGypScript(repo);
  if (gyp === null) failures.push('compile: node-gyp not found');
  else if (target.platform !== process.platform) failures.push(`compile: cannot compile for ${target.platform} on ${process.platform}`);
  else if (
    await run(
      process.execPath,
      [
        gyp,
        'rebuild',
        '--release',
        '--runtime=electron',
        `--target=${target.electronVersion}`,
        `--arch=${target.arch}`,
        '--dist-url=https://electronjs.org/headers',
        `--devdir=${path.join(path.dirname(dir), 'node-gyp')}`,
      ],
      dir,
      report,
    )
  ) {
    const problem = await checkElectronBuild(file, target);
    if (problem === null) {
      fs.writeFileSync(marker, JSON.stringify(target));
      return file;
    }
    failures.push(`compile: ${problem}`);
  } else {
    failures.push("compile: node-gyp failed (it needs Electron's headers from electronjs.org and a C++ toolchain)");
  }
  throw new Error(`better-sqlite3 could not be built for Electron ${target.electronVersion}:\n  - ${failures.join('\n  - ')}`);
};
