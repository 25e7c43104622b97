/** Runs a generator's command line: `--check` fails if the committed file is stale, otherwise writes it on change. */
export function runGenerator(options: {
  target: URL;
  name: string;
  render: () => string | Promise<string>;
}): Promise<void>;
