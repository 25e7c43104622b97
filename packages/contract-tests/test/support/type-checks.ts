// The TypeScript set-ups a consumer of the packages may have. All are strict and check every
// declaration file they reach (skipLibCheck false, tsc's default): shipped declarations that
// do not compile fail here, however deep they sit.
export interface TypeCheck {
  name: string;
  /** Files of test/fixtures/consumer/ (copied into the consumer project). */
  files: string[];
  compilerOptions: Record<string, unknown>;
}

const common = { strict: true, skipLibCheck: false, target: 'ES2022', lib: ['ES2023'] };

export const TYPE_CHECKS: TypeCheck[] = [
  {
    name: 'Node app, moduleResolution node16',
    files: ['node-app.ts'],
    compilerOptions: { module: 'node16', moduleResolution: 'node16', types: ['node'] },
  },
  {
    name: 'Node app, moduleResolution bundler',
    files: ['node-app.ts'],
    compilerOptions: { module: 'esnext', moduleResolution: 'bundler', types: ['node'] },
  },
  {
    // No @types/node: the client and the handler's main entry point must not need it.
    name: 'browser app without Node types, moduleResolution bundler',
    files: ['browser-app.ts'],
    compilerOptions: {
      module: 'esnext',
      moduleResolution: 'bundler',
      types: [],
      lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    },
  },
  {
    name: 'CommonJS module requiring the packages, module nodenext',
    files: ['commonjs-app.cts'],
    compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', types: ['node'] },
  },
];

/** A tsconfig.json's text. */
export function tsconfig(files: string[], compilerOptions: Record<string, unknown>): string {
  return `${JSON.stringify({ compilerOptions: { ...common, ...compilerOptions }, files }, null, 2)}\n`;
}
