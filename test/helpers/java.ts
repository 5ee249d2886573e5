/**
 * What the Java tests need: a JDK and Maven on PATH (else they skip, saying how to run them),
 * and Maven settings that build offline. On Debian, with the packaged Maven plugins
 * (`.ci/run` installs them), the settings point Maven at Debian's repository
 * (/usr/share/maven-repo) through `-Duser.home` in MAVEN_OPTS (the JVM takes ~ from the
 * password database, not from HOME); elsewhere Maven uses the user's own ~/.m2.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

const DEBIAN_REPOSITORY = '/usr/share/maven-repo';

function onPath(name: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, name)));
}

/** Why the Java tests cannot run here, or undefined when they can. */
export const javaSkip: string | undefined = ['java', 'javac', 'mvn'].every(onPath)
  ? undefined
  : 'Java tests skipped: java, javac or mvn is missing; to run them install a JDK 17 and Maven (Debian: apt-get install openjdk-17-jdk-headless maven libmaven-compiler-plugin-java libmaven-jar-plugin-java libmaven-resources-plugin-java libsurefire-java libmaven-shade-plugin-java libmaven-exec-plugin-java libgoogle-gson-java junit5, as .ci/run does)';

if (javaSkip) process.stderr.write(`${javaSkip}\n`);

/** The environment that makes Maven build offline from Debian's repository, when it is there. */
export function mavenEnv(): Record<string, string> {
  if (!existsSync(join(DEBIAN_REPOSITORY, 'org/apache/maven/plugins/maven-jar-plugin/3.3.0'))) return {};
  const home = join(tmpdir(), 'connect-cli-java-tests');
  mkdirSync(join(home, '.m2'), { recursive: true });
  const repository = (id: string, tag: string) =>
    `<${tag}><id>${id}</id><url>file://${DEBIAN_REPOSITORY}</url><releases><checksumPolicy>ignore</checksumPolicy></releases><snapshots><enabled>false</enabled></snapshots></${tag}>`;
  writeFileSync(
    join(home, '.m2', 'settings.xml'),
    `<settings>
  <profiles>
    <profile>
      <id>debian</id>
      <repositories>${repository('central', 'repository')}</repositories>
      <pluginRepositories>${repository('central', 'pluginRepository')}</pluginRepositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>debian</activeProfile></activeProfiles>
</settings>
`,
  );
  return { MAVEN_OPTS: `-Duser.home=${home}` };
}
