// `pnpm start`: the main job. For now the contract is the product: build and lint it, then
// say where the bundle is.
import { bundledSpecJsonPath, bundledSpecYamlPath } from '@call-control/spec';

console.log(`contract bundled: ${bundledSpecYamlPath}\n                  ${bundledSpecJsonPath}`);
