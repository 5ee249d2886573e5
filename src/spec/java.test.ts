import { describe, expect, it } from 'vitest';

import {
  compiledRelease,
  executableJars,
  interpolate,
  javaMajor,
  mavenCommands,
  parsePom,
  runtimeVersionOf,
  unsupportedRelease,
  type Pom,
} from './java.js';

const pom = (body: string, head = ''): Pom => {
  const parsed = parsePom(
    `<?xml version="1.0"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0">\n${head}<artifactId>app</artifactId><version>1.0</version>\n${body}</project>\n`,
  );
  if ('error' in parsed) throw new Error(parsed.error.message);
  return parsed.pom;
};
const plugins = (xml: string): string => `<build><plugins>${xml}</plugins></build>`;
const SPRING_PARENT =
  '<parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.1.1</version></parent>';
const SHADE = (attached = false) =>
  `<plugin><artifactId>maven-shade-plugin</artifactId><executions><execution><goals><goal>shade</goal></goals><configuration>${attached ? '<shadedArtifactAttached>true</shadedArtifactAttached>' : ''}<transformers><transformer implementation="org.apache.maven.plugins.shade.resource.ManifestResourceTransformer"><mainClass>a.App</mainClass></transformer></transformers></configuration></execution></executions></plugin>`;
const JAR_MAIN =
  '<plugin><artifactId>maven-jar-plugin</artifactId><configuration><archive><manifest><mainClass>a.App</mainClass></manifest></archive></configuration></plugin>';

describe('parsePom', () => {
  it('gives the line and column of a malformed pom', () => {
    const parsed = parsePom('<project>\n  <properties>\n  </propertes>\n</project>');
    expect(parsed).toMatchObject({ error: { line: 3, column: 3 } });
  });

  it('refuses XML whose root is not <project>', () => {
    expect(parsePom('<settings/>')).toMatchObject({
      error: { message: 'the root element is not <project>' },
    });
  });
});

describe('executableJars', () => {
  it.each([
    [
      'Spring Boot under its parent',
      plugins(
        '<plugin><groupId>org.springframework.boot</groupId><artifactId>spring-boot-maven-plugin</artifactId></plugin>',
      ),
      SPRING_PARENT,
      ['app-1.0.jar'],
    ],
    [
      'Spring Boot without the parent or repackage',
      plugins('<plugin><artifactId>spring-boot-maven-plugin</artifactId></plugin>'),
      '',
      [],
    ],
    [
      'Spring Boot with repackage',
      plugins(
        '<plugin><artifactId>spring-boot-maven-plugin</artifactId><executions><execution><goals><goal>repackage</goal></goals></execution></executions></plugin>',
      ),
      '',
      ['app-1.0.jar'],
    ],
    ['the shade transformer', plugins(SHADE()), '', ['app-1.0.jar']],
    ['the shade plugin attached', plugins(SHADE(true)), '', ['app-1.0-shaded.jar']],
    ['the jar manifest', plugins(JAR_MAIN), '', ['app-1.0.jar']],
    [
      'the jar manifest and the shade plugin',
      plugins(JAR_MAIN + SHADE()),
      '',
      ['app-1.0.jar', 'original-app-1.0.jar'],
    ],
    ['nothing', plugins(''), '', []],
  ])('%s', (_, body, head, jars) => {
    expect(executableJars(pom(body, head)).executables).toEqual(jars);
  });
});

describe('the Java release', () => {
  it('reads the properties and the compiler plugin, with ${} references', () => {
    expect(
      compiledRelease(pom('<properties><maven.compiler.release>21</maven.compiler.release></properties>')),
    ).toMatchObject({ release: 21, from: 'maven.compiler.release' });
    expect(
      compiledRelease(
        pom(
          '<properties><jdk>17</jdk></properties>' +
            plugins(
              '<plugin><artifactId>maven-compiler-plugin</artifactId><configuration><release>${jdk}</release></configuration></plugin>',
            ),
        ),
      ),
    ).toMatchObject({ release: 17 });
    expect(
      compiledRelease(pom('<properties><maven.compiler.target>1.8</maven.compiler.target></properties>')),
    ).toMatchObject({ release: 8 });
    // java.version means something under Spring Boot's parent only (which defaults it to 17).
    expect(
      compiledRelease(pom('<properties><java.version>21</java.version></properties>', SPRING_PARENT)),
    ).toMatchObject({ release: 21, from: 'java.version' });
    expect(
      compiledRelease(pom('<properties><java.version>21</java.version></properties>')).release,
    ).toBeUndefined();
  });

  it('knows which releases the runtime has', () => {
    expect(unsupportedRelease(17)).toBeUndefined();
    expect(unsupportedRelease(21)).toBeUndefined();
    expect(unsupportedRelease(11)).toMatch(/no longer supported .*2026-09/);
    expect(unsupportedRelease(8)).toMatch(/not supported/);
    expect(unsupportedRelease(19)).toMatch(/not a long-term-support release/);
    expect(javaMajor('17.0.2')).toBe(17);
    expect(javaMajor('${x}')).toBeUndefined();
    expect(interpolate('${a}-${b}', { a: '${b}', b: '1' })).toBe('1-1');
  });

  it('reads GOOGLE_RUNTIME_VERSION from project.toml', () => {
    expect(
      runtimeVersionOf(
        '[[build.env]]\nname = "OTHER"\nvalue = "1"\n\n[[build.env]]\n# the JDK\nvalue = "21"\nname = "GOOGLE_RUNTIME_VERSION"\n',
      ),
    ).toEqual({ value: '21', line: 7 });
    expect(runtimeVersionOf('[build]\nname = "GOOGLE_RUNTIME_VERSION"\nvalue = "17"\n')).toBeUndefined();
  });
});

describe('mavenCommands', () => {
  it('finds the Maven invocations of a script', () => {
    expect(mavenCommands('cd x && ./mvnw -q exec:java@a; mvn -Pp verify | tee log')).toEqual([
      { tool: './mvnw', args: ['-q', 'exec:java@a'] },
      { tool: 'mvn', args: ['-Pp', 'verify'] },
    ]);
  });
});
