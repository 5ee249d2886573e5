import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { mainClassOf, readManifest } from './jar.js';
import { explainMaven, javaRuntime, parseJavaVersion } from './java.js';

const hasJar = (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, 'jar')));

describe('reading a jar', () => {
  const dir = mkdtempSync(join(tmpdir(), 'connect-jar-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(!hasJar)('finds the Main-Class of a jar made by the JDK (deflated manifest)', async () => {
    writeFileSync(join(dir, 'manifest.txt'), 'Main-Class: com.example.connect.App\n');
    writeFileSync(join(dir, 'a.txt'), 'x'.repeat(1000));
    execFileSync('jar', ['cfm', 'app.jar', 'manifest.txt', 'a.txt'], { cwd: dir });
    const manifest = await readManifest(join(dir, 'app.jar'));
    expect(manifest && mainClassOf(manifest)).toBe('com.example.connect.App');
    execFileSync('jar', ['cf', 'plain.jar', 'a.txt'], { cwd: dir });
    const plain = await readManifest(join(dir, 'plain.jar'));
    expect(plain).toContain('Manifest-Version');
    expect(plain && mainClassOf(plain)).toBeUndefined();
  });

  it('says nothing for a file that is not a jar', async () => {
    writeFileSync(join(dir, 'not.jar'), 'hello');
    expect(await readManifest(join(dir, 'not.jar'))).toBeUndefined();
    expect(await readManifest(join(dir, 'missing.jar'))).toBeUndefined();
  });

  it('joins continuation lines of a manifest', () => {
    expect(
      mainClassOf('Manifest-Version: 1.0\r\nMain-Class: com.example.very.long.pack\r\n age.App\r\n'),
    ).toBe('com.example.very.long.package.App');
  });
});

describe('the Java runtime', () => {
  it('reads the major version of `java -version`', () => {
    expect(parseJavaVersion('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment')).toBe(17);
    expect(parseJavaVersion('java version "1.8.0_381"')).toBe(8);
    expect(parseJavaVersion('openjdk version "21-ea" 2023-09-19')).toBe(21);
    expect(parseJavaVersion('command not found')).toBeUndefined();
  });

  it("keeps Maven's errors and drops its boilerplate", () => {
    const output = [
      '[INFO] Scanning for projects...',
      '[ERROR] /app/src/main/java/App.java:[6,3] cannot find symbol',
      '[ERROR] -> [Help 1]',
      '[ERROR] ',
      '[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.',
      '[ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/MojoFailureException',
    ].join('\n');
    expect(explainMaven(output)).toBe('/app/src/main/java/App.java:[6,3] cannot find symbol');
    expect(explainMaven('[ERROR] Plugin x could not be resolved: Could not transfer artifact y')).toMatch(
      /settings\.xml/,
    );
    expect(explainMaven('[INFO] BUILD SUCCESS')).toBeUndefined();
  });

  it('gives the JVM SERVER_PORT = PORT and no Node.js preload; scripts keep theirs', () => {
    const app = { name: 'svc', dir: '/x/svc', root: '/x', type: 'service' };
    const env = {
      PORT: '4100',
      NODE_OPTIONS: '--require=/preload.cjs',
      CONNECT_DEV_MAP_PORTS: '8080',
      A: 'b',
    };
    expect(javaRuntime.environment(app, env, 'start')).toEqual({ PORT: '4100', SERVER_PORT: '4100', A: 'b' });
    expect(javaRuntime.environment(app, env, 'script')).toEqual(env);
  });

  it('turns --inspect into the JDWP agent of the JVM (suspend=y with --inspect-brk)', () => {
    const app = { name: 'svc', dir: '/x/svc', root: '/x', type: 'service' };
    const env = { PORT: '4100', CONNECT_DEV_INSPECT: '127.0.0.1:9229', CONNECT_DEV_INSPECT_WAIT: '1' };
    expect(javaRuntime.environment(app, env, 'start')).toEqual({
      PORT: '4100',
      SERVER_PORT: '4100',
      CONNECT_DEV_JDWP: '-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=127.0.0.1:9229',
    });
    expect(javaRuntime.environment(app, { PORT: '4100' }, 'start')).not.toHaveProperty('CONNECT_DEV_JDWP');
    expect(javaRuntime.debuggerHint?.('127.0.0.1:9229', false)).toMatch(/jdb -attach 127\.0\.0\.1:9229/);
  });

  it('rebuilds from the sources and the build files only', () => {
    const watches = (path: string) => javaRuntime.watches?.(path);
    expect(watches('src/main/java/App.java')).toBe(true);
    expect(watches('pom.xml')).toBe(true);
    expect(watches('project.toml')).toBe(true);
    expect(watches('.env')).toBe(true); // the configuration: re-read, not rebuilt
    expect(watches('README.md')).toBe(false);
    expect(javaRuntime.generatedDirs).toContain('target');
  });
});
